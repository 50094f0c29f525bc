export * from './model/framework';
export * from './model/record';
export * from './model/progress';
export { computeProgress, RecordMismatchError } from './engine/progress';
export { RULES, HOURS_CATEGORY_LABEL } from './engine/rules';
export { addDays, addMonths, daysBetween } from './engine/dates';
