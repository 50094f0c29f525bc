export { canonicalJson } from './canonical';
export {
  CHANGED_CODE,
  COUNTED_FIELDS,
  type CountedValues,
  countedDifferences,
  countedValues,
  DELETED_CODE,
  describeDifferences,
  isChangedSinceConfirmed,
} from './engine/changed';
export { type CheckedRecord, countedEntries } from './engine/counted';
export { addDays, addMonths, DAY_MS, daysBetween } from './engine/dates';
export {
  mergeSheetRecord,
  type RowConfirmation,
  type RowConfirmations,
  type RowOnSheet,
  rowConfirmations,
} from './engine/merge';
export { type MigrationDiff, migratedSignOffs, migrationDiff } from './engine/migration';
export { type Deadline, type Lateness, lateness, maximumDuration } from './engine/pace';
export {
  checkOptionalWorkFunctions,
  defaultProgramRequirements,
  type LevelRequirement,
  optionalWorkFunctionIds,
  workFunctionsRun,
} from './engine/program';
export { computeProgress, RecordMismatchError } from './engine/progress';
export {
  confirmationBar,
  confirmedOn,
  ENTRY_KINDS,
  isArchived,
  isOwnApprenticeship,
  isPendingFinding,
  isTheirsToConfirm,
  OWN_APPRENTICESHIP_RULE,
  PENDING_CODE,
  type Standing,
  standing,
} from './engine/provenance';
export { CONFIRMED_BY, type EntryKind, HOURS_CATEGORY_LABEL, RULES } from './engine/rules';
export {
  type ApprenticeStatus,
  apprenticeStatus,
  STATUS_COLOURS,
  STATUS_LABEL,
  STATUS_LEVELS,
  STATUS_WORST_FIRST,
  type StatusInput,
  type StatusLevel,
  statusRank,
} from './engine/status';
export { type ProgressSummary, summarizeProgress } from './engine/summary';
export {
  checkWageSchedule,
  eligibleText,
  leftText,
  sortedRaises,
  stepConditionsText,
  type WageLeft,
  type WageStatus,
  type WageStepStatus,
  wageStatus,
  wageSummary,
  wageText,
} from './engine/wages';
export { getFramework, shippedFrameworks } from './frameworks';
export { type FieldIssue, fieldIssues, formatIssues } from './model/errors';
export * from './model/framework';
export * from './model/ids';
export * from './model/limits';
export * from './model/program';
export * from './model/progress';
export * from './model/record';
export { levelStandardText } from './model/standard';
export * from './model/time-zone';
export * from './model/wages';
export { CsvSyntaxError, parseCsv } from './sponsor/csv';
export {
  FRAMEWORK_COLUMNS,
  formatRowErrors,
  frameworkFromRows,
  type RowError,
  type RowsOptions,
  type RowsResult,
} from './sponsor/framework-rows';
