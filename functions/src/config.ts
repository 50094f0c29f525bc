// Deployment configuration as firebase-functions params. The Firebase CLI reads them from functions/.env and
// functions/.env.<projectId> (and asks for any that is missing at the first deploy); the emulators read
// functions/.env.demo-qualcard. Nothing here is secret: ID tokens are checked against Google's public certificates.
import { defineInt, defineString } from 'firebase-functions/params';
import { DEFAULT_MAIL_COLLECTION } from './digest/mail';

/**
 * OAuth client ids whose Google ID tokens are accepted: the add-on's Apps Script project, comma-separated.
 * A string, not defineList: the emulator hands a list param to the code unconverted and its JSON parse then fails.
 */
export const AUDIENCES = defineString('QUALCARD_AUDIENCES', {
  description: "OAuth client ids of the add-on's Apps Script project (its ID tokens' audience), comma-separated",
});

/** The accepted audiences; none at all is a configuration error (a 500 and a log entry), not a caller's 401. */
export function audiences(): string[] {
  const list = AUDIENCES.value()
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new Error('QUALCARD_AUDIENCES is not configured');
  return list;
}

/** Where the function runs: near the sponsors' Firestore database. */
export const REGION = defineString('QUALCARD_REGION', {
  default: 'us-central1',
  description: 'Cloud Functions region; use the region of your Firestore database',
});

/** Upper bound on instances: a cost ceiling, and a cap on concurrent Firestore writers. */
export const MAX_INSTANCES = defineInt('QUALCARD_MAX_INSTANCES', {
  default: 10,
  description: 'Maximum number of function instances',
});

/** The collection the digests' mail documents go to: the "Email documents collection" of the Trigger Email extension. */
export const MAIL_COLLECTION = defineString('QUALCARD_MAIL_COLLECTION', {
  default: DEFAULT_MAIL_COLLECTION,
  description: 'Firestore collection of the Trigger Email from Firestore extension (its "Email documents collection")',
});
