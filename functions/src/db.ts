// Firestore handle and document paths. One place for the data layout (also used by firestore.rules):
//   members/{email}                                     roles per sponsor
//   sponsors/{sponsorId}                                name
//   sponsors/{sponsorId}/apprentices/{apprenticeId}     profile, prior credit, exams, certifications, audit head
//     .../signOffs/{key}  .../hours/{key}               one document per sheet row
//     .../audit/{seq}                                   hash-chained change log (append only)
//     .../transcripts/{id}                              stored .xlsx versions
//   sponsors/{sponsorId}/progress/{apprenticeId}        last computed progress and gaps
//   sponsors/{sponsorId}/syncs/{keyHash}                idempotency keys
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';

let db: Firestore | undefined;
export function firestore(): Firestore {
  if (!db) {
    if (getApps().length === 0) initializeApp();
    db = getFirestore();
    // Optional record fields (a sign-off's notes, a coach-less row) are simply absent in Firestore.
    db.settings({ ignoreUndefinedProperties: true });
  }
  return db;
}

/** Firestore's limit on writes in one commit; the emulator does not enforce it, so we do. */
export const MAX_WRITES_PER_COMMIT = 500;
/** Firestore's maximum document size; the emulator does not enforce it either. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export const paths = {
  member: (email: string) => `members/${email}`,
  sponsor: (sid: string) => `sponsors/${sid}`,
  apprentices: (sid: string) => `sponsors/${sid}/apprentices`,
  apprentice: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}`,
  signOffs: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}/signOffs`,
  hours: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}/hours`,
  audit: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}/audit`,
  transcripts: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}/transcripts`,
  progress: (sid: string) => `sponsors/${sid}/progress`,
  syncs: (sid: string) => `sponsors/${sid}/syncs`,
};
