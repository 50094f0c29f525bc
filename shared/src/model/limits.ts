// Limits of the apprentice record, defined once: the zod model, the sheets' validation formulas and help texts,
// and the functions' request schemas all read them from here. They keep every Firestore key path under its
// 1,500 bytes and every stored document under its 1 MiB, whatever a sheet holds.

/** Evidence, notes and hours descriptions: at most this many characters. */
export const MAX_TEXT_LENGTH = 2000;
/** A sponsor's own maximum program duration (an apprentice's `maximumMonths`), in months. */
export const MAX_PROGRAM_MONTHS = 120;
/** Ids (apprentices, items, hours rows, sponsors): ASCII, so characters are bytes. */
export const MAX_ID_LENGTH = 128;
/** A person's name as the roster holds it. */
export const MAX_NAME_LENGTH = 200;
/** RFC 5321: at most 254 characters in an address, 64 in its local part. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_EMAIL_LOCAL_LENGTH = 64;
/** One hours entry or prior-credit row, in hours (a typo of 80 for 8 is flagged, not refused). */
export const MAX_ENTRY_HOURS = 10_000;
