// GET /v1/cohort?sponsorId=a&sponsorId=b[&pageToken=...][&limit=n]: the cohort as JSON for the consultant's sheets,
// from the stored progress, with the same access as the xlsx cohort report (./cohort.ts: its scopes and paging).
// Rows and gaps come from the shared mapping (shared/src/sheets/cohort.ts). A page ends at an apprentice boundary
// after `limit` apprentices or about PAGE_BYTES of JSON, whichever comes first, so each answer stays far below
// UrlFetchApp's 50 MB; `next` is the pageToken of the following page (null on the last).
import type { cohort } from '@qualcard/shared/api';
import type { CohortAnswer, CohortGap, CohortRow } from '@qualcard/shared/sheets';
import { cohortGaps, cohortRow } from '@qualcard/shared/sheets/cohort';
import { firestore } from '../db';
import { badRequest } from '../http/errors';
import type { Handler } from '../http/router';
import { type After, askedSponsorIds, type Scope, scopesFor, storedProgress } from './cohort';
import { who } from './context';

/** Serialised rows and gaps per page: a stored summary keeps at most 50 findings, so one apprentice is small. */
export const PAGE_BYTES = 8 * 1024 * 1024;

function after(pageToken: string | undefined, scopes: Scope[]): After | undefined {
  if (!pageToken) return undefined;
  const [sponsorId, apprenticeId] = pageToken.split('/') as [string, string];
  if (!scopes.some((s) => s.sponsorId === sponsorId))
    throw badRequest(`pageToken: sponsor ${sponsorId} is not in this cohort (send the same sponsorIds as before)`, {
      issues: [{ path: 'pageToken', message: 'not in this cohort' }],
    });
  return { sponsorId, apprenticeId };
}

export const cohortJsonRoute: Handler<typeof cohort> = async ({ req, roles, query }) => {
  const member = await who(req);
  const asked = query();
  const scopes = await scopesFor(member, askedSponsorIds(asked.sponsorId, member), roles);
  const { limit } = asked;
  const from = after(asked.pageToken, scopes);
  const apprentices: CohortRow[] = [];
  const gaps: CohortGap[] = [];
  let bytes = 0;
  let next: string | null = null;
  let last = '';
  for await (const { scope, stored } of storedProgress(firestore(), scopes, from)) {
    if (apprentices.length >= limit || bytes >= PAGE_BYTES) {
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
  const answer: CohortAnswer = {
    sponsors: scopes.map((s) => ({ id: s.sponsorId, name: s.sponsorName, role: s.role })),
    apprentices,
    gaps,
    next,
  };
  return { body: answer };
};
