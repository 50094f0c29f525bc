// Projected completion from the recent rate of sign-offs and hours. Exams and certifications are single
// events with no rate, so they do not move the projection (their gaps are reported separately).

import type { Framework, HoursCategory } from '../model/framework';
import type { LevelProgress } from '../model/progress';
import type { ApprenticeRecord, HoursEntry, SignOff } from '../model/record';
import { addDays, addMonths, daysBetween } from './dates';
import { COUNTS_TOWARDS, RULES } from './rules';

export interface Pace {
  projectedCompletion: string | null;
  /** The latest counted sign-off or hours entry (the ones the pace is measured from); null when none counted. */
  lastActivity: string | null;
  /** The recent pace is so slow that completion is beyond `RULES.maxProjectionDays` (no date is given). */
  tooSlow?: boolean;
}

/** The latest date of the entries (ISO dates compare as strings), or null when none has one. */
function latestDate(...lists: { date?: string | undefined }[][]): string | null {
  let latest: string | null = null;
  for (const list of lists) for (const { date } of list) if (date && (latest === null || date > latest)) latest = date;
  return latest;
}

export function projectCompletion(
  scope: LevelProgress[],
  signOffs: SignOff[],
  hours: HoursEntry[],
  startDate: string,
  asOf: string,
): Pace {
  const lastActivity = latestDate(signOffs, hours);
  const remainingItems = scope.reduce((n, l) => n + Math.max(0, l.items.required - l.items.done), 0);
  const remainingHours = new Map<string, number>();
  for (const l of scope)
    for (const h of l.hours)
      remainingHours.set(h.category, (remainingHours.get(h.category) ?? 0) + Math.max(0, h.required - h.done));
  const outstanding = remainingItems > 0 || [...remainingHours.values()].some((n) => n > 0);
  if (!outstanding) return { projectedCompletion: lastActivity ?? asOf, lastActivity };

  const window = Math.min(RULES.recentWindowDays, daysBetween(startDate, asOf) + 1);
  if (window <= 0) return { projectedCompletion: null, lastActivity };
  const from = addDays(asOf, -window); // window is (from, asOf]
  const recent = (d: string | undefined): boolean => !!d && d > from && d <= asOf;

  const needs: { remaining: number; done: number }[] = [
    { remaining: remainingItems, done: signOffs.filter((s) => recent(s.date)).length },
  ];
  for (const [category, remaining] of remainingHours) {
    const towards = new Set<string>(COUNTS_TOWARDS[category as HoursCategory]);
    needs.push({
      remaining,
      done: hours.filter((h) => towards.has(h.category) && recent(h.date)).reduce((s, h) => s + h.hours, 0),
    });
  }
  let days = 0;
  for (const { remaining, done } of needs) {
    if (remaining <= 0) continue;
    if (done <= 0) return { projectedCompletion: null, lastActivity };
    days = Math.max(days, Math.ceil((remaining * window) / done));
  }
  if (!(days <= RULES.maxProjectionDays)) return { projectedCompletion: null, lastActivity, tooSlow: true };
  return { projectedCompletion: addDays(asOf, days), lastActivity };
}

/** The end of the maximum duration: the apprentice's own maximum, else the framework's; null when neither sets one. */
export interface Deadline {
  months: number;
  date: string;
}
export function maximumDuration(framework: Framework, apprentice: ApprenticeRecord['apprentice']): Deadline | null {
  const months = apprentice.maximumMonths ?? framework.program.durationMonths?.maximum;
  return months === undefined ? null : { months, date: addMonths(apprentice.startDate, months) };
}

/** Why the target level will not be complete within the maximum duration (`pace.behind`), or null. */
export type Lateness = 'past' | 'too-slow' | 'projected-after';
export function lateness(deadline: Deadline, pace: Pace, asOf: string): Lateness | null {
  if (asOf > deadline.date) return 'past';
  if (pace.tooSlow) return 'too-slow';
  return pace.projectedCompletion !== null && pace.projectedCompletion > deadline.date ? 'projected-after' : null;
}

/** Days without a counted sign-off or hours entry, since the last one (or since the start when there is none). */
export function idleDays(pace: Pace, startDate: string, asOf: string): { since: string; days: number } {
  const since = pace.lastActivity ?? startDate;
  return { since, days: daysBetween(since, asOf) };
}
