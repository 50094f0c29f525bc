// The people of the emulator tests' sponsors. Acme is the usual sponsor; Globex the other tenant.
export const ADMIN = 'admin@acme.example';
export const COACH = 'coach@acme.example';
export const COACH2 = 'coach2@acme.example';
export const CONSULTANT = 'consultant@advisors.example';
export const GLOBEX_ADMIN = 'admin@globex.example';
export const GLOBEX_COACH = 'coach@globex.example';
/** The email the roster gives apprentice `id` (kit/records.ts), which is their sign-in. */
export const apprenticeEmail = (id: string): string => `${id}@apprentice.example`;
/** The date most tests compute progress as of. */
export const AS_OF = '2026-06-30';
