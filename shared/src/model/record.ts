// The apprentice record: what the add-on reads from the sheets, sends to the functions, and the engine reads.
// Fields a coach may leave blank in a sheet (a sign-off's coach or date) are optional here on purpose, and an
// empty cell reads as blank: the engine reports them as integrity flags instead of the whole record being rejected.
// Every entry carries its provenance (`confirmation`): absent, it was typed in a sheet and counts for nothing until
// the functions confirm it. A sheet's sync can never send one (`SheetRecord`).
import * as z from 'zod';
import { HoursCategory, Id } from './framework';
import {
  MAX_EMAIL_LENGTH,
  MAX_EMAIL_LOCAL_LENGTH,
  MAX_ENTRY_HOURS,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PROGRAM_MONTHS,
  MAX_TEXT_LENGTH,
} from './limits';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

/** A server timestamp, ISO 8601 in UTC. */
export const Instant = z.iso.datetime();

/** Text that Firestore and UTF-8 can hold: a lone UTF-16 surrogate (half an emoji) cannot be stored. */
const LONE_SURROGATE = /\p{Cs}/u;
export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);
export const LONE_SURROGATE_MESSAGE = 'holds a broken character (a lone UTF-16 surrogate)';
export const Text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasLoneSurrogate(s), LONE_SURROGATE_MESSAGE);

export const Email = z
  .string()
  .max(MAX_EMAIL_LENGTH)
  .trim()
  .toLowerCase()
  .pipe(z.email())
  .refine((e) => e.indexOf('@') <= MAX_EMAIL_LOCAL_LENGTH, `at most ${MAX_EMAIL_LOCAL_LENGTH} characters before "@"`);

/** Evidence, notes and descriptions a person types into a sheet. */
export const FreeText = Text(MAX_TEXT_LENGTH);

/** A cell a person may leave blank: an empty string reads as absent. */
const blankable = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal('').transform(() => undefined), schema]).optional();

/**
 * How an entry was established; only the functions write it. `confirmed`: through the API by the person whose
 * role confirms this kind of entry (a coach of the apprentice, or an admin), identity verified, at server time.
 * `attested`: a sponsor admin vouches for history from before the sponsor used Qualcard (paper qual cards), with a
 * reason. `date` is `at` in the sponsor's time zone: the entry counts from that day.
 */
export const Confirmation = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('confirmed'),
      by: Email,
      role: z.enum(['coach', 'admin']),
      at: Instant,
      date: IsoDate,
      /** What proves it, e.g. a certificate number. */
      evidence: FreeText.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('attested'),
      by: Email,
      role: z.literal('admin'),
      at: Instant,
      date: IsoDate,
      reason: FreeText.pipe(z.string().trim().min(1)),
      evidence: FreeText.optional(),
    })
    .strict(),
]);
export type Confirmation = z.infer<typeof Confirmation>;

/**
 * A confirmation that no longer holds, kept with its entry as history (only the functions write it): `withdrawn` by
 * the person who may (the confirming coach, or an admin) because it was a mistake, the entry back to pending;
 * `superseded` when the entry's changed values were confirmed again. Always with who, when and why.
 */
export const EndedConfirmation = z
  .object({
    confirmation: Confirmation,
    ended: z
      .object({
        kind: z.enum(['withdrawn', 'superseded']),
        by: Email,
        role: z.enum(['coach', 'admin']),
        at: Instant,
        reason: FreeText.pipe(z.string().trim().min(1)),
      })
      .strict(),
  })
  .strict();
export type EndedConfirmation = z.infer<typeof EndedConfirmation>;
/** At most this many ended confirmations are kept on one entry (a sign-off confirmed and withdrawn over and over). */
export const MAX_CONFIRMATION_HISTORY = 50;
const confirmation = {
  confirmation: Confirmation.optional(),
  history: z.array(EndedConfirmation).max(MAX_CONFIRMATION_HISTORY).optional(),
};

