// Progress via the shared engine, and its stored copy (sponsors/{sid}/progress/{aid}) that reads and reports use.
import {
  type ApprenticeRecord,
  computeProgress,
  getFramework,
  type Programs,
  type Progress,
  type ProgressSummary,
  RecordMismatchError,
  summarizeProgress,
} from '@qualcard/shared';
import type { Firestore } from 'firebase-admin/firestore';
import { canonicalJson } from './canonical';
import { paths } from './db';
import { badRequest } from './http/errors';

export interface StoredProgress {
  sponsorId: string;
  apprenticeId: string;
  name: string;
  email: string;
  coachEmails: string[];
  frameworkId: string;
  /** Small whatever the record holds: every tally, the first findings and a count per code. */
  progress: ProgressSummary;
  computedAt: string;
}

/**
 * Runs the engine with the sponsor's program for the record's framework; a record that does not fit its framework
 * is a 400 naming the field (under `path`).
 */
export function progressFor(
  record: ApprenticeRecord,
  asOf: string,
  path: (string | number)[] = [],
  programs: Programs = {},
): Progress {
  const framework = getFramework(record.apprentice.frameworkId);
  const at = [...path, 'apprentice', 'frameworkId'].join('.');
  if (!framework)
    throw badRequest(`${at}: unknown framework "${record.apprentice.frameworkId}"`, {
      issues: [{ path: at, message: 'unknown framework' }],
    });
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

/** Stores progress when it differs from what is stored; returns the stored view. */
export async function storeProgress(
  db: Firestore,
  sid: string,
  record: ApprenticeRecord,
  progress: Progress,
): Promise<StoredProgress> {
  const ref = db.doc(`${paths.progress(sid)}/${record.apprentice.id}`);
  const view = {
    sponsorId: sid,
    apprenticeId: record.apprentice.id,
    name: record.apprentice.name,
    email: record.apprentice.email,
    coachEmails: record.apprentice.coachEmails,
    frameworkId: record.apprentice.frameworkId,
    progress: summarizeProgress(progress),
  };
  const current = (await ref.get()).data() as StoredProgress | undefined;
  if (current && canonicalJson({ ...current, computedAt: undefined }) === canonicalJson(view)) return current;
  const stored: StoredProgress = { ...view, computedAt: new Date().toISOString() };
  await ref.set(JSON.parse(JSON.stringify(stored)));
  return stored;
}
