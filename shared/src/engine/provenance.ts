// The one rule for what counts: an entry counts when the functions confirmed it (the right role, verified
// identity) or an admin attested it, by the end of the as-of day. Whatever a sheet holds is only typed: it is
// listed as pending and never counted. Integrity flags apply on top (a confirmed entry dated in the future
// still does not count).
import type { Confirmation } from '../model/record';
import { DEFAULT_TIME_ZONE, localDate } from '../model/time-zone';
import { CONFIRMED_BY, type EntryKind } from './rules';

export type Standing = 'confirmed' | 'attested' | 'pending';

/**
 * The day a confirmation was made on the sponsor's calendar as it is now: its instant (`at`) in `timeZone`. Its
 * stored `date` is the day in the zone of the time it was made, so comparing that would un-count today's
 * confirmations after the sponsor moves west (confirmed at 23:30 UTC: the 8th in Auckland, still the 7th in Los
 * Angeles).
 */
export const confirmedOn = (c: Confirmation, timeZone: string): string => localDate(new Date(c.at), timeZone);

/**
 * The one as-of rule: an entry counts as of a day when it was confirmed by the end of that day in the sponsor's
 * time zone, by the role its kind needs (or attested by an admin).
 */
export function standing(
  kind: EntryKind,
  entry: { confirmation?: Confirmation },
  asOf: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): Standing {
  const c = entry.confirmation;
  if (!c || confirmedOn(c, timeZone) > asOf) return 'pending';
  if (c.kind === 'attested') return 'attested';
  return c.role === CONFIRMED_BY[kind] ? 'confirmed' : 'pending';
}

/**
 * A sign-off a migration archived (its item left the framework) is history: it never counts and is neither
 * pending nor flagged. The engine (counted.ts) and the sync merge (merge.ts) both ask this one question.
 */
export const isArchived = (entry: object): boolean => 'archived' in entry && entry.archived !== undefined;

export const ENTRY_KINDS = Object.keys(CONFIRMED_BY) as EntryKind[];

export const PENDING_CODE = (kind: EntryKind): string => `pending.${kind}`;
export const isPendingFinding = (f: { code: string }): boolean => f.code.startsWith('pending.');

/**
 * Whose a typed sign-off or hours row is to confirm: the coach it is typed as ("Signed by" / "Verified by"), or any
 * of the apprentice's coaches when that cell is blank (confirming fills it in with the confirming coach). Confirm my
 * ticks and the weekly digests both ask this.
 */
export const isTheirsToConfirm = (typedBy: string | undefined, coach: string): boolean => !typedBy || typedBy === coach;
