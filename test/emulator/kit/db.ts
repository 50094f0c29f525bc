// The emulator's Firestore seen from the tests: the Admin SDK handle, emptying it, an operator's seeding of a sponsor
// and its first members, and every document (for "nothing was written" and "only these changed").

import type { Role } from '@qualcard/shared/api/roles';
import { getApps, initializeApp } from 'firebase-admin/app';
import { type Firestore, getFirestore } from 'firebase-admin/firestore';
import { firestoreHost, PROJECT_ID } from './env';

export function db(): Firestore {
  if (getApps().length === 0) initializeApp({ projectId: PROJECT_ID });
  return getFirestore();
}

/** Empties the emulator's database (the emulator's DELETE endpoint). */
export async function clearFirestore(): Promise<void> {
  const res = await fetch(
    `http://${firestoreHost()}/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`,
    { method: 'DELETE' },
  );
  if (!res.ok) throw new Error(`clearing Firestore failed: ${res.status}`);
}

export type SeedRole = Role;

/**
 * What an operator does once per sponsor: create it and its first members (later roles come from the API). A
 * shortcut for the tests: the documented path is `qualcard sponsor create` (test/emulator/cli-sponsor.test.ts).
 */
export async function seedSponsor(
  sponsorId: string,
  name: string,
  members: Record<string, SeedRole | { role: SeedRole; apprenticeId: string }>,
): Promise<void> {
  const firestore = db();
  await firestore.doc(`sponsors/${sponsorId}`).set({ name, createdAt: new Date().toISOString() });
  for (const [email, m] of Object.entries(members)) {
    const membership = typeof m === 'string' ? { role: m } : m;
    await firestore.doc(`members/${email}`).set({ email, sponsors: { [sponsorId]: membership } }, { merge: true });
  }
}

/**
 * Every document in the database, path -> its fields as the REST API gives them (typed values such as
 * `{ stringValue: "x" }`): for "nothing was written" and "only these changed" comparisons. One kindless query over
 * all descendants of the root (as the owner, past the rules) instead of walking the collections one by one.
 */
export async function allDocuments(): Promise<Record<string, unknown>> {
  const root = `projects/${PROJECT_ID}/databases/(default)/documents`;
  const res = await fetch(`http://${firestoreHost()}/v1/${root}:runQuery`, {
    method: 'POST',
    headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
    body: JSON.stringify({ structuredQuery: { from: [{ allDescendants: true }] } }),
  });
  if (!res.ok) throw new Error(`listing Firestore failed: ${res.status} ${await res.text()}`);
  const rows = (await res.json()) as { document?: { name: string; fields?: unknown } }[];
  const found = rows.flatMap((r) =>
    r.document ? [[r.document.name.slice(root.length + 1), r.document.fields ?? {}] as const] : [],
  );
  return Object.fromEntries(found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every document path under the database, sorted. */
export async function allDocumentPaths(): Promise<string[]> {
  return Object.keys(await allDocuments());
}

/** Sends a request that must be refused with `status` and an error code, and checks that it changed nothing. */
export async function refusedUnchanged<R extends { status: number; error?: { code?: string } }>(
  status: number,
  send: () => Promise<R>,
): Promise<R> {
  const before = await allDocuments();
  const res = await send();
  expect({ status: res.status, code: res.error?.code }).toEqual({ status, code: expect.any(String) });
  expect(await allDocuments()).toEqual(before);
  return res;
}
