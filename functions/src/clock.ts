// The sponsor's calendar: its time zone (stored from the admin's spreadsheet) decides what "today" is for
// default as-of dates, sign-off dates, confirmation dates and "in the future" checks.
import { DEFAULT_TIME_ZONE, localDate, type Programs } from '@qualcard/shared';
import type { DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import { Forbidden, invalidField } from './domain/errors';
import { readSponsor, sponsorOf } from './store/sponsors';

export interface SponsorClock {
  timeZone: string;
  /** Server time, the instant every confirmation records. */
  now: Date;
  /** `now` as a calendar day in the sponsor's time zone. */
  today: string;
}

export function clockFor(timeZone: string | undefined, now = new Date()): SponsorClock {
  const tz = timeZone ?? DEFAULT_TIME_ZONE;
  return { timeZone: tz, now, today: localDate(now, tz) };
}

/** What the sponsor document holds for every progress computation: its clock and its programs (by framework id). */
export interface SponsorSettings extends SponsorClock {
  programs: Programs;
}

/** The settings of a sponsor's fields as of `now`. Programs are validated when an admin's sync stores them. */
export const settingsFrom = (
  sponsor: { timeZone?: string; programs: Programs },
  now = new Date(),
): SponsorSettings => ({
  ...clockFor(sponsor.timeZone, now),
  programs: sponsor.programs,
});

/** The settings a sponsor document (already read) holds, as of `now`. */
export const settingsOf = (snap: DocumentSnapshot, now = new Date()): SponsorSettings =>
  settingsFrom(sponsorOf(snap), now);

/** One read of the sponsor document. */
export async function sponsorSettings(db: Firestore, sid: string, now = new Date()): Promise<SponsorSettings> {
  return settingsFrom(await readSponsor(db, sid), now);
}

/**
 * The as-of date of a request's answer. What is stored (progress, statuses, credential flags, the cohort) is always
 * as of the sponsor's today; an `asOf` in a request only shapes that one answer. Only an admin may ask for another
 * day (a coach's is refused; the sponsor's today, which changes nothing, is accepted from anyone), and only a day of
 * the program: not before an apprentice's start (`starts`), not after the sponsor's today.
 */
export function requestedAsOf(asked: string | undefined, role: string, today: string, starts: string[]): string {
  if (asked === undefined || asked === today) return today;
  if (role !== 'admin') throw new Forbidden(`asOf: only an admin may ask for progress as of another day than today`);
  if (asked > today) throw invalidField('asOf', `${asked} is after the sponsor's today (${today})`);
  const start = [...starts].sort().at(-1) ?? '';
  if (asked < start) throw invalidField('asOf', `${asked} is before the apprentice's start (${start})`);
  return asked;
}

/** A day on the sponsor's calendar: the engine counts what was confirmed by its end in that time zone. */
export interface AsOfDay {
  asOf: string;
  timeZone: string;
}

/** The sponsor's today, as the engine's as-of day: what every stored progress is computed as of. */
export const todayOf = (clock: SponsorClock): AsOfDay => ({
  asOf: clock.today,
  timeZone: clock.timeZone,
});
