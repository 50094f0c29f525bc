// Wage steps: which step of the program's schedule an apprentice has reached, since when, what is left for the
// next one, and whether a raise is owed. Pure. Conditions are read on the entries that count (counted.ts applies
// the one provenance rule); what counts only grows with the as-of date and changes only on a day some entry is
// dated or confirmed, so the day a condition was first met is found by a search over those days.
import type { Framework, HoursCategory } from '../model/framework';
import type { ApprenticeRecord, WageRaise } from '../model/record';
import { DEFAULT_TIME_ZONE } from '../model/time-zone';
import type { WageRate, WageSchedule, WageStep } from '../model/wages';
import { levelProgress } from './completion';
import { countedEntries } from './counted';
import { addMonths } from './dates';
import { RecordMismatchError } from './mismatch';
import { COUNTS_TOWARDS, HOURS_CATEGORY_LABEL } from './rules';

/** What stands between the apprentice and a step: one entry per condition not yet met. */
export type WageLeft =
  | { kind: 'level'; levelId: string; title: string }
  | { kind: 'hours'; category?: HoursCategory; more: number; required: number }
  | { kind: 'months'; more: number; from: string };

export interface WageStepStatus {
  step: number;
  wage: WageRate;
  reached: boolean;
  /** The day the last of its conditions was met (step 1: the start date); null when not reached. */
  eligibleSince: string | null;
}

export interface WageStatus {
  steps: WageStepStatus[];
  /** The highest step whose conditions hold. */
  currentStep: number;
  /** The step of the last raise an admin recorded (1, the starting wage, before any). */
  recordedStep: number;
  next: { step: number; wage: WageRate; left: WageLeft[]; text: string } | null;
  /** Set while the apprentice has reached a step above the recorded one: a raise is owed. */
  eligible: { step: number; since: string; owedSince: string; text: string } | null;
  /** Step 1 from the start date, then each recorded raise. */
  history: { step: number; effectiveDate: string; by?: string; at?: string; note?: string }[];
}

/** Throws, naming `field`.steps.k.level, on a level the framework does not have. */
export function checkWageSchedule(framework: Framework, schedule: WageSchedule, field: string): void {
  const levels = framework.levels.map((l) => l.id);
  schedule.steps.forEach((s, k) => {
    if (s.level !== undefined && !levels.includes(s.level))
      throw new RecordMismatchError(
        `${field}.steps.${k}.level`,
        `"${s.level}" is not a level of ${framework.id} (levels: ${levels.join(', ')})`,
      );
  });
}

interface Snapshot {
  complete: Set<string>;
  hours: Record<HoursCategory | 'all', number>;
}

type Condition = { kind: 'level'; levelId: string } | { kind: 'hours'; hours: number; category?: HoursCategory };

const conditionsOf = (s: WageStep): Condition[] => [
  ...(s.level !== undefined ? [{ kind: 'level' as const, levelId: s.level }] : []),
  ...(s.hours ?? []).map((h) => ({ kind: 'hours' as const, ...h })),
];

const holds = (c: Condition, snap: Snapshot): boolean =>
  c.kind === 'level' ? snap.complete.has(c.levelId) : snap.hours[c.category ?? 'all'] >= c.hours;

