// The sponsor's calendar: its time zone (stored from the admin's spreadsheet) decides what "today" is for
// default as-of dates, sign-off dates, confirmation dates and "in the future" checks.
import { DEFAULT_TIME_ZONE, localDate, Programs } from '@qualcard/shared';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { firestore, paths } from './db';

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

/** The settings a sponsor document holds, as of `now`. Programs are validated when an admin's sync stores them. */
export function settingsOf(snap: DocumentSnapshot, now = new Date()): SponsorSettings {
  const programs = Programs.safeParse(snap.get('programs') ?? {});
  const clock = clockFor(snap.get('timeZone') as string | undefined, now);
  return { ...clock, programs: programs.success ? programs.data : {} };
}

/** One read of the sponsor document. */
export async function sponsorSettings(sid: string): Promise<SponsorSettings> {
  return settingsOf(await firestore().doc(paths.sponsor(sid)).get());
}
