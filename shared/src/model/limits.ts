// Limits of the apprentice record, defined once: the zod model, the sheets' validation formulas and help texts,
// and the functions' request schemas all read them from here.

/** Evidence, notes and hours descriptions: at most this many characters. */
export const MAX_TEXT_LENGTH = 2000;
/** A sponsor's own maximum program duration (an apprentice's `maximumMonths`), in months. */
export const MAX_PROGRAM_MONTHS = 120;
