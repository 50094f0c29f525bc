// The audit log: every change to a sign-off, hours entry or the apprentice's profile (roster fields, prior credit,
// exams, certifications, and every confirmation or withdrawal), every wage raise an admin records and every
// credential revoked or kept, appends one record (who, when, before, after) in the same transaction as the change.
// Records are hash-chained per apprentice: hash = sha256(previous hash + canonical JSON of the record), and the
// apprentice document keeps the head, so editing, removing or reordering a record shows.
// Pure: the records are written by store/audit.ts (appendAudit, in the change's transaction) and read back there.
import { canonicalJson, sha256 } from './canonical';

export type AuditEntity = 'sign-off' | 'hours-entry' | 'profile' | 'wage-raise' | 'credential';
export type AuditAction = 'create' | 'update' | 'delete';

export interface AuditBody {
  seq: number;
  at: string;
  who: string;
  entity: AuditEntity;
  key: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
}
export interface AuditRecord extends AuditBody {
  prevHash: string;
  hash: string;
}
export interface AuditHead {
  seq: number;
  hash: string;
}

export const GENESIS: AuditHead = { seq: 0, hash: sha256('qualcard-audit-genesis') };

export const auditId = (seq: number): string => String(seq).padStart(10, '0');

export function chain(prev: AuditHead, body: Omit<AuditBody, 'seq'>): AuditRecord {
  const full: AuditBody = { ...body, seq: prev.seq + 1, before: body.before ?? null, after: body.after ?? null };
  return { ...full, prevHash: prev.hash, hash: sha256(prev.hash + canonicalJson(full)) };
}

export interface ChainCheck {
  ok: boolean;
  records: number;
  problem?: string;
  seq?: number;
}

/** Recomputes the chain from the stored records and compares it with the stored head. */
export function verifyChain(records: AuditRecord[], head: AuditHead | undefined): ChainCheck {
  let prev = GENESIS;
  for (const [i, r] of records.entries()) {
    if (r.seq !== i + 1)
      return {
        ok: false,
        records: records.length,
        seq: r.seq,
        problem: `record ${i + 1} has sequence number ${r.seq}: a record is missing or out of order`,
      };
    if (r.prevHash !== prev.hash)
      return {
        ok: false,
        records: records.length,
        seq: r.seq,
        problem: `record ${r.seq} does not follow record ${prev.seq}`,
      };
    const { prevHash: _p, hash, ...body } = r;
    const expected = sha256(
      prev.hash + canonicalJson({ ...body, before: body.before ?? null, after: body.after ?? null }),
    );
    if (hash !== expected)
      return {
        ok: false,
        records: records.length,
        seq: r.seq,
        problem: `record ${r.seq} was altered: its content does not match its hash`,
      };
    prev = { seq: r.seq, hash };
  }
  const h = head ?? GENESIS;
  if (h.seq !== prev.seq || h.hash !== prev.hash)
    return {
      ok: false,
      records: records.length,
      problem: `the chain ends at record ${prev.seq} but the apprentice's head says ${h.seq}: records were removed or added outside a transaction`,
    };
  return { ok: true, records: records.length };
}
