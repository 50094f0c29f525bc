// One status per apprentice (on track, at risk, off track) and the reason in words, from the pace, the maximum
// duration, the days without counted activity and the entries waiting for a confirmation. Thresholds are in
// RULES.status; the labels and colours below are the only ones the dashboard, reports and transcript use.
import type { LevelProgress } from '../model/progress';
import { addDays, daysBetween } from './dates';
import { type Deadline, idleDays, lateness, type Pace } from './pace';
import { RULES } from './rules';

export type StatusLevel = 'on-track' | 'at-risk' | 'off-track';
export const STATUS_LEVELS: readonly StatusLevel[] = ['on-track', 'at-risk', 'off-track'];
/** The order reports list apprentices and count them in: the worst first. */
export const STATUS_WORST_FIRST: readonly StatusLevel[] = [...STATUS_LEVELS].reverse();

export interface ApprenticeStatus {
  status: StatusLevel;
  /** Plain words, starting with the label: "At risk: 12 entries wait for a confirmation". */
  reason: string;
}

/** What a cell shows; conditional formats are keyed on these texts, so no label contains another. */
export const STATUS_LABEL: Record<StatusLevel, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
};

/** Background and font colour of a status cell (hex '#RRGGBB'), the same in Sheets and in every workbook. */
export const STATUS_COLOURS: Record<StatusLevel, { background: string; font: string }> = {
  'on-track': { background: '#E6F4EA', font: '#137333' },
  'at-risk': { background: '#FEF7E0', font: '#B06000' },
  'off-track': { background: '#FCE8E6', font: '#C5221F' },
};

/**
 * A status label's place in STATUS_WORST_FIRST, for sorting rows that hold the label; a blank or unknown label
 * (progress stored before the engine gave a status) comes last.
 */
export function statusRank(label: string | null | undefined): number {
  const i = STATUS_WORST_FIRST.findIndex((s) => STATUS_LABEL[s] === label);
  return i < 0 ? STATUS_WORST_FIRST.length : i;
}

export interface StatusInput {
  asOf: string;
  startDate: string;
  /** The target level's progress (complete or not; its title names it in the reason). */
  target: LevelProgress;
  pace: Pace;
  deadline: Deadline | null;
  /** Entries of every kind waiting for a confirmation (not counted). */
  pending: number;
}

type Concern = [Exclude<StatusLevel, 'on-track'>, string];

const years = (): number => Math.round(RULES.maxProjectionDays / 365.25);

/** Off track when the maximum duration has passed or the projection passes it; at risk when it comes close. */
function durationConcerns(i: StatusInput): Concern[] {
  const { deadline, pace, target } = i;
  if (!deadline)
    return pace.tooSlow ? [['at-risk', `at the recent pace completion is more than ${years()} years away`]] : [];
  const max = `the ${deadline.months}-month maximum duration`;
  switch (lateness(deadline, pace, i.asOf)) {
    case 'past':
      return [['off-track', `past ${max}, which ended on ${deadline.date}`]];
    case 'too-slow':
      return [
        [
          'off-track',
          `at the recent pace completion is more than ${years()} years away, after ${max} ends on ${deadline.date}`,
        ],
      ];
    case 'projected-after':
      return [
        [
          'off-track',
          `projected to complete ${target.title} on ${pace.projectedCompletion}, after ${max} ends on ${deadline.date}`,
        ],
      ];
  }
  const margin = RULES.status.deadlineMarginDays;
  const p = pace.projectedCompletion;
  // A projection on or before the as-of date means only exams or certifications are left: no date to compare.
  if (p && p > i.asOf && p > addDays(deadline.date, -margin))
    return [
      [
        'at-risk',
        `projected to complete ${target.title} on ${p}, less than ${margin} days before ${max} ends on ${deadline.date}`,
      ],
    ];
  return [];
}

/** Days without a counted sign-off or hours entry (pending ones do not count, as for `activity.none`). */
function inactivityConcerns(i: StatusInput): Concern[] {
  if (i.asOf < i.startDate) return [];
  const idle = idleDays(i.pace, i.startDate, i.asOf);
  const since = i.pace.lastActivity ? `since ${idle.since}` : `since the start on ${idle.since}`;
  const text = `no counted sign-off or hours for ${idle.days} days (${since})`;
  if (idle.days >= RULES.status.offTrackInactiveDays) return [['off-track', text]];
  return idle.days >= RULES.status.atRiskInactiveDays ? [['at-risk', text]] : [];
}

/** No projection after a whole pace window: some requirement had no counted progress in it. */
function projectionConcerns(i: StatusInput, others: Concern[]): Concern[] {
  if (others.length || i.pace.projectedCompletion || i.pace.tooSlow) return [];
  if (daysBetween(i.startDate, i.asOf) < RULES.recentWindowDays) return [];
  return [
    [
      'at-risk',
      `no projected completion: a requirement of ${i.target.title} had no counted progress in the last ${RULES.recentWindowDays} days`,
    ],
  ];
}

function pendingConcerns(i: StatusInput): Concern[] {
  if (i.pending < RULES.status.pendingAtRisk) return [];
  return [['at-risk', `${i.pending} ${i.pending === 1 ? 'entry waits' : 'entries wait'} for a confirmation`]];
}

/** Why an apprentice with no concern is on track, briefly. */
function onTrackReason(i: StatusInput): string {
  if (i.target.complete) return `${i.target.title} complete`;
  if (i.asOf < i.startDate) return `starts on ${i.startDate}`;
  const p = i.pace.projectedCompletion;
  if (!p)
    return `started on ${i.startDate} (${daysBetween(i.startDate, i.asOf)} days ago), too early to project completion`;
  // Sign-offs and hours are done (the projection is their last date): only exams or certifications are left.
  if (p <= i.asOf) return `${i.target.title}: sign-offs and hours done, exams or certifications outstanding`;
  const before = i.deadline
    ? `, before the ${i.deadline.months}-month maximum duration ends on ${i.deadline.date}`
    : '';
  return `projected to complete ${i.target.title} by ${p}${before}`;
}

/** The status and its reason: off track beats at risk; the reason lists every concern, the worst first. */
export function apprenticeStatus(i: StatusInput): ApprenticeStatus {
  const concerns: Concern[] = [];
  if (!i.target.complete) {
    concerns.push(...durationConcerns(i), ...inactivityConcerns(i));
    concerns.push(...projectionConcerns(i, concerns), ...pendingConcerns(i));
  }
  const status: StatusLevel = concerns.some(([s]) => s === 'off-track')
    ? 'off-track'
    : concerns.length
      ? 'at-risk'
      : 'on-track';
  const words = concerns.length
    ? [...concerns.filter(([s]) => s === 'off-track'), ...concerns.filter(([s]) => s === 'at-risk')].map(([, t]) => t)
    : [onTrackReason(i)];
  return { status, reason: `${STATUS_LABEL[status]}: ${words.join('; ')}` };
}