/**
 * What the sheet holds now for a confirmed entry whose row no longer matches it (only the functions write it, on
 * sync): `changed`, the row as typed, when it differs in a value that counts (engine/changed.ts); `deleted` when the
 * row is gone. The entry keeps counting as confirmed until the right person confirms the typed values (or withdraws
 * the confirmation); the engine reports it meanwhile. Absent: the sheet agrees with the entry.
 */
const onSheet = <T extends z.ZodType>(typed: T) =>
  z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('changed'), entry: typed }).strict(),
      z.object({ kind: z.literal('deleted') }).strict(),
    ])
    .optional();

export const Apprentice = z
  .object({
    id: Id,
    name: Text(MAX_NAME_LENGTH).pipe(z.string().trim().min(1)),
    email: Email,
    startDate: IsoDate,
    frameworkId: Id,
    /**
     * The published version of the framework the apprentice is on. A sync without it keeps the stored one (the
     * latest published at first sync); only an admin's migration changes it.
     */
    frameworkVersion: Id.optional(),
    /** The level the apprentice is working towards; earlier levels of a cumulative framework are checked too. */
    levelId: Id,
    coachEmails: z.array(Email).min(1).max(50),
    /** Sponsor's own limit, overriding the framework's maximum duration. */
    maximumMonths: z.number().positive().max(MAX_PROGRAM_MONTHS).optional(),
    /** This apprentice's plan: the optional work functions run (absent: the sponsor's program, then the framework default). */
    optionalWorkFunctionIds: z.array(Id).max(100).optional(),
  })
  .strict();
export type Apprentice = z.infer<typeof Apprentice>;

/** A sheet row's stable id (developer metadata); used to point gaps and confirmations at the row. */
const RowId = Text(MAX_ID_LENGTH).pipe(z.string().min(1));
const Hours = z.number().finite().min(-MAX_ENTRY_HOURS).max(MAX_ENTRY_HOURS);

/** When and why a sign-off was archived: the version its item was last in, and the version that dropped it. */
export const Archived = z.object({ fromVersion: Id, toVersion: Id, at: Instant }).strict();
export type Archived = z.infer<typeof Archived>;

const signOffFields = {
  itemId: Text(MAX_ID_LENGTH).pipe(z.string().trim().min(1)),
  date: blankable(IsoDate),
  coachEmail: blankable(Email),
  evidence: FreeText.optional(),
  notes: FreeText.optional(),
};
export const SignOff = z
  .object({
    ...signOffFields,
    ...confirmation,
    onSheet: onSheet(z.object(signOffFields).strict()),
    /** Set by a migration when the item left the framework: the sign-off is kept as history and never counts. */
    archived: Archived.optional(),
  })
  .strict();
export type SignOff = z.infer<typeof SignOff>;

const hoursFields = {
  id: RowId.optional(),
  date: IsoDate,
  category: HoursCategory,
  /** Level the hours were logged against; untagged hours fill levels in order. */
  levelId: Id.optional(),
  workFunctionId: Id.optional(),
  hours: Hours,
  description: FreeText.optional(),
  /** Who the sheet says verified the hours: a claim until a coach confirms them. */
  verifiedBy: blankable(Email),
};
export const HoursEntry = z
  .object({ ...hoursFields, ...confirmation, onSheet: onSheet(z.object(hoursFields).strict()) })
  .strict();
export type HoursEntry = z.infer<typeof HoursEntry>;

/** Hours from before the program (prior learning); counted once an admin approves them (`confirmation`). */
const priorCreditFields = {
  id: RowId.optional(),
  category: HoursCategory,
  levelId: Id.optional(),
  hours: Hours.nonnegative(),
  description: FreeText.pipe(z.string().min(1)),
  /** Who the sheet says approved it: a claim until an admin confirms it. */
  approvedBy: blankable(Email),
};
export const PriorCredit = z
  .object({ ...priorCreditFields, ...confirmation, onSheet: onSheet(z.object(priorCreditFields).strict()) })
  .strict();
