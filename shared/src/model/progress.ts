// What the engine returns. Plain data (ISO date strings, no Date objects) so it crosses
// google.script.run, HTTP and Firestore unchanged.
import type { EntryKind } from '../engine/rules';
import type { ApprenticeStatus } from '../engine/status';
import type { WageStatus } from '../engine/wages';
import type { HoursCategory } from './framework';

export type Severity = 'error' | 'warning' | 'info';

/** What a gap or flag is about, so the sheet can link to the cell and the transcript can name it. */
export type Pointer =
  | { kind: 'item'; itemId: string }
  | { kind: 'sign-off'; index: number; itemId: string }
  | { kind: 'hours-entry'; index: number; id?: string }
  | { kind: 'hours-category'; category: HoursCategory }
  | { kind: 'exam'; examId: string }
  | { kind: 'certification'; certificationId: string }
  | { kind: 'prior-credit'; index: number; id?: string }
  | { kind: 'level'; levelId: string }
  | { kind: 'apprentice' };

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  levelId?: string;
  pointer: Pointer;
}

export interface Tally {
  done: number;
  required: number;
}

export interface HoursProgress extends Tally {
  category: HoursCategory;
  /** Approved prior credit included in `done`. */
  priorCredit: number;
}

export interface LevelProgress {
  levelId: string;
  title: string;
  items: Tally & { optionalSigned: number };
  hours: HoursProgress[];
  exams: Tally;
  certifications: Tally;
  /** 0-100: the mean of each requirement's fraction done (each capped at 1), one decimal. */
  percent: number;
  complete: boolean;
}

/** How the entries of one kind stand: counted (confirmed or attested), pending a confirmation, or flagged. */
export interface EntryCounts {
  confirmed: number;
  attested: number;
  pending: number;
  /** Confirmed or attested but not counted because of an integrity flag. */
  flagged: number;
}

export interface Progress {
  apprenticeId: string;
  frameworkId: string;
  frameworkVersion: string;
  asOf: string;
  /** The time zone the as-of day was read in (which confirmations count); a stored summary leaves it out. */
  timeZone?: string;
  targetLevelId: string;
  levels: LevelProgress[];
  /** What stands between the apprentice and the target level; entries awaiting a confirmation are `pending.*`. */
  gaps: Finding[];
  integrity: Finding[];
  /** Per kind of entry: what the engine counted and what it did not. */
  entries: Record<EntryKind, EntryCounts>;
  /** When the target level is projected to be complete at the recent pace; null when there is no pace to project from. */
  projectedCompletion: string | null;
  /**
   * The latest counted (confirmed or attested) sign-off or hours entry; null when none counts. Typed entries do not
   * move it: the inactivity rules (`activity.none`, the status) measure from it.
   */
  lastActivity: string | null;
  /** On track, at risk or off track, and why (engine/status.ts, thresholds in RULES.status). */
  status: ApprenticeStatus;
  /** Wage steps, when the apprentice's program has a wage schedule (engine/wages.ts). */
  wage?: WageStatus;
}
