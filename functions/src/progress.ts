// Progress via the shared engine, and its stored copy (sponsors/{sid}/progress/{aid}) that reads and reports use.
import {
  type ApprenticeRecord,
  computeProgress,
  type Programs,
  type Progress,
  type ProgressSummary,
  RecordMismatchError,
  summarizeProgress,
} from '@qualcard/shared';
import type { Firestore } from 'firebase-admin/firestore';
import { canonicalJson } from './canonical';
import { reconcileCredentials } from './credentials/issue';
import { paths } from './db';
import { badRequest } from './http/errors';
import { resolveFramework } from './registry';

export interface StoredProgress {
  sponsorId: string;
  apprenticeId: string;
  name: string;
  email: string;
  coachEmails: string[];
  frameworkId: string;
  /** The published version the progress was computed against. */
  frameworkVersion: string;
  /** Small whatever the record holds: every tally, the first findings and a count per code. */
  progress: ProgressSummary;
  computedAt: string;
}

/** 400 naming the version when the framework exists but not at that version, else naming the framework id. */
async function unknownFramework(sid: string, record: ApprenticeRecord, path: (string | number)[]): Promise<Error> {
  const { frameworkId: id, frameworkVersion: version } = record.apprentice;
  const known = version !== undefined && (await resolveFramework(sid, id)) !== undefined;
  const at = [...path, 'apprentice', known ? 'frameworkVersion' : 'frameworkId'].join('.');
  const message = known ? `${id} has no published version "${version}"` : `unknown framework "${id}"`;
  return badRequest(`${at}: ${message}`, { issues: [{ path: at, message }] });
}

/**
 * Runs the engine against the version of the framework the record names (the registry), with the sponsor's program
 * for that framework; a record that does not fit its framework is a 400 naming the field (under `path`).
 */
export async function progressFor(
  sid: string,
  record: ApprenticeRecord,
  asOf: string,
  path: (string | number)[] = [],
  programs: Programs = {},
): Promise<Progress> {
  const { frameworkId, frameworkVersion } = record.apprentice;
  const framework = (await resolveFramework(sid, frameworkId, frameworkVersion))?.framework;
  if (!framework) throw await unknownFramework(sid, record, path);
  try {
    return computeProgress(framework, record, asOf, programs[framework.id]);
  } catch (e) {
    if (e instanceof RecordMismatchError) {
      const field = [...path, e.field].join('.');
      throw badRequest(`${field}: ${e.message.slice(e.field.length + 2)}`, {
        issues: [{ path: field, message: e.message }],
      });
    }
    throw e;
  }
}

/** The stored view of a progress, without its computation time. */
export type ProgressView = Omit<StoredProgress, 'computedAt'>;

export function progressView(sid: string, record: ApprenticeRecord, progress: Progress): ProgressView {
  return {
    sponsorId: sid,
    apprenticeId: record.apprentice.id,
    name: record.apprentice.name,
    email: record.apprentice.email,
    coachEmails: record.apprentice.coachEmails,
    frameworkId: record.apprentice.frameworkId,
    frameworkVersion: progress.frameworkVersion,
    progress: summarizeProgress(progress),
  };
}

/** Whether the stored progress already says what `view` says (the computation time aside). */
export function sameView(current: StoredProgress | undefined, view: ProgressView): current is StoredProgress {
  return current !== undefined && canonicalJson({ ...current, computedAt: undefined }) === canonicalJson(view);
}

/** The document written for a view: JSON only (optional fields absent, not undefined). */
export const storedDoc = (view: ProgressView, at: Date): StoredProgress =>
  JSON.parse(JSON.stringify({ ...view, computedAt: at.toISOString() }));

/**
 * Stores progress when it differs from what is stored; returns the stored view. The one place a sync, a confirmation
 * or a migration writes stored progress, so the one place credentials follow it (credentials/issue.ts).
 */
export async function storeProgress(
  db: Firestore,
  sid: string,
  record: ApprenticeRecord,
  progress: Progress,
): Promise<StoredProgress> {
  const ref = db.doc(`${paths.progress(sid)}/${record.apprentice.id}`);
  const view = progressView(sid, record, progress);
  const current = (await ref.get()).data() as StoredProgress | undefined;
  const wasComplete = current?.progress.levels.some((l) => l.complete) ?? false;
  const stored = sameView(current, view) ? current : storedDoc(view, new Date());
  if (stored !== current) await ref.set(stored);
  await reconcileCredentials(db, sid, record, progress, wasComplete);
  return stored;
}