export type PriorCredit = z.infer<typeof PriorCredit>;

const examFields = { id: Id, date: blankable(IsoDate), passed: z.boolean() };
export const ExamResult = z
  .object({ ...examFields, ...confirmation, onSheet: onSheet(z.object(examFields).strict()) })
  .strict();
export type ExamResult = z.infer<typeof ExamResult>;

const certificationFields = { id: Id, date: blankable(IsoDate) };
export const CertificationHeld = z
  .object({ ...certificationFields, ...confirmation, onSheet: onSheet(z.object(certificationFields).strict()) })
  .strict();
export type CertificationHeld = z.infer<typeof CertificationHeld>;

/**
 * An admin's record that the apprentice was raised to a wage step (of the program's schedule) from a date; only
 * the functions write it (the raises route, audited). The raises are the apprentice's wage history.
 */
export const WageRaise = z
  .object({
    step: z.number().int().min(2),
    effectiveDate: IsoDate,
    by: Email,
    at: Instant,
    note: FreeText.optional(),
  })
  .strict();
export type WageRaise = z.infer<typeof WageRaise>;

/**
 * The records zod produced (ApprenticeRecord's or SheetRecord's parse, also nested in a request body): a boundary
 * parsed them, so the engine takes them as they are instead of parsing them again (`parsedRecord`). A SheetRecord's
 * output is an ApprenticeRecord's too (the same fields without confirmations; parsing it again changes nothing).
 * This relies on parsed records never being changed in place (none is; a copy is parsed again). Being a check on
 * the object, it makes zod refuse .omit/.pick/.partial on the two schemas (nothing derives from them).
 */
const parsedRecords = new WeakSet<object>();
const remember = (ctx: { value: object }): void => {
  parsedRecords.add(ctx.value);
};

const recordFields = {
  schemaVersion: z.literal(1),
  sponsorId: Id.optional(),
  apprentice: Apprentice,
};

export const ApprenticeRecord = z
  .object({
    ...recordFields,
    signOffs: z.array(SignOff).max(5000).default([]),
    hours: z.array(HoursEntry).max(20000).default([]),
    priorCredit: z.array(PriorCredit).max(500).default([]),
    exams: z.array(ExamResult).max(500).default([]),
    certifications: z.array(CertificationHeld).max(500).default([]),
    /** Wage raises an admin recorded; absent until the first one. A sheet never holds them. */
    raises: z.array(WageRaise).max(100).optional(),
  })
  .strict()
  .check(remember);
export type ApprenticeRecord = z.infer<typeof ApprenticeRecord>;
export type ApprenticeRecordInput = z.input<typeof ApprenticeRecord>;

/** The record as ApprenticeRecord's parse returns it: as it is when zod already parsed it, else parsed now. */
export const parsedRecord = (input: ApprenticeRecord | ApprenticeRecordInput): ApprenticeRecord =>
  parsedRecords.has(input) ? (input as ApprenticeRecord) : ApprenticeRecord.parse(input);

/**
 * What a sheet holds: the same record with no confirmations (nor history, what the sheet held, archive marks). A sync carrying one is refused,
 * naming the field.
 */
const typed = { confirmation: true, history: true, onSheet: true } as const;
const typedSignOff = { confirmation: true, history: true, onSheet: true, archived: true } as const;
export const SheetRecord = z
  .object({
    ...recordFields,
    signOffs: z.array(SignOff.omit(typedSignOff)).max(5000).default([]),
    hours: z.array(HoursEntry.omit(typed)).max(20000).default([]),
    priorCredit: z.array(PriorCredit.omit(typed)).max(500).default([]),
    exams: z.array(ExamResult.omit(typed)).max(500).default([]),
    certifications: z.array(CertificationHeld.omit(typed)).max(500).default([]),
  })
  .strict()
  .check(remember);
export type SheetRecord = z.infer<typeof SheetRecord>;
