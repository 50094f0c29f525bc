// The id rule (frameworks, levels, work functions, items, exams, apprentices, sponsors), defined once: the zod
// model, the roster sheet's validation formula, the add-on's checks and the help texts all use it.

/** The id pattern's source. RE2 (Sheets' REGEXMATCH) reads it the same as JavaScript does. */
export const ID_PATTERN_SOURCE = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
export const ID_PATTERN = new RegExp(ID_PATTERN_SOURCE);
/** What an id may hold, for messages: "… may hold only letters, digits, …". */
export const ID_RULE = 'letters, digits, ".", "_" or "-"';

export const isId = (value: string): boolean => ID_PATTERN.test(value);
