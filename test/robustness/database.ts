// The whole Firestore emulator database as one canonical snapshot: taken before and after each batch of bad
// requests to prove none of them wrote, and put back when one did (so the next requests meet the seeded state).
import { createHash } from 'node:crypto';
import { firestoreHost, PROJECT_ID } from '../emulator/helpers/env';

const ROOT = `projects/${PROJECT_ID}/databases/(default)/documents`;

export interface Snapshot {
  /** Relative document path -> its fields as the REST API gives them (typed values). */
  docs: Map<string, unknown>;
  /** SHA-256 of the canonical form: equal snapshots, equal hashes. */
  hash: string;
}

/** JSON with object keys sorted, so the same content always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

async function emulator(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`http://${firestoreHost()}/v1/${path}`, {
    method: 'POST',
    // "owner" is the emulator's admin token: reads and writes past the security rules.
    headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`Firestore emulator ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Every document, by one query over all descendants of the root. */
export async function snapshot(): Promise<Snapshot> {
  const rows = (await emulator(`${ROOT}:runQuery`, { structuredQuery: { from: [{ allDescendants: true }] } })) as {
    document?: { name: string; fields?: unknown };
  }[];
  const docs = new Map<string, unknown>();
  for (const r of rows) if (r.document) docs.set(r.document.name.slice(ROOT.length + 1), r.document.fields ?? {});
  const sorted = [...docs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const [path, fields] of sorted) hash.update(`${path}\n${canonical(fields)}\n`);
  return { docs: new Map(sorted), hash: hash.digest('hex') };
}

/** What changed from `before` to `after`: `+path` added, `-path` removed, `~path` changed. */
export function diff(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [path, fields] of after.docs) {
    if (!before.docs.has(path)) out.push(`+${path}`);
    else if (canonical(before.docs.get(path)) !== canonical(fields)) out.push(`~${path}`);
  }
  for (const path of before.docs.keys()) if (!after.docs.has(path)) out.push(`-${path}`);
  return out;
}

/**
 * Empties the database (the emulator's DELETE endpoint). The emulator answers 409 while a transaction of a request
 * that is still running (or was cut off by the function timeout) holds a lock: wait and try again.
 */
export async function clear(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`http://${firestoreHost()}/emulator/v1/${ROOT}`, { method: 'DELETE' });
    if (res.ok) return;
    if (res.status !== 409 || attempt === 40)
      throw new Error(`clearing Firestore failed: ${res.status} ${await res.text()}`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

/** Empties the database and writes the snapshot's documents back, in commits of 500. */
export async function restore(to: Snapshot): Promise<void> {
  await clear();
  const writes = [...to.docs.entries()].map(([path, fields]) => ({ update: { name: `${ROOT}/${path}`, fields } }));
  for (let i = 0; i < writes.length; i += 500) await emulator(`${ROOT}:commit`, { writes: writes.slice(i, i + 500) });
  const check = await snapshot();
  if (check.hash !== to.hash)
    throw new Error(`restoring the database failed: ${diff(to, check).slice(0, 5).join(' ')}`);
}
