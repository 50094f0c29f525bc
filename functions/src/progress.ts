// Progress via the shared engine, and its stored copy (sponsors/{sid}/progress/{aid}) that reads and reports use.
import {
  type ApprenticeRecord,
  computeProgress,
  type Programs,
  type Progress,
  RecordMismatchError,
  summarizeProgress,
} from '@qualcard/shared';
import type { StoredProgress } from '@qualcard/shared/api';
import type { Firestore } from 'firebase-admin/firestore';
import { canonicalJson } from './canonical';
import type { AsOfDay } from './clock';
import { reconcileCredentials } from './credentials/issue';
import { Invalid } from './domain/errors';
import { resolveFramework } from './registry';
import { readProgress, writeProgress } from './store/progress';

export type { StoredProgress } from '@qualcard/shared/api';

/** Invalid naming the version when the framework exists but not at that version, else naming the framework id. */
async function unknownFramework(
  db: Firestore,
  sid: string,
  record: ApprenticeRecord,
  path: (string | number)[],
): Promise<Error> {
  const { frameworkId: id, frameworkVersion: version } = record.apprentice;
  const known = version !== undefined && (await resolveFramework(db, sid, id)) !== undefined;
  const at = [...path, 'apprentice', known ? 'frameworkVersion' : 'frameworkId'].join('.');
  const message = known ? `${id} has no published version "${version}"` : `unknown framework "${id}"`;
  return new Invalid(`${at}: ${message}`, { issues: [{ path: at, message }] });
}

/**
 * Runs the engine against the version of the framework the record names (the registry), with the sponsor's program
 * for that framework; a record that does not fit its framework is Invalid naming the field (under `path`).
 */
export async function progressFor(
  db: Firestore,
  sid: string,
  record: ApprenticeRecord,
  { asOf, timeZone }: AsOfDay,
  path: (string | number)[] = [],
  programs: Programs = {},
): Promise<Progress> {
  const { frameworkId, frameworkVersion } = record.apprentice;
  const framework = (await resolveFramework(db, sid, frameworkId, frameworkVersion))?.framework;
  if (!framework) throw await unknownFramework(db, sid, record, path);
  try {
    return computeProgress(framework, record, asOf, programs[framework.id], timeZone);
  } catch (e) {
    if (e instanceof RecordMismatchError) {
      const field = [...path, e.field].join('.');
      throw new Invalid(`${field}: ${e.message.slice(e.field.length + 2)}`, {
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
  const view = progressView(sid, record, progress);
  const current = await readProgress(db, sid, record.apprentice.id);
  const wasComplete = current?.progress.levels.some((l) => l.complete) ?? false;
  const stored = sameView(current, view) ? current : storedDoc(view, new Date());
  if (stored !== current) await writeProgress(db, stored);
  await reconcileCredentials(db, sid, record, progress, wasComplete);
  return stored;
}
