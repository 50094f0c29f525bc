// Cohort report: one sponsor (GET /v1/sponsors/:sponsorId/cohort-report), or every sponsor a consultant or admin
// serves (GET /v1/cohort-report?sponsorId=a&sponsorId=b). Streamed straight into the response.

import { PassThrough } from 'node:stream';
import type { Response } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import type { Request } from 'firebase-functions/v2/https';
import { adminFirestore, firestore, paths } from '../db';
import { type CohortEntry, writeCohortReport } from '../excel/cohort';
import { XLSX_TYPE } from '../excel/transcript';
import { forbidden } from '../http/errors';
import { type Member, requireRole } from '../membership';
import type { StoredProgress } from '../progress';
import { who } from './context';

const PAGE = 200;

interface Scope {
  sponsorId: string;
  sponsorName: string;
  coachEmail?: string;
}

async function* entries(db: Firestore, scopes: Scope[]): AsyncIterable<CohortEntry> {
  for (const s of scopes) {
    const byId = adminFirestore().FieldPath.documentId();
    let query = db.collection(paths.progress(s.sponsorId)).orderBy(byId).limit(PAGE);
    if (s.coachEmail)
      query = db
        .collection(paths.progress(s.sponsorId))
        .where('coachEmails', 'array-contains', s.coachEmail)
        .orderBy(byId)
        .limit(PAGE);
    let last: string | undefined;
    for (;;) {
      const snap = await (last ? query.startAfter(last) : query).get();
      for (const d of snap.docs) {
        const p = d.data() as StoredProgress;
        yield {
          sponsorId: s.sponsorId,
          sponsorName: s.sponsorName,
          apprenticeId: p.apprenticeId,
          name: p.name,
          frameworkId: p.frameworkId,
          progress: p.progress,
        };
      }
      if (snap.size < PAGE) break;
      last = snap.docs[snap.docs.length - 1]!.id;
    }
  }
}

async function scopesFor(member: Member, sponsorIds: string[]): Promise<Scope[]> {
  const db = firestore();
  const scopes: Scope[] = [];
  for (const sid of sponsorIds) {
    const m = requireRole(member, sid, ['admin', 'consultant', 'coach'], 'a cohort report');
    const name = ((await db.doc(paths.sponsor(sid)).get()).get('name') as string | undefined) ?? sid;
    scopes.push({ sponsorId: sid, sponsorName: name, ...(m.role === 'coach' ? { coachEmail: member.email } : {}) });
  }
  return scopes;
}

/**
 * The workbook is streamed (rows are zipped as they are written, so memory does not grow with the cohort) into
 * a buffer of the compressed file, sent with a Content-Length once complete: a failure half-way is then a clean
 * error instead of a truncated download, and the emulator's proxy keeps its connections usable.
 */
async function send(res: Response, scopes: Scope[], title: string): Promise<void> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await writeCohortReport(() => entries(firestore(), scopes), sink, title);
  await finished;
  const bytes = Buffer.concat(chunks);
  const stamp = new Date().toISOString().slice(0, 10);
  res.status(200).set({
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': `attachment; filename="cohort-report-${stamp}.xlsx"`,
    'Content-Length': String(bytes.length),
  });
  res.end(bytes);
}

export async function sponsorCohortRoute(req: Request, res: Response, params: Record<string, string>): Promise<void> {
  const member = await who(req);
  const scopes = await scopesFor(member, [params.sponsorId!]);
  await send(res, scopes, `Cohort report: ${scopes[0]!.sponsorName}`);
}

export async function cohortRoute(req: Request, res: Response): Promise<void> {
  const member = await who(req);
  const asked = ([] as unknown[]).concat(req.query.sponsorId ?? []).map(String);
  const sponsorIds = asked.length
    ? asked
    : Object.entries(member.sponsors)
        .filter(([, m]) => m.role === 'admin' || m.role === 'consultant')
        .map(([sid]) => sid);
  if (sponsorIds.length === 0) throw forbidden(`${member.email} is not an admin or consultant of any sponsor`);
  const scopes = await scopesFor(member, [...new Set(sponsorIds)].sort());
  await send(res, scopes, `Cohort report: ${scopes.map((s) => s.sponsorName).join(', ')}`);
}
