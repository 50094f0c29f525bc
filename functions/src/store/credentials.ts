// sponsors/{sid}/credentials/{credentialId}: signed Open Badges credentials (credentials/issue.ts), one per
// apprentice, framework version and completed level; revoked by an admin, with an audit record.
import { CredentialSummary } from '@qualcard/shared/api';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import * as z from 'zod';
import { GENESIS } from '../audit';
import { adminFirestore, paths } from '../db';
import { apprenticeRef } from './apprentice-doc';
import { appendAudit } from './audit';
import { typed } from './convert';
import { setRevokedBit } from './status-lists';

export const StoredCredential = CredentialSummary.extend({
  jwt: z.string(),
  /** The credential with its Data Integrity proof, as JSON text (absent on credentials issued before there was one). */
  dataIntegrity: z.string().optional(),
});
export type StoredCredential = z.infer<typeof StoredCredential>;
const converter = typed(StoredCredential);

const credentialRef = (db: Firestore, sid: string, cid: string) =>
  db.doc(`${paths.credentials(sid)}/${cid}`).withConverter(converter);

export async function readCredential(db: Firestore, sid: string, cid: string): Promise<StoredCredential | undefined> {
  return (await credentialRef(db, sid, cid).get()).data();
}

export async function credentialsOf(db: Firestore, sid: string, aid: string): Promise<StoredCredential[]> {
  const all = db.collection(paths.credentials(sid)).withConverter(converter);
  return (await all.where('apprenticeId', '==', aid).get()).docs.map((d) => d.data());
}

/** Revoked credentials issued before the status list: the legacy revocation list names them. */
export async function revokedLegacyCredentials(db: Firestore, sid: string): Promise<StoredCredential[]> {
  const all = db.collection(paths.credentials(sid)).withConverter(converter);
  return (await all.where('status', '==', 'revoked').get()).docs.map((d) => d.data()).filter((c) => !c.statusList);
}

/** Firestore's ALREADY_EXISTS status code, what `create` fails with when the document is there. */
const ALREADY_EXISTS = 6;

/** Stores a new credential; false when another request issued it first (one per apprentice, version and level). */
export async function createCredential(db: Firestore, stored: StoredCredential): Promise<boolean> {
  return credentialRef(db, stored.sponsorId, stored.credentialId)
    .create(stored)
    .then(
      () => true,
      (e: { code?: number }) => {
        if (e.code !== ALREADY_EXISTS) throw e;
        return false;
      },
    );
}

/** Flags a credential for review, or clears its flag (and an admin's keeping of it: the level is complete again). */
export async function setFlag(db: Firestore, sid: string, cid: string, flag: StoredCredential['flag']): Promise<void> {
  const remove = adminFirestore().FieldValue.delete();
  await db.doc(`${paths.credentials(sid)}/${cid}`).update(flag ? { flag } : { flag: remove, kept: remove });
}

type CredentialIds = { sid: string; aid: string; cid: string };
type Check = (stored: StoredCredential | undefined) => StoredCredential;
interface Decision {
  at: string;
  by: string;
  /** The audit record's before and after, from the stored credential. */
  audit: (c: StoredCredential) => { before: unknown; after: unknown };
  /** The credential's fields to change. */
  fields: Record<string, unknown>;
  /** Further writes of the same transaction. */
  also?: (tx: Transaction, c: StoredCredential) => void;
}

/** An admin's decision on a credential, in one transaction with its audit record: `check` throws to refuse. */
async function decide(db: Firestore, { sid, aid, cid }: CredentialIds, check: Check, d: Decision): Promise<void> {
  const ref = credentialRef(db, sid, cid);
  const apprentice = apprenticeRef(db, sid, aid);
  await db.runTransaction(async (tx) => {
    const [snap, doc] = await Promise.all([tx.get(ref), tx.get(apprentice)]);
    const c = check(snap.data());
    const head = appendAudit(tx, db, sid, aid, doc.data()?.auditHead ?? GENESIS, [
      { at: d.at, who: d.by, entity: 'credential', key: cid, action: 'update', ...d.audit(c) },
    ]);
    tx.update(db.doc(paths.apprentice(sid, aid)), { auditHead: head });
    tx.update(db.doc(`${paths.credentials(sid)}/${cid}`), d.fields);
    d.also?.(tx, c);
  });
}

/** Revokes, with its audit record, and sets its bit in the sponsor's status list; clears any review flag. */
export function revokeCredential(
  db: Firestore,
  ids: CredentialIds,
  revoked: { at: string; by: string; reason: string },
  check: Check,
): Promise<void> {
  return decide(db, ids, check, {
    ...revoked,
    audit: (c) => ({
      before: { status: c.status, levelId: c.levelId, id: c.id },
      after: { status: 'revoked', reason: revoked.reason },
    }),
    fields: { status: 'revoked', revoked, flag: adminFirestore().FieldValue.delete() },
    also: (tx, c) => {
      if (c.statusList) setRevokedBit(tx, db, ids.sid, c.statusList);
    },
  });
}

/** Keeps a flagged credential, with its audit record: the flag goes; the audit record keeps it, who and why. */
export function keepCredential(
  db: Firestore,
  ids: CredentialIds,
  kept: { at: string; by: string; reason: string },
  check: Check,
): Promise<void> {
  return decide(db, ids, check, {
    ...kept,
    audit: (c) => ({
      before: { status: c.status, levelId: c.levelId, id: c.id, flag: c.flag ?? null },
      after: { status: c.status, kept: kept.reason },
    }),
    fields: { flag: adminFirestore().FieldValue.delete(), kept },
  });
}
