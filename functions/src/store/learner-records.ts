// sponsors/{sid}/learnerRecords/{aid}: the apprentice's latest learner record (CLR 2.0) as issued and signed, with
// its SHA-256, when and for whom it was made. Each download issues a new one (as of that day) and replaces it.
import type { Firestore } from 'firebase-admin/firestore';
import { sha256 } from '../canonical';
import { paths } from '../db';
import { assertFitsDocument } from './transcripts';

export interface StoredLearnerRecord {
  id: string;
  json: string;
  sha256: string;
  bytes: number;
  asOf: string;
  issuedAt: string;
  issuedTo: string;
}

export async function storeLearnerRecord(
  db: Firestore,
  sid: string,
  aid: string,
  r: Omit<StoredLearnerRecord, 'sha256' | 'bytes'>,
): Promise<StoredLearnerRecord> {
  const path = paths.learnerRecord(sid, aid);
  const doc = { ...r, sha256: sha256(r.json), bytes: Buffer.byteLength(r.json) };
  assertFitsDocument(path, doc, 'the learner record');
  await db.doc(path).set(doc);
  return doc;
}
