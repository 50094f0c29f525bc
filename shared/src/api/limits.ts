// Body sizes per route. Cloud Functions itself refuses more than 32 MiB.
export const KiB = 1024;
export const MiB = 1024 * KiB;

/** Sync bodies carry whole cohorts; everything else is small. */
export const MAX_SYNC_BYTES = 8 * MiB;
export const MAX_SMALL_BODY_BYTES = 64 * KiB;
/** Thousands of hours ids when a sponsor first adopts Qualcard. */
export const MAX_CONFIRM_BYTES = MiB;
/** A framework, with room to be refused as over one Firestore document (413 naming `framework`) instead of early. */
export const MAX_FRAMEWORK_BODY_BYTES = 2 * MiB;

/** The consultant's cohort as JSON: apprentices per page, by default and at most. */
export const COHORT_PAGE_DEFAULT = 500;
export const COHORT_PAGE_MAX = 2000;