/** What counts on one day, memoised per day. */
function snapshots(
  framework: Framework,
  record: ApprenticeRecord,
  run: ReadonlySet<string> | undefined,
  timeZone: string,
) {
  const memo = new Map<string, Snapshot>();
  return (day: string): Snapshot => {
    const known = memo.get(day);
    if (known) return known;
    const checked = countedEntries(framework, record, day, timeZone);
    const complete = new Set(
      levelProgress(framework, checked, run)
        .filter((l) => l.complete)
        .map((l) => l.levelId),
    );
    const logged = [...checked.hours, ...checked.priorCredit];
    const sum = (c?: HoursCategory): number =>
      round2(
        logged
          .filter((h) => !c || (COUNTS_TOWARDS[c] as readonly HoursCategory[]).includes(h.category))
          .reduce((n, h) => n + h.hours, 0),
      );
    const hours = {
      all: sum(),
      'related-instruction': sum('related-instruction'),
      'on-the-job-learning': sum('on-the-job-learning'),
      'work-experience': sum('work-experience'),
    };
    const snap = { complete, hours };
    memo.set(day, snap);
    return snap;
  };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Every day on which what counts may change (an entry's date or its confirmation's), up to the as-of date. */
function changeDays(record: ApprenticeRecord, asOf: string): string[] {
  const days = new Set<string>([asOf]);
  const entries = [
    ...record.signOffs,
    ...record.hours,
    ...record.priorCredit,
    ...record.exams,
    ...record.certifications,
  ];
  for (const e of entries) {
    for (const d of ['date' in e ? e.date : undefined, e.confirmation?.date]) if (d && d <= asOf) days.add(d);
  }
  return [...days].sort();
}

/** The first of `days` on which `c` holds, given that it holds on the last one. */
function firstDay(c: Condition, days: string[], at: (day: string) => Snapshot): string {
  let lo = 0;
  let hi = days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(c, at(days[mid]!))) hi = mid;
    else lo = mid + 1;
  }
  return days[lo]!;
}

/** Whole months from `start` to `day` (end-of-month clamping as addMonths does it). */
function monthsIn(start: string, day: string): number {
  let n = 0;
  while (addMonths(start, n + 1) <= day) n++;
  return n;
}

const leftFor = (c: Condition, now: Snapshot, framework: Framework): WageLeft =>
  c.kind === 'level'
    ? { kind: 'level', levelId: c.levelId, title: framework.levels.find((l) => l.id === c.levelId)?.title ?? c.levelId }
    : {
        kind: 'hours',
        ...(c.category ? { category: c.category } : {}),
        more: round2(c.hours - now.hours[c.category ?? 'all']),
        required: c.hours,
      };

interface Context {
  framework: Framework;
  start: string;
  asOf: string;
  days: string[];
  at: (day: string) => Snapshot;
}

interface Evaluation {
  reached: boolean;
  since: string | null;
  left: WageLeft[];
}

function evaluateStep(step: WageStep, ctx: Context): Evaluation {
  const now = ctx.at(ctx.asOf);
  const left: WageLeft[] = [];
  // A condition met before the start date (attested history) makes the step reached from the start.
  const met: string[] = [ctx.start];
  for (const c of conditionsOf(step)) {
    if (holds(c, now)) met.push(firstDay(c, ctx.days, ctx.at));
    else left.push(leftFor(c, now, ctx.framework));
  }
  if (step.months !== undefined) {
    const from = addMonths(ctx.start, step.months);
    if (from <= ctx.asOf) met.push(from);
    else left.push({ kind: 'months', more: step.months - monthsIn(ctx.start, ctx.asOf), from });
  }
  const reached = left.length === 0;
  return { reached, since: reached ? met.sort().at(-1)! : null, left };
}

/** "Level 2 complete; 120 more confirmed hours; 2 more months (from 2027-01-15)". */
export function leftText(left: WageLeft[]): string {
  return left
    .map((l) => {
      if (l.kind === 'level') return `${l.title} complete`;
      if (l.kind === 'months') return `${l.more} more month${l.more === 1 ? '' : 's'} (from ${l.from})`;
      const what = l.category ? `${HOURS_CATEGORY_LABEL[l.category].toLowerCase()} hours` : 'hours';
      return `${l.more} more confirmed ${what}`;
    })
    .join('; ');
}

/** "60% of the journeyworker rate (USD 21.00/hour)" or "USD 18.50/hour". */
export function wageText(wage: WageRate, journeyworkerRate?: { amount: number; currency: string }): string {
  if (wage.kind === 'amount') return `${wage.currency} ${wage.amount.toFixed(2)}/hour`;
  const jw = journeyworkerRate
    ? ` (${journeyworkerRate.currency} ${((journeyworkerRate.amount * wage.percent) / 100).toFixed(2)}/hour)`
    : '';
  return `${wage.percent}% of the journeyworker rate${jw}`;
}

