// sponsors/{sid}/progress/{aid}: each apprentice's last computed progress (a summary), what reads, reports and
// digests use.
import { StoredProgress } from '@qualcard/shared/api';
import type { DocumentReference, Firestore, Query } from 'firebase-admin/firestore';
import { adminFirestore, paths } from '../db';
import { getAll, typed } from './convert';

const converter = typed(StoredProgress);

export const progressRef = (db: Firestore, sid: string, aid: string): DocumentReference<StoredProgress> =>
  db.doc(`${paths.progress(sid)}/${aid}`).withConverter(converter);

export async function readProgress(db: Firestore, sid: string, aid: string): Promise<StoredProgress | undefined> {
  return (await progressRef(db, sid, aid).get()).data();
}

/** Each apprentice's stored progress, in the order asked (undefined where there is none). */
export async function readProgresses(
  db: Firestore,
  sid: string,
  aids: string[],
): Promise<(StoredProgress | undefined)[]> {
  const snaps = await getAll(
    db,
    aids.map((a) => progressRef(db, sid, a)),
  );
  return snaps.map((s) => s.data());
}

export async function writeProgress(db: Firestore, stored: StoredProgress): Promise<void> {
  await progressRef(db, stored.sponsorId, stored.apprenticeId).set(stored);
}

/** The sponsor's stored progress: all of it, or a coach's apprentices only. */
export async function listProgress(db: Firestore, sid: string, coachEmail?: string): Promise<StoredProgress[]> {
  const all = db.collection(paths.progress(sid)).withConverter(converter);
  const snap = await (coachEmail ? all.where('coachEmails', 'array-contains', coachEmail) : all).get();
  return snap.docs.map((d) => d.data());
}

/** The sponsor's stored progress (a coach's only when named) ordered by apprentice id, a page at a time. */
export function progressPages(
  db: Firestore,
  sid: string,
  opts: { size: number; coachEmail?: string },
): (after?: string) => Promise<StoredProgress[]> {
  const all = db.collection(paths.progress(sid)).withConverter(converter);
  const query: Query<StoredProgress> = (
    opts.coachEmail ? all.where('coachEmails', 'array-contains', opts.coachEmail) : all
  )
    .orderBy(adminFirestore().FieldPath.documentId())
    .limit(opts.size);
  return async (after) => (await (after ? query.startAfter(after) : query).get()).docs.map((d) => d.data());
}
