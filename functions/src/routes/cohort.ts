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
import { type Member, type Role, requireRole } from '../membership';
import type { StoredProgress } from '../progress';
import { who } from './context';

const PAGE = 200;

export interface Scope {
  sponsorId: string;
  sponsorName: string;
  role: Role;
  coachEmail?: string;
}

/** Where a page of a cohort stopped: the last apprentice it holds. */
export interface After {
  sponsorId: string;
  apprenticeId: string;
}

/**
 * Each scope's stored progress in sponsor order, then apprentice id order (a coach: only their apprentices), read
 * PAGE documents at a time; from just after `after` when a page left off there.
 */
export async function* storedProgress(
  db: Firestore,
  scopes: Scope[],
  after?: After,
): AsyncIterable<{ scope: Scope; stored: StoredProgress }> {
  const first = after ? scopes.findIndex((s) => s.sponsorId === after.sponsorId) : 0;
  for (const [i, s] of scopes.entries()) {
    if (i < first) continue;
    const byId = adminFirestore().FieldPath.documentId();
    const all = db.collection(paths.progress(s.sponsorId));
    const query = (s.coachEmail ? all.where('coachEmails', 'array-contains', s.coachEmail) : all)
      .orderBy(byId)
      .limit(PAGE);
    let last = i === first ? after?.apprenticeId : undefined;
    for (;;) {
      const snap = await (last ? query.startAfter(last) : query).get();
      for (const d of snap.docs) yield { scope: s, stored: d.data() as StoredProgress };
      if (snap.size < PAGE) break;
      last = snap.docs[snap.docs.length - 1]!.id;
    }
  }
}

async function* entries(db: Firestore, scopes: Scope[]): AsyncIterable<CohortEntry> {
  for await (const { scope: s, stored: p } of storedProgress(db, scopes))
    yield {
      sponsorId: s.sponsorId,
      sponsorName: s.sponsorName,
      apprenticeId: p.apprenticeId,
      name: p.name,
      frameworkId: p.frameworkId,
      progress: p.progress,
    };
}

/** The sponsors a cohort covers, each with the caller's role (403 for one they may not see); names in one read. */
export async function scopesFor(member: Member, sponsorIds: string[]): Promise<Scope[]> {
  const roles = sponsorIds.map((sid) => requireRole(member, sid, ['admin', 'consultant', 'coach'], 'a cohort report'));
  if (!sponsorIds.length) return [];
  const db = firestore();
  const docs = await db.getAll(...sponsorIds.map((sid) => db.doc(paths.sponsor(sid))));
  return sponsorIds.map((sid, i) => ({
    sponsorId: sid,
    sponsorName: (docs[i]!.get('name') as string | undefined) ?? sid,
    role: roles[i]!.role,
    ...(roles[i]!.role === 'coach' ? { coachEmail: member.email } : {}),
  }));
}

/** The sponsors asked for (?sponsorId=a&sponsorId=b), or every one where the caller is admin or consultant; sorted. */
export function askedSponsorIds(req: Request, member: Member): string[] {
  const asked = ([] as unknown[]).concat(req.query.sponsorId ?? []).map(String);
  const sponsorIds = asked.length
    ? asked
    : Object.entries(member.sponsors)
        .filter(([, m]) => m.role === 'admin' || m.role === 'consultant')
        .map(([sid]) => sid);
  if (sponsorIds.length === 0) throw forbidden(`${member.email} is not an admin or consultant of any sponsor`);
  return [...new Set(sponsorIds)].sort();
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
  const scopes = await scopesFor(member, askedSponsorIds(req, member));
  await send(res, scopes, `Cohort report: ${scopes.map((s) => s.sponsorName).join(', ')}`);
}
