// Thresholds of the gap rules, in one place so the add-on, the functions and the docs agree.
export const RULES = {
  /** Pace is measured over this many days before the as-of date. */
  recentWindowDays: 90,
  /** No sign-off and no hours for this many days raises `activity.none`. */
  inactivityDays: 60,
  maxHoursPerDay: 24,
} as const;

export const HOURS_CATEGORY_LABEL = {
  'related-instruction': 'Related instruction',
  'on-the-job-learning': 'On-the-job learning',
  'work-experience': 'Work experience',
} as const;
