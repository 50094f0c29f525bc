// sponsors/{sid}/apprentices/{aid}/audit/{seq}: the hash-chained change log (audit.ts), appended in the same
// transaction as the change it records; the apprentice document keeps the chain's head.
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import * as z from 'zod';
import { type AuditBody, type AuditHead, type AuditRecord, auditId, chain } from '../audit';
import { paths } from '../db';
import { apprenticeRef } from './apprentice-doc';
import { typed } from './convert';

const AuditRecordDoc = z.object({
  seq: z.number().int(),
  at: z.string(),
  who: z.string(),
  entity: z.enum(['sign-off', 'hours-entry', 'profile', 'wage-raise', 'credential']),
  key: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
}) satisfies z.ZodType<AuditRecord>;
const record = typed(AuditRecordDoc);

/** Appends records within the caller's transaction; returns the new head. */
export function appendAudit(
  tx: Transaction,
  db: Firestore,
  sid: string,
  aid: string,
  head: AuditHead,
  bodies: Omit<AuditBody, 'seq'>[],
): AuditHead {
  let h = head;
  for (const body of bodies) {
    const next = chain(h, body);
    tx.create(db.doc(`${paths.audit(sid, aid)}/${auditId(next.seq)}`), next);
    h = { seq: next.seq, hash: next.hash };
  }
  return h;
}

/** The apprentice's audit records in order, and the head its document keeps. */
export async function readAuditChain(
  db: Firestore,
  sid: string,
  aid: string,
): Promise<{ records: AuditRecord[]; head: AuditHead | undefined }> {
  const [snap, apprentice] = await Promise.all([
    db.collection(paths.audit(sid, aid)).orderBy('seq').withConverter(record).get(),
    apprenticeRef(db, sid, aid).get(),
  ]);
  return { records: snap.docs.map((d) => d.data()), head: apprentice.data()?.auditHead };
}
