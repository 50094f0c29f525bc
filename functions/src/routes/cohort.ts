// Cohort report: one sponsor (GET /v1/sponsors/:sponsorId/cohort-report), or every sponsor a consultant or admin
// serves (GET /v1/cohort-report?sponsorId=a&sponsorId=b). Streamed straight into the response.

import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type cohortReport, type sponsorCohortReport, XLSX_TYPE } from '@qualcard/shared/api';
import type { Response } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import { adminFirestore, firestore, paths } from '../db';
import { type CohortEntry, writeCohortReport } from '../excel/cohort';
import { forbidden } from '../http/errors';
import type { Handler } from '../http/router';
import { type Member, type Role, requireRole } from '../membership';
import type { StoredProgress } from '../progress';
import { who } from './context';

/** Documents per read: two pages (this one and the one read ahead) are held at a time. */
const PAGE = 500;

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
    const page = (last?: string) => (last ? query.startAfter(last) : query).get();
    let next = page(i === first ? after?.apprenticeId : undefined);
    for (;;) {
      const snap = await next;
      const full = snap.size === PAGE;
      // The next page is read while this one is written: the sponsor's pages are read in series otherwise.
      if (full) {
        next = page(snap.docs[snap.docs.length - 1]!.id);
        next.catch(() => undefined); // awaited on the next turn; a consumer that stops early must not crash
      }
      for (const d of snap.docs) yield { scope: s, stored: d.data() as StoredProgress };
      if (!full) break;
    }
  }
}

/** The report's rows: each scope's stored progress, read in pages. */
export async function* cohortEntries(db: Firestore, scopes: Scope[]): AsyncIterable<CohortEntry> {
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
export async function scopesFor(member: Member, sponsorIds: string[], allowed: Role[]): Promise<Scope[]> {
  const roles = sponsorIds.map((sid) => requireRole(member, sid, allowed, 'a cohort report'));
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
export function askedSponsorIds(asked: string[], member: Member): string[] {
  const sponsorIds = asked.length
    ? asked
    : Object.entries(member.sponsors)
        .filter(([, m]) => m.role === 'admin' || m.role === 'consultant')
        .map(([sid]) => sid);
  if (sponsorIds.length === 0) throw forbidden(`${member.email} is not an admin or consultant of any sponsor`);
  return [...new Set(sponsorIds)].sort();
}

/**
 * The workbook streams into the response as it is zipped (chunked, no Content-Length), so neither the function
 * nor the proxy holds the file. A failure before the first byte is a clean error (the sink is cut from the
 * response first); after it, handle() destroys the response, so the client sees a broken transfer, never a
 * truncated file that looks whole.
 */
async function send(res: Response, scopes: Scope[], title: string): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 10);
  res.status(200).set({
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': `attachment; filename="cohort-report-${stamp}.xlsx"`,
  });
  const sink = new PassThrough();
  sink.pipe(res);
  try {
    await writeCohortReport(() => cohortEntries(firestore(), scopes), sink, title);
  } catch (e) {
    sink.unpipe(res);
    if (!res.headersSent) {
      res.removeHeader('Content-Type');
      res.removeHeader('Content-Disposition');
    }
    throw e;
  }
  await finished(res);
}

export const sponsorCohortRoute: Handler<typeof sponsorCohortReport> = async ({ req, res, params, roles }) => {
  const scopes = await scopesFor(await who(req), [params.sponsorId], roles);
  await send(res, scopes, `Cohort report: ${scopes[0]!.sponsorName}`);
  return undefined;
};

export const cohortRoute: Handler<typeof cohortReport> = async ({ req, res, roles, query }) => {
  const member = await who(req);
  const scopes = await scopesFor(member, askedSponsorIds(query().sponsorId, member), roles);
  await send(res, scopes, `Cohort report: ${scopes.map((s) => s.sponsorName).join(', ')}`);
  return undefined;
};
