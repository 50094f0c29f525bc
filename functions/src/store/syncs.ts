// sponsors/{sid}/syncs/{keyHash}: idempotency keys, claimed in a transaction before a sync's first write. A key
// applies one body only. A claim that never finished (a worker died, a write failed) is resumed by a retry with the
// same key and body, which brings every apprentice to the same target state; a different body under that key is a
// Conflict.
import type { Firestore } from 'firebase-admin/firestore';
import * as z from 'zod';
import { sha256 } from '../canonical';
import { paths } from '../db';
import { Conflict } from '../domain/errors';
import { typed } from './convert';

const KeyDoc = z.object({
  requestHash: z.string(),
  createdAt: z.string(),
  status: z.enum(['applying', 'done']),
  apprenticeIds: z.array(z.string()).optional(),
});
const keyDoc = typed(KeyDoc);

export type Claim = { state: 'new' | 'resume' } | { state: 'done'; apprenticeIds: string[] };

const keyRef = (db: Firestore, sid: string, key: string) => db.doc(`${paths.syncs(sid)}/${sha256(key)}`);

export async function claimKey(
  db: Firestore,
  sid: string,
  key: string,
  requestHash: string,
  who: string,
): Promise<Claim> {
  const ref = keyRef(db, sid, key);
  return db.runTransaction(async (tx) => {
    const stored = (await tx.get(ref.withConverter(keyDoc))).data();
    if (!stored) {
      tx.create(ref, { key, requestHash, createdBy: who, createdAt: new Date().toISOString(), status: 'applying' });
      return { state: 'new' };
    }
    if (stored.requestHash !== requestHash)
      throw new Conflict(`idempotency key "${key}" was already used for a different sync on ${stored.createdAt}`);
    if (stored.status === 'done') return { state: 'done', apprenticeIds: stored.apprenticeIds ?? [] };
    return { state: 'resume' };
  });
}

export async function finishKey(db: Firestore, sid: string, key: string, apprenticeIds: string[]): Promise<void> {
  await keyRef(db, sid, key).update({ status: 'done', apprenticeIds, finishedAt: new Date().toISOString() });
}
