// sponsors/{sid}/statusLists: the revocation bits of the sponsor's credentials (status-list.ts). `allocation` counts
// the bits handed out (never reused); one document per list (`1`, `2`, …) holds the revoked indexes, a version bumped
// by each revocation, and the signed list credential last published for a version.
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import * as z from 'zod';
import { adminFirestore, paths } from '../db';
import { typed } from './convert';

const Allocation = z.object({ next: z.number().int().nonnegative() });
const StatusListDoc = z.object({
  revoked: z.array(z.number().int().nonnegative()).default([]),
  version: z.number().int().nonnegative().default(0),
  /** The signed BitstringStatusListCredential (JSON) for `signedVersion`. */
  signed: z.string().optional(),
  signedVersion: z.number().int().optional(),
});
export type StatusListDoc = z.infer<typeof StatusListDoc>;

const allocationRef = (db: Firestore, sid: string) =>
  db.doc(`${paths.statusLists(sid)}/allocation`).withConverter(typed(Allocation));
const listRef = (db: Firestore, sid: string, list: number) =>
  db.doc(`${paths.statusLists(sid)}/${list}`).withConverter(typed(StatusListDoc));

/** The next bit number of the sponsor (0, 1, …), in a transaction: concurrent issues get distinct numbers. */
export async function allocateStatus(db: Firestore, sid: string): Promise<number> {
  const ref = allocationRef(db, sid);
  return db.runTransaction(async (tx) => {
    const n = (await tx.get(ref)).data()?.next ?? 0;
    tx.set(ref, { next: n + 1 });
    return n;
  });
}

/** How many bits the sponsor has handed out (the lists 1..ceil(n / length) exist). */
export async function allocated(db: Firestore, sid: string): Promise<number> {
  return (await allocationRef(db, sid).get()).data()?.next ?? 0;
}

/** Sets a credential's bit, inside the revocation's transaction. */
export function setRevokedBit(tx: Transaction, db: Firestore, sid: string, slot: { list: number; index: number }) {
  const { FieldValue } = adminFirestore();
  tx.set(
    db.doc(`${paths.statusLists(sid)}/${slot.list}`),
    { revoked: FieldValue.arrayUnion(slot.index), version: FieldValue.increment(1) },
    { merge: true },
  );
}

export async function readStatusList(db: Firestore, sid: string, list: number): Promise<StatusListDoc> {
  return (await listRef(db, sid, list).get()).data() ?? { revoked: [], version: 0 };
}

/** Keeps the signed list for `version`, unless a list for a later version was kept meanwhile. */
export async function keepSignedList(db: Firestore, sid: string, list: number, version: number, signed: string) {
  const ref = listRef(db, sid, list);
  await db.runTransaction(async (tx) => {
    const current = (await tx.get(ref)).data();
    if ((current?.signedVersion ?? -1) >= version || (current?.version ?? 0) !== version) return;
    tx.set(db.doc(ref.path), { signed, signedVersion: version }, { merge: true });
  });
}
