// Cloud Functions entry points: one HTTPS function, `api`, serving every route of the contract (app.ts), and the
// scheduled `digests` (digest/send.ts).
//
// Runtime choices, from the measured workloads (npm run bench:backend): a transcript export takes ~0.1-0.2 s and a
// cohort report of 1,000 apprentices ~2 s with +38 MB of heap (streaming writer); a sync body is at most 8 MiB.
// Requests spend most of their time waiting on Firestore, so one vCPU serves several at once: concurrency 16 with
// 1 GiB leaves ~60 MB per request, well above the largest measured need. 120 s is 60 times the slowest
// measured request and still fails fast enough for Apps Script's 6-minute limit to retry. Region and the instance
// ceiling are params (config.ts), so a sponsor sets them in functions/.env.<project> without a code change.
import { onRequest } from 'firebase-functions/v2/https';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { handle } from './app';
import { MAIL_COLLECTION, MAX_INSTANCES, REGION } from './config';
import { CREDENTIAL_KEY } from './credentials/key';

export { handle, router } from './app';

export const api = onRequest(
  {
    region: REGION,
    memory: '1GiB',
    cpu: 1,
    concurrency: 16,
    maxInstances: MAX_INSTANCES,
    timeoutSeconds: 120,
    // The add-on calls with the user's Google ID token, which the function verifies itself (http/auth.ts), not IAM.
    invoker: 'public',
    // The credential signing key (credentials/key.ts): Secret Manager in the cloud, functions/.secret.local locally.
    secrets: [CREDENTIAL_KEY],
  },
  handle,
);

/**
 * The weekly digests, run every day at 12:00 UTC: each sponsor whose digest is on gets it on its weekday, the day in
 * its own time zone (at 12:00 UTC that is the same calendar day from UTC-12 to UTC+11). Writing is idempotent per
 * sponsor, week and recipient, so a retry or a second run the same week adds nothing.
 */
export const digests = onSchedule(
  { schedule: 'every day 12:00', timeZone: 'Etc/UTC', region: REGION, timeoutSeconds: 540, retryCount: 2 },
  async (event) => {
    const { firestore } = await import('./db');
    const { sendDigests } = await import('./digest/send');
    const { logs } = await import('./logs');
    logs.digestsSent(await sendDigests(firestore(), new Date(event.scheduleTime), MAIL_COLLECTION.value()));
  },
);
// The daily recompute, on a schedule (recompute/schedule.ts).
export { daily } from './recompute/schedule';
