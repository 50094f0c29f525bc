// members/{email}: each person's role per sponsor.
import { MEMBERS, SponsorMembership } from '@qualcard/shared/api';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import * as z from 'zod';
import { adminFirestore, MAX_WRITES_PER_COMMIT, paths } from '../db';
import { getAll, typed } from './convert';

// Lenient on purpose: a member document that does not parse grants nothing (no roles), it is not an error.
const MemberDoc = z.object({
  email: z.string(),
  sponsors: z.record(z.string(), SponsorMembership).default({}),
});
const lenient = typed(MemberDoc.catch({ email: '', sponsors: {} }));

/** The roles an email holds, by sponsor (none when it has no member document). */
export async function readRoles(db: Firestore, email: string): Promise<Record<string, SponsorMembership>> {
  const snap = await db.doc(paths.member(email)).withConverter(lenient).get();
  return snap.data()?.sponsors ?? {};
}

/** The member document's fields that give `email` its role in one sponsor (merged: its other sponsors stay). */
const roleFields = (email: string, sid: string, membership: SponsorMembership) => ({
  email,
  sponsors: { [sid]: membership },
});

/** Gives an email a role in a sponsor, keeping its roles elsewhere. */
export async function setRole(db: Firestore, email: string, sid: string, membership: SponsorMembership): Promise<void> {
  await db.doc(paths.member(email)).set(roleFields(email, sid, membership), { merge: true });
}

/** The email's role in the sponsor, read within the caller's transaction (undefined when it has none). */
export async function readRoleIn(
  tx: Transaction,
  db: Firestore,
  email: string,
  sid: string,
): Promise<SponsorMembership | undefined> {
  const snap = await tx.get(db.doc(paths.member(email)).withConverter(lenient));
  return snap.data()?.sponsors[sid];
}

/** setRole within the caller's transaction. */
export function setRoleIn(
  tx: Transaction,
  db: Firestore,
  email: string,
  sid: string,
  membership: SponsorMembership,
): void {
  tx.set(db.doc(paths.member(email)), roleFields(email, sid, membership), { merge: true });
}

/** Gives each email the role wanted in the sponsor unless it already has one there (a role is never changed). */
export async function addMissingRoles(
  db: Firestore,
  sid: string,
  wanted: Map<string, SponsorMembership>,
): Promise<void> {
  const emails = [...wanted.keys()];
  const refs = emails.map((e) => db.doc(paths.member(e)).withConverter(lenient));
  const snaps = await getAll(db, refs);
  let batch = db.batch();
  let writes = 0;
  for (const [i, snap] of snaps.entries()) {
    if (snap.data()?.sponsors[sid]) continue;
    batch.set(db.doc(paths.member(emails[i]!)), roleFields(emails[i]!, sid, wanted.get(emails[i]!)!), {
      merge: true,
    });
    if (++writes === MAX_WRITES_PER_COMMIT) {
      await batch.commit();
      batch = db.batch();
      writes = 0;
    }
  }
  if (writes) await batch.commit();
}

/** Everyone with a role in the sponsor, with their membership (an apprentice's apprenticeId with it). */
export async function membershipsIn(db: Firestore, sid: string): Promise<[string, SponsorMembership][]> {
  const role = new (adminFirestore().FieldPath)('sponsors', sid, 'role');
  const snap = await db
    .collection('members')
    .where(role, 'in', [...MEMBERS])
    .withConverter(lenient)
    .get();
  return snap.docs.flatMap((d) => {
    const m = d.data().sponsors[sid];
    return m ? [[d.id, m] as [string, SponsorMembership]] : [];
  });
}

/**
 * Changes or removes one email's membership in the sponsor, in a transaction that also reads who the sponsor's
 * admins are: two admins demoting each other at once cannot leave the sponsor with none, as the second transaction
 * is retried on the first one's outcome. `plan` sees the email's current membership and the admins, and returns the
 * new membership, null to remove it, or throws to refuse. Its roles in other sponsors are kept.
 */
export async function changeMembership(
  db: Firestore,
  sid: string,
  email: string,
  plan: (current: SponsorMembership | undefined, admins: string[]) => SponsorMembership | null,
): Promise<void> {
  const { FieldPath, FieldValue } = adminFirestore();
  const role = new FieldPath('sponsors', sid, 'role');
  const ref = db.doc(paths.member(email)).withConverter(lenient);
  await db.runTransaction(async (tx) => {
    const [doc, admins] = await Promise.all([
      tx.get(ref),
      tx.get(db.collection('members').where(role, '==', 'admin').withConverter(lenient)),
    ]);
    const next = plan(
      doc.data()?.sponsors[sid],
      admins.docs.map((d) => d.id),
    );
    if (next) tx.set(db.doc(paths.member(email)), { email, sponsors: { [sid]: next } }, { merge: true });
    else if (doc.exists) tx.update(db.doc(paths.member(email)), new FieldPath('sponsors', sid), FieldValue.delete());
  });
}
