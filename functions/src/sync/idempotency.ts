// Idempotency keys, claimed in a transaction before the first write: a key applies one body only. A claim that
// never finished (a worker died, a write failed) is resumed by a retry with the same key and body, which brings
// every apprentice to the same target state; a different body under that key is a 409.
import type { DocumentReference, Firestore } from 'firebase-admin/firestore';
import { conflict } from '../http/errors';

export type Claim = { state: 'new' | 'resume' } | { state: 'done'; apprenticeIds: string[] };

export async function claimKey(
  db: Firestore,
  ref: DocumentReference,
  key: string,
  requestHash: string,
  who: string,
): Promise<Claim> {
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) {
      tx.create(ref, { key, requestHash, createdBy: who, createdAt: new Date().toISOString(), status: 'applying' });
      return { state: 'new' };
    }
    if (snap.get('requestHash') !== requestHash)
      throw conflict(`idempotency key "${key}" was already used for a different sync on ${snap.get('createdAt')}`);
    if (snap.get('status') === 'done') return { state: 'done', apprenticeIds: snap.get('apprenticeIds') as string[] };
    return { state: 'resume' };
  });
}

export async function finishKey(ref: DocumentReference, apprenticeIds: string[]): Promise<void> {
  await ref.update({ status: 'done', apprenticeIds, finishedAt: new Date().toISOString() });
}
