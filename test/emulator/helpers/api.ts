// Test client for the real HTTP API on the Functions emulator, plus Firestore setup through the Admin SDK.
import { getApps, initializeApp } from 'firebase-admin/app';
import { type Firestore, getFirestore } from 'firebase-admin/firestore';
import { type ApiResponse, apiCall } from '../../../scripts/api-client';
import { mintIdToken, type TokenClaims } from '../../../scripts/emulator-key';
import { apiUrl, firestoreHost, PROJECT_ID } from './env';

export type { ApiResponse } from '../../../scripts/api-client';

export function call<T = any>(
  method: string,
  path: string,
  opts: { as?: string | TokenClaims; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const token = opts.as ? mintIdToken(typeof opts.as === 'string' ? { email: opts.as } : opts.as) : undefined;
  return apiCall<T>(apiUrl(), method, path, { ...opts, token });
}

export function db(): Firestore {
  if (getApps().length === 0) initializeApp({ projectId: PROJECT_ID });
  const firestore = getFirestore();
  return firestore;
}

/** Empties the emulator's database (the emulator's DELETE endpoint). */
export async function clearFirestore(): Promise<void> {
  const res = await fetch(
    `http://${firestoreHost()}/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`,
    { method: 'DELETE' },
  );
  if (!res.ok) throw new Error(`clearing Firestore failed: ${res.status}`);
}

export type SeedRole = 'admin' | 'coach' | 'consultant' | 'apprentice';

/** What an operator does once per sponsor: create it and its first members (later roles come from the API). */
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

/** Every document path under the database (for "nothing was written" checks). */
export async function allDocumentPaths(): Promise<string[]> {
  const firestore = db();
  const out: string[] = [];
  const walk = async (refs: FirebaseFirestore.CollectionReference[]): Promise<void> => {
    for (const c of refs) {
      // One query for the existing documents; listDocuments also finds parents that exist only through children.
      out.push(...(await c.get()).docs.map((d) => d.ref.path));
      for (const d of await c.listDocuments()) await walk(await d.listCollections());
    }
  };
  await walk(await firestore.listCollections());
  return out.sort();
}
