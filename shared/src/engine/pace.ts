// Projected completion from the recent rate of sign-offs and hours. Exams and certifications are single
// events with no rate, so they do not move the projection (their gaps are reported separately).

import type { HoursCategory } from '../model/framework';
import type { LevelProgress } from '../model/progress';
import type { HoursEntry, SignOff } from '../model/record';
import { addDays, daysBetween } from './dates';
import { COUNTS_TOWARDS, RULES } from './rules';

export interface Pace {
  projectedCompletion: string | null;
  lastActivity: string | null;
  /** The recent pace is so slow that completion is beyond `RULES.maxProjectionDays` (no date is given). */
  tooSlow?: boolean;
}

export function projectCompletion(
  scope: LevelProgress[],
  signOffs: SignOff[],
  hours: HoursEntry[],
  startDate: string,
  asOf: string,
): Pace {
  const dates = [...signOffs.map((s) => s.date), ...hours.map((h) => h.date)].filter((d): d is string => !!d).sort();
  const lastActivity = dates.at(-1) ?? null;
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
    needs.push({
      remaining,
      done: hours
        .filter(
          (h) =>
            (COUNTS_TOWARDS[category as HoursCategory] as readonly string[]).includes(h.category) && recent(h.date),
        )
        .reduce((s, h) => s + h.hours, 0),
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
