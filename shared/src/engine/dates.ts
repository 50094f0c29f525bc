// Calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC days, so results never depend on the machine's time zone.
/** Milliseconds in a UTC day. */
export const DAY_MS = 86_400_000;

export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoFromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoFromDay(dayNumber(iso) + days);
}

/** Same day of month `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const whole = Math.floor(months);
  const target = new Date(Date.UTC(y, m - 1 + whole, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  const base = target.toISOString().slice(0, 10);
  // A fractional month (e.g. 1.5) adds its share of 30 days.
  return addDays(base, Math.round((months - whole) * 30));
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
