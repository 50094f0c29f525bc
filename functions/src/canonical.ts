// SHA-256 over canonical JSON (defined once, in shared): the basis of idempotency hashes, change detection and
// the audit chain, so equal content always hashes equal.
import { createHash } from 'node:crypto';

export { canonicalJson } from '@qualcard/shared';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** A Firestore document id for a sheet value: the value itself when it is a safe id, else a hash of it. */
export function safeKey(value: string): string {
  return /^[A-Za-z0-9._-]{1,120}$/.test(value) && !/^\.{1,2}$/.test(value) && !/^__.*__$/.test(value)
    ? value
    : `k-${sha256(value).slice(0, 32)}`;
}