export const eligibleText = (step: number, since: string): string => `eligible for step ${step} since ${since}`;

function owed(steps: WageStepStatus[], current: number, recorded: number): WageStatus['eligible'] {
  if (current <= recorded) return null;
  const since = steps[current - 1]!.eligibleSince!;
  const owedSince = steps
    .filter((s) => s.reached && s.step > recorded)
    .map((s) => s.eligibleSince!)
    .sort()[0]!;
  const earlier = owedSince < since ? ` (a raise owed since ${owedSince})` : '';
  return { step: current, since, owedSince, text: `${eligibleText(current, since)}${earlier}` };
}

/** The apprentice's wage steps on `asOf`; `run` is the work functions the program runs (program.ts). */
export function wageStatus(
  framework: Framework,
  record: ApprenticeRecord,
  schedule: WageSchedule,
  asOf: string,
  run?: ReadonlySet<string>,
  timeZone: string = DEFAULT_TIME_ZONE,
): WageStatus {
  checkWageSchedule(framework, schedule, 'program.wageSchedule');
  const start = record.apprentice.startDate;
  const ctx: Context = {
    framework,
    start,
    asOf,
    days: changeDays(record, asOf),
    at: snapshots(framework, record, run, timeZone),
  };
  const evals = schedule.steps.map((s, i) =>
    i === 0 ? { reached: true, since: start, left: [] } : evaluateStep(s, ctx),
  );
  const steps = evals.map((e, i) => ({
    step: i + 1,
    wage: schedule.steps[i]!.wage,
    reached: e.reached,
    eligibleSince: e.since,
  }));
  const currentStep = steps.filter((s) => s.reached).at(-1)!.step;
  const raises = sortedRaises(record.raises ?? []);
  const recordedStep = raises.at(-1)?.step ?? 1;
  const nextEval = evals[currentStep];
  const next = nextEval
    ? { step: currentStep + 1, wage: steps[currentStep]!.wage, left: nextEval.left, text: leftText(nextEval.left) }
    : null;
  const history = [{ step: 1, effectiveDate: start }, ...raises];
  return { steps, currentStep, recordedStep, next, eligible: owed(steps, currentStep, recordedStep), history };
}

export const sortedRaises = (raises: WageRaise[]): WageRaise[] =>
  [...raises].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.at.localeCompare(b.at));

/** A step's conditions as a person reads them: "Level 1 complete; 2000 confirmed hours; 12 months in the program". */
export function stepConditionsText(framework: Framework, step: WageStep): string {
  const parts = [
    ...(step.level !== undefined
      ? [`${framework.levels.find((l) => l.id === step.level)?.title ?? step.level} complete`]
      : []),
    ...(step.hours ?? []).map(
      (h) => `${h.hours} confirmed ${h.category ? `${HOURS_CATEGORY_LABEL[h.category].toLowerCase()} ` : ''}hours`,
    ),
    ...(step.months !== undefined ? [`${step.months} month${step.months === 1 ? '' : 's'} in the program`] : []),
  ];
  return parts.join('; ') || 'starting wage';
}

/**
 * One cell for dashboards and cohort views: "Step 1 (recorded); eligible for step 2 since 2026-11-24" while a raise
 * is owed, else "Step 2; next: step 3 after Level 2 complete; 120 more confirmed hours".
 */
export function wageSummary(wage: WageStatus | undefined): string {
  if (!wage) return '';
  if (wage.eligible) return `Step ${wage.recordedStep} (recorded); ${wage.eligible.text}`;
  const recorded = wage.recordedStep > wage.currentStep ? ` (recorded: step ${wage.recordedStep})` : '';
  const next = wage.next ? `; next: step ${wage.next.step} after ${wage.next.text}` : '; top step';
  return `Step ${wage.currentStep}${recorded}${next}`;
}
