// Canonical JSON (sorted keys, no undefined) and SHA-256: the basis of idempotency hashes, change detection and
// the audit chain, so equal content always hashes equal.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** A Firestore document id for a sheet value: the value itself when it is a safe id, else a hash of it. */
export function safeKey(value: string): string {
  return /^[A-Za-z0-9._-]{1,120}$/.test(value) && !/^\.{1,2}$/.test(value) && !/^__.*__$/.test(value)
    ? value
    : `k-${sha256(value).slice(0, 32)}`;
}
