// What the daily recompute (recompute/) reads and writes: sponsors and apprentices page by page in document id
// order, each apprentice's copy of its rows (sponsors/{sid}/recomputeRows/{aid}), stored progress, and the state of
// the day's pass (recompute/daily).
import type { StoredProgress } from '@qualcard/shared/api';
import type { DocumentSnapshot, Firestore, Query, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import * as z from 'zod';
import { MAX_WRITES_PER_COMMIT, paths } from '../db';
import { type ApprenticeDoc, apprenticeDocs } from './apprentice-doc';
import { typed } from './convert';
import { progressRef } from './progress';
import { type SponsorDoc, sponsorConverter } from './sponsors';

/** Counts the documents a read is billed for (an empty query is one read). */
export type OnRead = (documents: number) => void;

/** Pages of a query ordered by document id, from `start` (at or after an id). */
async function* pages<T>(
  q: Query<T>,
  size: number,
  onRead: OnRead,
  start?: { at?: string; after?: string },
): AsyncGenerator<QueryDocumentSnapshot<T>[]> {
  // '__name__' is FieldPath.documentId(), spelt so it works with whichever Admin SDK copy created `q`.
  const byId = q.orderBy('__name__').limit(size);
  const first = start?.after ? byId.startAfter(start.after) : start?.at ? byId.startAt(start.at) : byId;
  let last: QueryDocumentSnapshot<T> | undefined;
  for (;;) {
    const snap = await (last ? byId.startAfter(last) : first).get();
    onRead(Math.max(1, snap.size));
    if (snap.empty) return;
    yield snap.docs;
    if (snap.size < size) return;
    last = snap.docs[snap.size - 1];
  }
}

export const sponsorPages = (db: Firestore, size: number, onRead: OnRead, at?: string) =>
  pages<SponsorDoc>(db.collection('sponsors').withConverter(sponsorConverter), size, onRead, { at });

export const apprenticePages = (db: Firestore, sid: string, size: number, onRead: OnRead, after?: string) =>
  pages<ApprenticeDoc>(apprenticeDocs(db, sid), size, onRead, { after });

/** The row copies of these apprentices (recompute/rows-cache.ts reads them), in the order asked. */
export async function readRowCopies(db: Firestore, sid: string, aids: string[]): Promise<DocumentSnapshot[]> {
  return aids.length ? db.getAll(...aids.map((aid) => db.doc(`${paths.recomputeRows(sid)}/${aid}`))) : [];
}

export type RecomputeWrite =
  | { kind: 'rows'; sponsorId: string; apprenticeId: string; copy: { version: string; rows: string } }
  | { kind: 'progress'; stored: StoredProgress };

/** Writes in batches of at most 500 (Firestore's limit on one commit). */
export async function commitWrites(db: Firestore, writes: RecomputeWrite[]): Promise<void> {
  for (let i = 0; i < writes.length; i += MAX_WRITES_PER_COMMIT) {
    const batch = db.batch();
    for (const w of writes.slice(i, i + MAX_WRITES_PER_COMMIT)) {
      if (w.kind === 'rows') batch.set(db.doc(`${paths.recomputeRows(w.sponsorId)}/${w.apprenticeId}`), w.copy);
      else batch.set(progressRef(db, w.stored.sponsorId, w.stored.apprenticeId), w.stored);
    }
    await batch.commit();
  }
}

/** Where the pass state is kept (functions only: firestore.rules deny clients everything not listed). */
export const PASS_DOC = 'recompute/daily';

export const PassState = z.object({
  /** The UTC day the pass is for. */
  day: z.string(),
  /** The instant the pass computes as of (its first slice's schedule time). */
  asOf: z.string(),
  next: z.object({ sponsorId: z.string(), after: z.string().optional() }).nullable(),
  slices: z.number().int(),
  apprentices: z.number().int(),
  changed: z.number().int(),
});
export type PassState = z.infer<typeof PassState>;
// A state that does not parse is a pass to start again, not an error.
const passState = typed(PassState.optional().catch(undefined));

export async function readPassState(db: Firestore): Promise<PassState | undefined> {
  return (await db.doc(PASS_DOC).withConverter(passState).get()).data();
}

export async function writePassState(db: Firestore, state: PassState): Promise<void> {
  await db.doc(PASS_DOC).set(state);
}
