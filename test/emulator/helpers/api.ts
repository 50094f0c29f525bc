// Test client for the real HTTP API on the Functions emulator, plus Firestore setup through the Admin SDK.

import type { ProgressSummary, RowConfirmations } from '@qualcard/shared';
import { getApps, initializeApp } from 'firebase-admin/app';
import { type Firestore, getFirestore } from 'firebase-admin/firestore';
import type { ChainCheck } from '../../../functions/src/audit';
import type { Outcome } from '../../../functions/src/confirm/entries';
import type { StoredProgress } from '../../../functions/src/progress';
import type { TranscriptMeta } from '../../../functions/src/store/transcripts';
import { type ApiResponse, apiCall } from '../../../scripts/api-client';
import { mintIdToken, type TokenClaims } from '../../../scripts/emulator-key';
import type { SyncedApprentice } from '../../../shared/src/api';
import { apiUrl, firestoreHost, PROJECT_ID } from './env';

export type { TranscriptMeta } from '../../../functions/src/store/transcripts';
export type { ApiResponse } from '../../../scripts/api-client';

// The API's answers the tests read, typed from the functions' own definitions (`call<SyncAnswer>(...)`).
export interface ErrorAnswer {
  error: { code: string; message: string; details: { issues: { path: string; message: string; code: string }[] } };
}
export interface SyncAnswer {
  sponsorId: string;
  asOf: string;
  timeZone: string;
  replayed: boolean;
  apprentices: SyncedApprentice[];
}
export type ConfirmAnswer = Outcome & {
  apprenticeId: string;
  progress: ProgressSummary;
  confirmations: RowConfirmations;
};
/** The sign-off answer, as the add-on reads it. */
export type { SignOffResponse as SignOffAnswer } from '../../../addon/src/api/requests';
export interface ProgressListAnswer {
  sponsorId: string;
  apprentices: StoredProgress[];
}
/** The list of transcript versions; `bytes` is there only if the list leaks them (it must not). */
export interface TranscriptListAnswer {
  transcripts: (TranscriptMeta & { bytes?: unknown })[];
}
export type VerifyAnswer = ChainCheck & { apprenticeId: string };

/** A request to the API, as `as` (an email or token claims) with a token the emulator accepts. */
export function call<T = unknown>(
  method: string,
  path: string,
  opts: {
    as?: string | TokenClaims;
    body?: unknown;
    rawBody?: string | Buffer;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
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
