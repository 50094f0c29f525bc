// Thresholds of the gap rules, in one place so the add-on, the functions and the docs agree.
export const RULES = {
  /** Pace is measured over this many days before the as-of date. */
  recentWindowDays: 90,
  /** No sign-off and no hours for this many days raises `activity.none`. */
  inactivityDays: 60,
  maxHoursPerDay: 24,
} as const;

/**
 * Which logged categories count towards a requirement. On-the-job learning is work experience with a coach
 * (NITAS: "the worker's experience on the job must include ... structured OJL"), so it counts towards both.
 */
export const COUNTS_TOWARDS = {
  'related-instruction': ['related-instruction'],
  'on-the-job-learning': ['on-the-job-learning'],
  'work-experience': ['work-experience', 'on-the-job-learning'],
} as const satisfies Record<string, readonly string[]>;

export const HOURS_CATEGORY_LABEL = {
  'related-instruction': 'Related instruction',
  'on-the-job-learning': 'On-the-job learning',
  'work-experience': 'Work experience',
} as const;
