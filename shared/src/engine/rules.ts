// Thresholds of the gap rules, in one place so the add-on, the functions and the docs agree.
import type { HoursCategory } from '../model/framework';

/** Days without a counted sign-off or hours entry that raise `activity.none` and make an apprentice at risk. */
const INACTIVITY_DAYS = 60;

export const RULES = {
  /** Pace is measured over this many days before the as-of date. */
  recentWindowDays: 90,
  /** No sign-off and no hours for this many days raises `activity.none`. */
  inactivityDays: INACTIVITY_DAYS,
  /** More hours than this in one day is flagged; the hours sheet's per-row validation uses the same maximum. */
  maxHoursPerDay: 24,
  /** A projection further away than this (a trickle of hours) is "no realistic pace", not a date. */
  maxProjectionDays: 36_525,
  /**
   * The apprentice's status (engine/status.ts). Off track: past the maximum duration, projected past it, or idle
   * for `offTrackInactiveDays`. At risk: any threshold below. Days count counted sign-offs and hours only.
   */
  status: {
    /** The same as `activity.none`, so the status and the gap list never disagree about an idle apprentice. */
    atRiskInactiveDays: INACTIVITY_DAYS,
    /** Twice that: four months without a counted entry is a stalled apprenticeship, not a quiet spell. */
    offTrackInactiveDays: 2 * INACTIVITY_DAYS,
    /** This many entries waiting for a confirmation: about two weeks of daily hours a coach has not confirmed. */
    pendingAtRisk: 10,
    /**
     * A projection this close to the end of the maximum duration is at risk: one pace window, as a projection
     * from a 90-day rate easily moves that much.
     */
    deadlineMarginDays: 90,
  },
} as const;

/**
 * Who confirms each kind of entry: a coach of the apprentice confirms what they observed (items, hours); only a
 * sponsor admin approves prior credit and records exam and certification results. Attesting history (entries
 * from before the sponsor used Qualcard) is the admin's for every kind. The functions check roles with this
 * table and the engine counts with it.
 */
export const CONFIRMED_BY = {
  'sign-off': 'coach',
  'hours-entry': 'coach',
  'prior-credit': 'admin',
  exam: 'admin',
  certification: 'admin',
} as const;
export type EntryKind = keyof typeof CONFIRMED_BY;

/**
 * Which logged categories count towards a requirement. On-the-job learning is work experience with a coach
 * (NITAS: "the worker's experience on the job must include ... structured OJL"), so it counts towards both.
 */
export const COUNTS_TOWARDS = {
  'related-instruction': ['related-instruction'],
  'on-the-job-learning': ['on-the-job-learning'],
  'work-experience': ['work-experience', 'on-the-job-learning'],
} as const satisfies Record<HoursCategory, readonly HoursCategory[]>;

/**
 * What each hours category is called wherever a person reads it: engine messages, the sheets (category lists,
 * totals, column headers), transcripts and the CLI. Lists take their order from `HoursCategory`, not from here.
 */
export const HOURS_CATEGORY_LABEL = {
  'related-instruction': 'Related instruction',
  'on-the-job-learning': 'On-the-job learning',
  'work-experience': 'Work experience',
} as const satisfies Record<HoursCategory, string>;
