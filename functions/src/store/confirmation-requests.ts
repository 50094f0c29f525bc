// sponsors/{sid}/apprentices/{aid}/confirmationRequests/{id}: an apprentice's requests that their coaches confirm
// entries of their sheets. `open` is stored so that the lists query only the requests not yet seen answered; whether
// a request is answered is decided against the stored record each time it is read (confirm/asks.ts).
import { ConfirmationAskAnswer, EntryRef } from '@qualcard/shared/api';
import type { Firestore } from 'firebase-admin/firestore';
import * as z from 'zod';
import { CONFIRMATION_REQUESTS, MAX_WRITES_PER_COMMIT, paths } from '../db';
import { type ApprenticeState, readState } from './apprentice';
import { typed } from './convert';

export const ConfirmationRequestDoc = ConfirmationAskAnswer.omit({ entries: true }).extend({
  sponsorId: z.string(),
  entries: z.array(EntryRef),
  /** False once a read found every entry confirmed: then no list queries it again. */
  open: z.boolean(),
});
export type ConfirmationRequestDoc = z.infer<typeof ConfirmationRequestDoc>;
const converter = typed(ConfirmationRequestDoc);

const requestsOf = (db: Firestore, sid: string, aid: string) =>
  db.collection(paths.confirmationRequests(sid, aid)).withConverter(converter);

/**
 * Stores a new request in one transaction with the apprentice's state and their open requests, so that the limit on
 * open requests holds under concurrent asks. `plan` sees both and returns the request (without its id) or throws.
 */
export async function createRequest(
  db: Firestore,
  sid: string,
  aid: string,
  plan: (state: ApprenticeState, open: ConfirmationRequestDoc[]) => Omit<ConfirmationRequestDoc, 'requestId' | 'open'>,
): Promise<ConfirmationRequestDoc> {
  return db.runTransaction(async (tx) => {
    const [state, open] = await Promise.all([
      readState(db, sid, aid, tx),
      tx.get(requestsOf(db, sid, aid).where('open', '==', true)),
    ]);
    const ref = requestsOf(db, sid, aid).doc();
    const request: ConfirmationRequestDoc = {
      ...plan(
        state,
        open.docs.map((d) => d.data()),
      ),
      requestId: ref.id,
      open: true,
    };
    tx.create(ref, request);
    return request;
  });
}

/** The apprentice's requests still marked open. */
export async function openRequestsOf(db: Firestore, sid: string, aid: string): Promise<ConfirmationRequestDoc[]> {
  return (await requestsOf(db, sid, aid).where('open', '==', true).get()).docs.map((d) => d.data());
}

/** Every request of the sponsor still marked open (a collection group query; firestore.indexes.json). */
export async function openRequestsIn(db: Firestore, sid: string): Promise<ConfirmationRequestDoc[]> {
  const snap = await db
    .collectionGroup(CONFIRMATION_REQUESTS)
    .where('sponsorId', '==', sid)
    .where('open', '==', true)
    .withConverter(converter)
    .get();
  return snap.docs.map((d) => d.data());
}

/** Marks answered requests as no longer open (idempotent: a concurrent list marking them too changes nothing). */
export async function closeRequests(
  db: Firestore,
  sid: string,
  requests: { apprenticeId: string; requestId: string }[],
  at: string,
): Promise<void> {
  for (let i = 0; i < requests.length; i += MAX_WRITES_PER_COMMIT) {
    const batch = db.batch();
    for (const r of requests.slice(i, i + MAX_WRITES_PER_COMMIT))
      batch.update(db.doc(`${paths.confirmationRequests(sid, r.apprenticeId)}/${r.requestId}`), {
        open: false,
        closedAt: at,
      });
    await batch.commit();
  }
}
