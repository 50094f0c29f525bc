// The Firebase project owner's entry point: `qualcard sponsor create`, `sponsor add-admin` and `sponsor rotate-key`
// (tools/cli/owner.ts) load this file, the only one of functions/ the CLI may load (test/unit/cli-boundary.test.ts).
// It runs on the owner's machine, not in Cloud Functions: the Admin SDK with the owner's Application Default
// Credentials (`gcloud auth application-default login`), or the emulator when FIRESTORE_EMULATOR_HOST is set. Like
// the other entry points it takes the database handle and hands it to the use cases (usecases/sponsors.ts), so the
// paths and the member document are the functions' own (db.ts, store/). Not bundled into the deployed functions.
import type * as AdminApp from 'firebase-admin/app';
import { firestore } from './db';
import { DomainError, type Refusal } from './domain/errors';
import type { Deps } from './usecases/deps';
import {
  type AdminAdded,
  addSponsorAdmin,
  createSponsor,
  type KeyRotated,
  rotateIssuerKey,
  type SponsorCreated,
  type SponsorCreation,
} from './usecases/sponsors';

export type { AdminAdded, KeyRotated, SponsorCreated, SponsorCreation };

/** What the use case did, or why it refused (its message says what to do instead). */
export type Owned<T> = { ok: true; value: T } | { ok: false; refusal: Refusal; message: string };

/**
 * Fails at once, before any Firestore call, without Application Default Credentials: the Firestore client would
 * otherwise also report the missing credentials as unhandled rejections. The emulator needs none.
 */
async function checkCredentials(): Promise<void> {
  if (process.env.FIRESTORE_EMULATOR_HOST) return;
  const { applicationDefault } = require('firebase-admin/app') as typeof AdminApp;
  await applicationDefault().getAccessToken();
}

async function run<T>(projectId: string, use: (deps: Deps) => Promise<T>): Promise<Owned<T>> {
  await checkCredentials();
  const db = firestore(projectId);
  try {
    return { ok: true, value: await use({ db, now: () => new Date() }) };
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, refusal: e.refusal, message: e.message };
    throw e;
  } finally {
    // The command ends when its work is done: no open channel keeps the process waiting.
    await db.terminate();
  }
}

export const ownerCreateSponsor = (projectId: string, input: SponsorCreation): Promise<Owned<SponsorCreated>> =>
  run(projectId, (deps) => createSponsor(deps, input));

export const ownerAddAdmin = (
  projectId: string,
  input: { sponsorId: string; email: string },
): Promise<Owned<AdminAdded>> => run(projectId, (deps) => addSponsorAdmin(deps, input));

export const ownerRotateKey = (projectId: string, input: { sponsorId: string }): Promise<Owned<KeyRotated>> =>
  run(projectId, (deps) => rotateIssuerKey(deps, input.sponsorId));
