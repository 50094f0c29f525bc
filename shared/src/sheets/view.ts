// The numbers and confirmations a generated sheet shows: the engine's, never the sheet's own arithmetic (a tick
// counts for nothing until it is confirmed). From the service's answer (progress and row confirmations), or from the
// engine run in the spreadsheet when no service is set up, where nothing is confirmed.
import { countedEntries } from '../engine/counted';
import type { RowConfirmations } from '../engine/merge';
import { rowConfirmations } from '../engine/merge';
import { computeProgress } from '../engine/progress';
import type { ProgramChoice } from '../model/program';
import type { Apprentice, ApprenticeRecord, Framework, Progress, SheetRecord } from './model';

export type ViewSource = 'synced' | 'local';

export interface ProgressView {
  /** 'synced': the Qualcard service's numbers; 'local': the engine run in the spreadsheet (nothing confirmed). */
  source: ViewSource;
  /** The engine's progress (the service sends a summary: the same numbers, fewer findings). */
  progress: Progress;
  /** Per row, what the service confirmed; absent: the sheet's Confirmation cells are kept as they are. */
  confirmations?: RowConfirmations;
  /** Items whose sign-off the engine counts, for the work-function rows. */
  countedItems: string[];
}

/**
 * The sign-offs the engine counts, from the service's row confirmations. A sign-off's standing and integrity flags
 * depend only on itself (item, date, coach, confirmation) and the apprentice, all of which the confirmations carry:
 * the same set the service's engine counted.
 */
export function countedItemsOf(
  framework: Framework,
  apprentice: Apprentice,
  confirmations: RowConfirmations,
  asOf: string,
  timeZone?: string,
): string[] {
  const signOffs = Object.entries(confirmations.signOffs).map(([itemId, s]) => ({
    itemId,
    ...(s.date ? { date: s.date } : {}),
    ...(s.coachEmail ? { coachEmail: s.coachEmail } : {}),
    confirmation: s.confirmation,
  }));
  const record: ApprenticeRecord = {
    schemaVersion: 1,
    apprentice,
    signOffs,
    hours: [],
    priorCredit: [],
    exams: [],
    certifications: [],
  };
  return countedEntries(framework, record, asOf, timeZone).signOffs.map((s) => s.itemId);
}

/** What the service answered for one apprentice (sync, sign-off or confirmations). */
export function syncedView(
  framework: Framework,
  apprentice: Apprentice,
  progress: Progress,
  confirmations: RowConfirmations,
): ProgressView {
  return {
    source: 'synced',
    progress,
    confirmations,
    countedItems: countedItemsOf(framework, apprentice, confirmations, progress.asOf, progress.timeZone),
  };
}

/** A record that carries its confirmations (a stored record, a transcript's input): the engine on it. */
export function recordView(
  framework: Framework,
  record: ApprenticeRecord,
  asOf: string,
  program?: ProgramChoice,
): ProgressView {
  return {
    source: 'synced',
    progress: computeProgress(framework, record, asOf, program),
    confirmations: rowConfirmations(record),
    countedItems: countedEntries(framework, record, asOf).signOffs.map((s) => s.itemId),
  };
}

/** No service set up: the engine on what the sheets hold, where nothing is confirmed, so nothing counts. */
export function localView(
  framework: Framework,
  record: SheetRecord,
  asOf: string,
  program?: ProgramChoice,
): ProgressView {
  return {
    source: 'local',
    progress: computeProgress(framework, record, asOf, program),
    countedItems: countedEntries(framework, record, asOf).signOffs.map((s) => s.itemId),
  };
}

/** "3 sign-offs, 2 hours rows" pending a confirmation, or "none". */
export function pendingText(progress: Progress): string {
  const e = progress.entries;
  const parts = [
    [e['sign-off'].pending, 'sign-off'],
    [e['hours-entry'].pending, 'hours row'],
    [e['prior-credit'].pending, 'prior-credit row'],
    [e.exam.pending, 'exam'],
    [e.certification.pending, 'certification'],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
  return text.length ? text.join(', ') : 'none';
}
