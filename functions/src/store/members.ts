// members/{email}: each person's role per sponsor.
import { type Role, SponsorMembership } from '@qualcard/shared/api';
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

/** The emails holding one of `roles` in the sponsor, with their role. */
export async function membersWithRole(db: Firestore, sid: string, roles: Role[]): Promise<[string, Role][]> {
  const role = new (adminFirestore().FieldPath)('sponsors', sid, 'role');
  const snap = await db.collection('members').where(role, 'in', roles).withConverter(lenient).get();
  return snap.docs.flatMap((d) => {
    const m = d.data().sponsors[sid];
    return m ? [[d.id, m.role] as [string, Role]] : [];
  });
}
