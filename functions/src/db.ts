// Firestore handle and document paths. One place for the data layout (also used by firestore.rules); every read and
// write of it is in store/, through typed converters, and the handle is taken only by the entry points
// (routes/context.ts, index.ts, recompute/schedule.ts, and owner.ts for the project owner's commands), which hand it
// to the use cases:
//   members/{email}                                     roles per sponsor
//   sponsors/{sponsorId}                                name, time zone, programs, digest settings
//   sponsors/{sponsorId}/apprentices/{apprenticeId}     profile, prior credit, exams, certifications, audit head
//     .../signOffs/{key}  .../hours/{key}               one document per sheet row
//     .../audit/{seq}                                   hash-chained change log (append only)
//     .../transcripts/{id}                              stored .xlsx versions
//     .../confirmationRequests/{id}                     the apprentice's requests that their coaches confirm entries
//   sponsors/{sponsorId}/progress/{apprenticeId}        last computed progress and gaps
//   sponsors/{sponsorId}/syncs/{keyHash}                idempotency keys
//   sponsors/{sponsorId}/recomputeRows/{apprenticeId}   the daily recompute's copy of the rows (functions only)
//   sponsors/{sponsorId}/credentials/{credentialId}     signed Open Badges credentials, one per apprentice, framework
//                                                       version and completed level (credentials/issue.ts)
//   sponsors/{sponsorId}/frameworks/{frameworkId}       a sponsor framework: owner, title, latestVersion, versions
//     .../versions/{version}                            one published version (canonical JSON, SHA-256); immutable
// Shipped frameworks are not stored: they are bundled with the code (owner "qualcard"), see registry.ts.
import type * as AdminApp from 'firebase-admin/app';
import type * as AdminFirestore from 'firebase-admin/firestore';

// The Admin SDK is required on first use, not at module load: it is a third of the cold start, and the
// health check and every rejected request (401, 400, 413) answer without it.
let firestoreModule: typeof AdminFirestore | undefined;
export function adminFirestore(): typeof AdminFirestore {
  firestoreModule ??= require('firebase-admin/firestore') as typeof AdminFirestore;
  return firestoreModule;
}

let db: AdminFirestore.Firestore | undefined;
/**
 * The process's one Firestore handle. `projectId` is for the owner's commands (owner.ts), run outside Google Cloud;
 * the functions take the project they run in.
 */
export function firestore(projectId?: string): AdminFirestore.Firestore {
  if (!db) {
    const { getApps, initializeApp } = require('firebase-admin/app') as typeof AdminApp;
    if (getApps().length === 0) initializeApp(projectId ? { projectId } : undefined);
    db = adminFirestore().getFirestore();
    // Optional record fields (a sign-off's notes, a coach-less row) are simply absent in Firestore.
    db.settings({ ignoreUndefinedProperties: true });
  }
  return db;
}

/** Firestore's limit on writes in one commit; the emulator does not enforce it, so we do. */
export const MAX_WRITES_PER_COMMIT = 500;
/** Firestore's maximum document size; the emulator does not enforce it either. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** The collection id of apprentices' confirmation requests, also queried as a collection group (per sponsor). */
export const CONFIRMATION_REQUESTS = 'confirmationRequests';

export const paths = {
  member: (email: string) => `members/${email}`,
  sponsor: (sid: string) => `sponsors/${sid}`,
  apprentices: (sid: string) => `sponsors/${sid}/apprentices`,
  apprentice: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}`,
  signOffs: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}/signOffs`,
  hours: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}/hours`,
  audit: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}/audit`,
  transcripts: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}/transcripts`,
  confirmationRequests: (sid: string, aid: string) => `sponsors/${sid}/apprentices/${aid}/${CONFIRMATION_REQUESTS}`,
  progress: (sid: string) => `sponsors/${sid}/progress`,
  syncs: (sid: string) => `sponsors/${sid}/syncs`,
  recomputeRows: (sid: string) => `sponsors/${sid}/recomputeRows`,
  credentials: (sid: string) => `sponsors/${sid}/credentials`,
  statusLists: (sid: string) => `sponsors/${sid}/statusLists`,
  learnerRecord: (sid: string, aid: string) => `sponsors/${sid}/learnerRecords/${aid}`,
  frameworks: (sid: string) => `sponsors/${sid}/frameworks`,
  frameworkVersions: (sid: string, fid: string) => `sponsors/${sid}/frameworks/${fid}/versions`,
};
