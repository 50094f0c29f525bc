// The API: every endpoint under /v1, one request log entry each, errors as JSON. Kept light at load time:
// exceljs, google-auth-library and the Admin SDK are loaded by the handlers that need them.
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { errorAnswer } from './http/errors';
import { logFailure, logRequest } from './http/request-log';
import { Router } from './http/router';
import { meRoute, putMemberRoute, verifyAuditRoute } from './routes/admin';
import { cohortRoute, sponsorCohortRoute } from './routes/cohort';
import { cohortJsonRoute } from './routes/cohort-json';
import { confirmationsRoute } from './routes/confirmations';
import { getCredentialRoute, listCredentialsRoute, revokeCredentialRoute } from './routes/credentials';
import { putDigestRoute } from './routes/digest';
import { getFrameworkRoute, listFrameworksRoute, migrationRoute, publishFrameworkRoute } from './routes/frameworks';
import { issuerJwksRoute, issuerProfileRoute, revocationListRoute } from './routes/issuers';
import { apprenticeProgressRoute, sponsorProgressRoute } from './routes/progress';
import { raiseRoute } from './routes/raises';
import { signOffRoute } from './routes/signoffs';
import { syncRoute } from './routes/sync';
import { downloadTranscriptRoute, exportTranscriptRoute, listTranscriptsRoute } from './routes/transcripts';

const A = '/v1/sponsors/:sponsorId/apprentices/:apprenticeId';
const F = '/v1/sponsors/:sponsorId/frameworks';
export const router = new Router()
  .on('GET', '/v1/health', async (_req, res) => {
    res.json({ ok: true, service: 'qualcard', version: 1 });
  })
  .on('GET', '/v1/me', meRoute)
  .on('PUT', '/v1/sponsors/:sponsorId/members/:email', putMemberRoute)
  .on('PUT', '/v1/sponsors/:sponsorId/digest', putDigestRoute)
  .on('POST', '/v1/sponsors/:sponsorId/sync', syncRoute)
  .on('GET', F, listFrameworksRoute)
  .on('POST', F, publishFrameworkRoute)
  .on('GET', `${F}/:frameworkId`, getFrameworkRoute)
  .on('GET', `${F}/:frameworkId/versions/:version`, getFrameworkRoute)
  .on('POST', `${F}/:frameworkId/migrations`, migrationRoute)
  .on('GET', '/v1/sponsors/:sponsorId/progress', sponsorProgressRoute)
  .on('GET', `${A}/progress`, apprenticeProgressRoute)
  .on('POST', `${A}/sign-offs`, signOffRoute)
  .on('POST', `${A}/confirmations`, confirmationsRoute)
  .on('POST', `${A}/raises`, raiseRoute)
  .on('POST', `${A}/transcripts`, exportTranscriptRoute)
  .on('GET', `${A}/transcripts`, listTranscriptsRoute)
  .on('GET', `${A}/transcripts/:transcriptId`, downloadTranscriptRoute)
  .on('GET', `${A}/credentials`, listCredentialsRoute)
  .on('GET', `${A}/credentials/:credentialId`, getCredentialRoute)
  .on('POST', `${A}/credentials/:credentialId/revoke`, revokeCredentialRoute)
  .on('GET', '/v1/issuers/:sponsorId', issuerProfileRoute)
  .on('GET', '/v1/issuers/:sponsorId/jwks', issuerJwksRoute)
  .on('GET', '/v1/issuers/:sponsorId/revocations', revocationListRoute)
  .on('GET', `${A}/audit/verify`, verifyAuditRoute)
  .on('GET', '/v1/sponsors/:sponsorId/cohort-report', sponsorCohortRoute)
  .on('GET', '/v1/cohort-report', cohortRoute)
  .on('GET', '/v1/cohort', cohortJsonRoute);

export async function handle(req: Request, res: Response): Promise<void> {
  const log = logRequest(req, res);
  try {
    await router.handle(req, res, (route, params) => {
      log.route = route;
      if (params.sponsorId) log.sponsorId = params.sponsorId;
    });
  } catch (e) {
    if (res.headersSent) {
      // Part of a streamed file is out: the client must see a broken response, not a truncated file.
      logFailure(log, 'error after the response started', e);
      res.destroy(e as Error);
      return;
    }
    const answer = errorAnswer(e, log.requestId);
    if (answer.status >= 500) logFailure(log, answer.status === 503 ? 'transient error' : 'unexpected error', e);
    await bodyRead(req);
    res.status(answer.status).set(answer.headers).json(answer.body);
  }
}

/**
 * Resolves once the request body has been read to its end. A body the runtime did not read (one sent with no
 * Content-Type) is read and discarded first, as Express's own error handler does: answering before it is read makes
 * the connection reset while the client is still sending, and the client sees a network error instead of the answer
 * (the emulator's proxy even stops, on a 33 MiB body).
 */
function bodyRead(req: Request): Promise<void> {
  if (req.complete) return Promise.resolve();
  return new Promise((resolve) => {
    req.once('end', resolve).once('close', resolve).once('error', resolve).resume();
  });
}
