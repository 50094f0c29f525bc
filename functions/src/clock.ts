// The sponsor's calendar: its time zone (stored from the admin's spreadsheet) decides what "today" is for
// default as-of dates, sign-off dates, confirmation dates and "in the future" checks.
import { DEFAULT_TIME_ZONE, localDate } from '@qualcard/shared';
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

export async function sponsorClock(sid: string): Promise<SponsorClock> {
  const snap = await firestore().doc(paths.sponsor(sid)).get();
  return clockFor(snap.get('timeZone') as string | undefined);
}
