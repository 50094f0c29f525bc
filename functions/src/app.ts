// The API: every route of the contract (shared/src/api/routes.ts), one request log entry each, errors as JSON. Kept light at load time:
// exceljs, google-auth-library and the Admin SDK are loaded by the handlers that need them.
import * as api from '@qualcard/shared/api/routes';
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { errorAnswer } from './http/errors';
import { logRequest } from './http/request-log';
import { Router } from './http/router';
import { logs } from './logs';
import { deleteMemberRoute, listMembersRoute, meRoute, putMemberRoute, verifyAuditRoute } from './routes/admin';
import { cohortRoute, sponsorCohortRoute } from './routes/cohort';
import { cohortJsonRoute } from './routes/cohort-json';
import { askConfirmationRoute, listConfirmationAsksRoute } from './routes/confirmation-requests';
import { confirmationsRoute } from './routes/confirmations';
import {
  getCredentialRoute,
  keepCredentialRoute,
  listCredentialsRoute,
  revokeCredentialRoute,
} from './routes/credentials';
import { getDigestRoute, putDigestRoute } from './routes/digest';
import { getFrameworkRoute, listFrameworksRoute, migrationRoute, publishFrameworkRoute } from './routes/frameworks';
import {
  issuerJwksRoute,
  issuerKeyRoute,
  issuerProfileRoute,
  revocationListRoute,
  statusListRoute,
} from './routes/issuers';
import { learnerRecordRoute } from './routes/learner-record';
import { apprenticeProgressRoute, sponsorProgressRoute } from './routes/progress';
import { raiseRoute } from './routes/raises';
import { signOffRoute } from './routes/signoffs';
import { syncRoute } from './routes/sync';
import { downloadTranscriptRoute, exportTranscriptRoute, listTranscriptsRoute } from './routes/transcripts';
import { withdrawalsRoute } from './routes/withdrawals';

export const router = new Router()
  .on(api.health, async () => ({ body: { ok: true as const, service: 'qualcard' as const, version: 1 } }))
  .on(api.me, meRoute)
  .on(api.listMembers, listMembersRoute)
  .on(api.putMember, putMemberRoute)
  .on(api.deleteMember, deleteMemberRoute)
  .on(api.getDigest, getDigestRoute)
  .on(api.putDigest, putDigestRoute)
  .on(api.sync, syncRoute)
  .on(api.listFrameworks, listFrameworksRoute)
  .on(api.publishFramework, publishFrameworkRoute)
  .on(api.getFramework, getFrameworkRoute)
  .on(api.getFrameworkVersion, getFrameworkRoute)
  .on(api.migration, migrationRoute)
  .on(api.sponsorProgress, sponsorProgressRoute)
  .on(api.apprenticeProgress, apprenticeProgressRoute)
  .on(api.signOffs, signOffRoute)
  .on(api.confirmations, confirmationsRoute)
  .on(api.withdrawals, withdrawalsRoute)
  .on(api.askConfirmation, askConfirmationRoute)
  .on(api.listConfirmationAsks, listConfirmationAsksRoute)
  .on(api.raises, raiseRoute)
  .on(api.exportTranscript, exportTranscriptRoute)
  .on(api.listTranscripts, listTranscriptsRoute)
  .on(api.downloadTranscript, downloadTranscriptRoute)
  .on(api.listCredentials, listCredentialsRoute)
  .on(api.getCredential, getCredentialRoute)
  .on(api.revokeCredential, revokeCredentialRoute)
  .on(api.keepCredential, keepCredentialRoute)
  .on(api.issuerProfile, issuerProfileRoute)
  .on(api.issuerKey, issuerKeyRoute)
  .on(api.issuerJwks, issuerJwksRoute)
  .on(api.statusList, statusListRoute)
  .on(api.revocations, revocationListRoute)
  .on(api.learnerRecord, learnerRecordRoute)
  .on(api.verifyAudit, verifyAuditRoute)
  .on(api.sponsorCohortReport, sponsorCohortRoute)
  .on(api.cohortReport, cohortRoute)
  .on(api.cohort, cohortJsonRoute);

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
      logs.requestFailed(log, 'error after the response started', e);
      res.destroy(e as Error);
      return;
    }
    const answer = errorAnswer(e, log.requestId);
    if (answer.status >= 500)
      logs.requestFailed(log, answer.status === 503 ? 'transient error' : 'unexpected error', e);
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
