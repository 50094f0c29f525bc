// Test client for the real HTTP API on the Functions emulator, plus Firestore setup through the Admin SDK.
import { getApps, initializeApp } from 'firebase-admin/app';
import { request } from 'node:http';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { mintIdToken, type TokenClaims } from '../../../scripts/emulator-key';
import { apiUrl, firestoreHost, PROJECT_ID } from './env';

export interface ApiResponse<T = any> { status: number; body: T; headers: Headers; bytes: Buffer }

export async function call<T = any>(method: string, path: string, opts: { as?: string | TokenClaims; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.as) headers.authorization = `Bearer ${mintIdToken(typeof opts.as === 'string' ? { email: opts.as } : opts.as)}`;
  let body: string | Buffer | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) { body = JSON.stringify(opts.body); headers['content-type'] = 'application/json'; }
  const res = await send(method, `${apiUrl()}${path}`, headers, body);
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? JSON.parse(res.bytes.toString('utf8')) : res.bytes.toString('utf8');
  return { ...res, body: parsed as T };
}

/**
 * One connection per request (no keep-alive): tests pause for seconds (LibreOffice) between calls, and a pooled
 * socket the emulator closes at its idle timeout would fail the next request.
 */
function send(method: string, url: string, headers: Record<string, string>, body?: string | Buffer): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, headers: h, bytes: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function db(): Firestore {
  if (getApps().length === 0) initializeApp({ projectId: PROJECT_ID });
  const firestore = getFirestore();
  return firestore;
}

/** Empties the emulator's database (the emulator's DELETE endpoint). */
export async function clearFirestore(): Promise<void> {
  const res = await fetch(`http://${firestoreHost()}/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`clearing Firestore failed: ${res.status}`);
}

export type SeedRole = 'admin' | 'coach' | 'consultant' | 'apprentice';

/** What an operator does once per sponsor: create it and its first members (later roles come from the API). */
export async function seedSponsor(sponsorId: string, name: string, members: Record<string, SeedRole | { role: SeedRole; apprenticeId: string }>): Promise<void> {
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
