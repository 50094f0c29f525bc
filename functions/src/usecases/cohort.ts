// The cohort: one sponsor, or every sponsor a consultant or admin serves, from the stored progress. As a workbook
// (routes/cohort.ts streams cohortEntries) or as JSON pages for the consultant's sheets (cohortPage). Rows and gaps
// come from the shared mapping (shared/src/sheets/cohort.ts). A JSON page ends at an apprentice boundary after `limit`
// apprentices or about PAGE_BYTES of JSON, whichever comes first, so each answer stays far below UrlFetchApp's 50 MB.
import type { StoredProgress } from '@qualcard/shared/api';
import type { CohortAnswer, CohortGap, CohortRow } from '@qualcard/shared/sheets';
import { cohortGaps, cohortRow } from '@qualcard/shared/sheets/cohort';
import type { Firestore } from 'firebase-admin/firestore';
import { Forbidden, Invalid } from '../domain/errors';
import { type Member, type Role, requireRole } from '../domain/members';
import type { CohortEntry } from '../excel/cohort';
import { progressPages } from '../store/progress';
import { readSponsors } from '../store/sponsors';
import type { Deps } from './deps';

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
    const page = progressPages(db, s.sponsorId, { size: PAGE, ...(s.coachEmail ? { coachEmail: s.coachEmail } : {}) });
    let next = page(i === first ? after?.apprenticeId : undefined);
    for (;;) {
      const docs = await next;
      const full = docs.length === PAGE;
      // The next page is read while this one is written: the sponsor's pages are read in series otherwise.
      if (full) {
        next = page(docs[docs.length - 1]!.apprenticeId);
        next.catch(() => undefined); // awaited on the next turn; a consumer that stops early must not crash
      }
      for (const stored of docs) yield { scope: s, stored };
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

/** The sponsors a cohort covers, each with the caller's role (Forbidden for one they may not see); names in one read. */
export async function scopesFor({ db }: Deps, member: Member, sponsorIds: string[], allowed: Role[]): Promise<Scope[]> {
  const roles = sponsorIds.map((sid) => requireRole(member, sid, allowed, 'a cohort report'));
  const sponsors = await readSponsors(db, sponsorIds);
  return sponsorIds.map((sid, i) => ({
    sponsorId: sid,
    sponsorName: sponsors[i]!.name ?? sid,
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
  if (sponsorIds.length === 0) throw new Forbidden(`${member.email} is not an admin or consultant of any sponsor`);
  return [...new Set(sponsorIds)].sort();
}

/** Serialised rows and gaps per page: a stored summary keeps at most 50 findings, so one apprentice is small. */
export const PAGE_BYTES = 8 * 1024 * 1024;

function after(pageToken: string | undefined, scopes: Scope[]): After | undefined {
  if (!pageToken) return undefined;
  const [sponsorId, apprenticeId] = pageToken.split('/') as [string, string];
  if (!scopes.some((s) => s.sponsorId === sponsorId))
    throw new Invalid(`pageToken: sponsor ${sponsorId} is not in this cohort (send the same sponsorIds as before)`, {
      issues: [{ path: 'pageToken', message: 'not in this cohort' }],
    });
  return { sponsorId, apprenticeId };
}

/** One page of the cohort as JSON rows and gaps; `next` is the pageToken of the following page (null on the last). */
export async function cohortPage(
  deps: Deps,
  member: Member,
  allowed: Role[],
  asked: { sponsorId: string[]; pageToken?: string | undefined; limit: number },
): Promise<CohortAnswer> {
  const scopes = await scopesFor(deps, member, askedSponsorIds(asked.sponsorId, member), allowed);
  const from = after(asked.pageToken, scopes);
  const apprentices: CohortRow[] = [];
  const gaps: CohortGap[] = [];
  let bytes = 0;
  let next: string | null = null;
  let last = '';
  for await (const { scope, stored } of storedProgress(deps.db, scopes, from)) {
    if (apprentices.length >= asked.limit || bytes >= PAGE_BYTES) {
      next = last;
      break;
    }
    const sponsor = { id: scope.sponsorId, name: scope.sponsorName };
    const row = cohortRow(sponsor, stored);
    const its = cohortGaps(sponsor, stored);
    apprentices.push(row);
    gaps.push(...its);
    bytes += JSON.stringify(row).length + JSON.stringify(its).length;
    last = `${scope.sponsorId}/${stored.apprenticeId}`;
  }
  const sponsors = scopes.map((s) => ({ id: s.sponsorId, name: s.sponsorName, role: s.role }));
  return { sponsors, apprentices, gaps, next };
}
