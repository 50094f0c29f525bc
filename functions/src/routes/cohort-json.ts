// GET /v1/cohort?sponsorId=a&sponsorId=b[&pageToken=...][&limit=n]: the cohort as JSON for the consultant's sheets,
// from the stored progress, with the same access as the xlsx cohort report (./cohort.ts: its scopes and paging).
// Rows and gaps come from the shared mapping (shared/src/sheets/cohort.ts). A page ends at an apprentice boundary
// after `limit` apprentices or about PAGE_BYTES of JSON, whichever comes first, so each answer stays far below
// UrlFetchApp's 50 MB; `next` is the pageToken of the following page (null on the last).
import type { CohortAnswer, CohortGap, CohortRow } from '@qualcard/shared/sheets';
import { cohortGaps, cohortRow } from '@qualcard/shared/sheets/cohort';
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { firestore } from '../db';
import { badRequest } from '../http/errors';
import { type After, askedSponsorIds, type Scope, scopesFor, storedProgress } from './cohort';
import { who } from './context';

export const COHORT_PAGE_DEFAULT = 500;
export const COHORT_PAGE_MAX = 2000;
/** Serialised rows and gaps per page: a stored summary keeps at most 50 findings, so one apprentice is small. */
export const PAGE_BYTES = 8 * 1024 * 1024;

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(COHORT_PAGE_MAX).default(COHORT_PAGE_DEFAULT),
  pageToken: z
    .string()
    .regex(/^[^/]+\/[^/]+$/, 'a pageToken from the previous page ("sponsorId/apprenticeId")')
    .optional(),
});

function pageQuery(req: Request, scopes: Scope[]): { limit: number; after?: After } {
  const parsed = Query.safeParse({ limit: req.query.limit, pageToken: req.query.pageToken });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'query');
    throw badRequest(`${field}: ${issue.message}`, { issues: [{ path: field, message: issue.message }] });
  }
  const { limit, pageToken } = parsed.data;
  if (!pageToken) return { limit };
  const [sponsorId, apprenticeId] = pageToken.split('/') as [string, string];
  if (!scopes.some((s) => s.sponsorId === sponsorId))
    throw badRequest(`pageToken: sponsor ${sponsorId} is not in this cohort (send the same sponsorIds as before)`, {
      issues: [{ path: 'pageToken', message: 'not in this cohort' }],
    });
  return { limit, after: { sponsorId, apprenticeId } };
}

export async function cohortJsonRoute(req: Request, res: Response): Promise<void> {
  const member = await who(req);
  const scopes = await scopesFor(member, askedSponsorIds(req, member));
  const { limit, after } = pageQuery(req, scopes);
  const apprentices: CohortRow[] = [];
  const gaps: CohortGap[] = [];
  let bytes = 0;
  let next: string | null = null;
  let last = '';
  for await (const { scope, stored } of storedProgress(firestore(), scopes, after)) {
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
  res.json(answer);
}
