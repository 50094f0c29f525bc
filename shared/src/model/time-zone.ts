// A sponsor's time zone (from its spreadsheet) and the calendar day of an instant in it: server dates, as-of
// dates and "future" checks all use the sponsor's day, so a sign-off at 23:30 local time is dated that day.
import * as z from 'zod';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const TimeZone = z.string().max(64).refine(isTimeZone, 'not an IANA time zone such as "America/Chicago"');
export type TimeZone = z.infer<typeof TimeZone>;

/** Until a sponsor's spreadsheet says otherwise. */
export const DEFAULT_TIME_ZONE = 'UTC';

// A formatter is costly to make and the engine asks once per confirmed entry: one per time zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a person reads it on the sponsor's calendar and clock: "2026-12-07 09:56" in `timeZone`. */
export function localDateTime(at: Date, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, format);
  }
  return `${localDate(at, timeZone)} ${format.format(at)}`;
}
