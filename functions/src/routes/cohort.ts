// Routes sponsorCohortReport (one sponsor) and cohortReport (every sponsor a consultant or admin serves, or those
// asked for): the workbook, streamed straight into the response (usecases/cohort.ts reads the rows).
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type cohortReport, type sponsorCohortReport, XLSX_TYPE } from '@qualcard/shared/api';
import type { Response } from 'express';
import { writeCohortReport } from '../excel/cohort';
import type { Handler } from '../http/router';
import { askedSponsorIds, cohortEntries, type Scope, scopesFor } from '../usecases/cohort';
import type { Deps } from '../usecases/deps';
import { signedIn } from './context';

/**
 * The workbook streams into the response as it is zipped (chunked, no Content-Length), so neither the function
 * nor the proxy holds the file. A failure before the first byte is a clean error (the sink is cut from the
 * response first); after it, handle() destroys the response, so the client sees a broken transfer, never a
 * truncated file that looks whole.
 */
async function send(deps: Deps, res: Response, scopes: Scope[], title: string): Promise<void> {
  const stamp = deps.now().toISOString().slice(0, 10);
  res.status(200).set({
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': `attachment; filename="cohort-report-${stamp}.xlsx"`,
  });
  const sink = new PassThrough();
  sink.pipe(res);
  try {
    await writeCohortReport(() => cohortEntries(deps.db, scopes), sink, title);
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
  const { deps, member } = await signedIn(req);
  const scopes = await scopesFor(deps, member, [params.sponsorId], roles);
  await send(deps, res, scopes, `Cohort report: ${scopes[0]!.sponsorName}`);
  return undefined;
};

export const cohortRoute: Handler<typeof cohortReport> = async ({ req, res, roles, query }) => {
  const { deps, member } = await signedIn(req);
  const scopes = await scopesFor(deps, member, askedSponsorIds(query().sponsorId, member), roles);
  await send(deps, res, scopes, `Cohort report: ${scopes.map((s) => s.sponsorName).join(', ')}`);
  return undefined;
};
