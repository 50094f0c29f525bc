// Request bodies and queries of the API. Records use the shared model; these wrap them per route.
import * as z from 'zod';
import { Framework, Id } from '../model/framework';
import { ID_RULE } from '../model/ids';
import { MAX_ID_LENGTH } from '../model/limits';
import { Programs } from '../model/program';
import {
  Email,
  FreeText,
  HoursEntry,
  hasLoneSurrogate,
  IsoDate,
  LONE_SURROGATE_MESSAGE,
  SheetRecord,
  SignOff,
  Text,
} from '../model/record';
import { TimeZone } from '../model/time-zone';
import { MAX_WAGE_STEPS } from '../model/wages';
import { COHORT_PAGE_DEFAULT, COHORT_PAGE_MAX } from './limits';
import { Role } from './roles';

export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,200}$/, '8-200 letters, digits, "_", ".", ":" or "-"');

export const SyncRequest = z
  .object({
    idempotencyKey: IdempotencyKey,
    /**
     * The day the answer's progress is as of (an admin's, from the apprentice's start to the sponsor's today); what
     * is stored is always as of the sponsor's today (docs/record.md, the as-of day).
     */
    asOf: IsoDate.optional(),
    /** The spreadsheet's time zone; an admin's sync stores it on the sponsor (a coach's is ignored). */
    timeZone: TimeZone.optional(),
    /** The sponsor's program per framework id (optional work functions run); an admin's sync stores it. */
    programs: Programs.optional(),
    /** What the sheets hold: typed entries only. Confirmations come from the confirmations endpoint. */
    records: z.array(SheetRecord).min(1).max(500),
  })
  .strict();
export type SyncRequest = z.infer<typeof SyncRequest>;

export const SignOffRequest = z
  .object({
    itemIds: z
      .array(SignOff.shape.itemId)
      .min(1)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, 'item ids must be unique'),
    /** The day the coach observed the work; defaults to today in the sponsor's time zone. */
    date: IsoDate.optional(),
    evidence: SignOff.shape.evidence,
    notes: SignOff.shape.notes,
  })
  .strict();
export type SignOffRequest = z.infer<typeof SignOffRequest>;

/** An exam or certification result an admin records, with what proves it (e.g. a certificate number). */
export const Proof = z
  .object({ id: Id, date: IsoDate.optional(), evidence: FreeText.pipe(z.string().trim().min(1)) })
  .strict();
export type Proof = z.infer<typeof Proof>;
const ids = (max: number) =>
  z
    .array(HoursEntry.shape.id.unwrap())
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'ids must be unique')
    .optional();

/**
 * Confirms entries a sheet holds (synced first) for one apprentice. A coach of the apprentice confirms sign-offs
 * (by item id) and hours entries (by row id); an admin approves prior credit and records exam and certification
 * results with what proves them. With `attest`, an admin instead attests all of the listed entries as history from
 * before the sponsor used Qualcard.
 */
export const ConfirmRequest = z
  .object({
    signOffs: ids(5000),
    hours: ids(20000),
    priorCredit: ids(500),
    exams: z.array(Proof).max(500).optional(),
    certifications: z.array(Proof).max(500).optional(),
    attest: z
      .object({ reason: FreeText.pipe(z.string().trim().min(1)), evidence: FreeText.optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine(
    (b) => [b.signOffs, b.hours, b.priorCredit, b.exams, b.certifications].some((l) => l?.length),
    'name at least one entry to confirm',
  );
export type ConfirmRequest = z.infer<typeof ConfirmRequest>;

/** An admin records that the apprentice was raised to a step of the program's wage schedule from a date. */
export const RaiseRequest = z
  .object({
    step: z.number().int().min(2, 'step 1 is the starting wage; a raise is to step 2 or above').max(MAX_WAGE_STEPS),
    effectiveDate: IsoDate,
    note: FreeText.optional(),
  })
  .strict();
export type RaiseRequest = z.infer<typeof RaiseRequest>;

/** `asOf`: as a sync's (an admin's, a day of the program); the sponsor's today when absent. */
export const TranscriptRequest = z.object({ asOf: IsoDate.optional() }).strict();
export type TranscriptRequest = z.infer<typeof TranscriptRequest>;

/** Staff roles an admin sets; apprentices get theirs from the roster sync. */
export const MemberRequest = z.object({ role: Role.exclude(['apprentice']) }).strict();
export type MemberRequest = z.infer<typeof MemberRequest>;
export const MemberEmail = Email;

/** Where a value holds a string with a lone surrogate (at most `limit` places), as paths from it. */
function brokenTexts(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = [], limit = 20) {
  if (out.length >= limit) return out;
  if (typeof value === 'string') {
    if (hasLoneSurrogate(value)) out.push(at);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      brokenTexts(v, [...at, Array.isArray(value) ? Number(k) : k], out, limit);
  return out;
}

/**
 * The shared model takes any string in a framework's texts; a published one is stored in Firestore and sent to
 * Sheets as UTF-8, which cannot hold a lone UTF-16 surrogate (half an emoji): refused, naming each field.
 */
const StorableFramework = Framework.superRefine((f, ctx) => {
  for (const path of brokenTexts(f)) ctx.addIssue({ code: 'custom', path, message: LONE_SURROGATE_MESSAGE });
});
export const PublishRequest = z.object({ framework: StorableFramework }).strict();
export type PublishRequest = z.infer<typeof PublishRequest>;

export const MigrationRequest = z
  .object({
    toVersion: Id,
    /** Only these apprentices; without it, every apprentice on the framework at another version. */
    apprenticeIds: z
      .array(Id)
      .min(1)
      .max(500)
      .refine((list) => new Set(list).size === list.length, 'ids must be unique')
      .optional(),
    /** Without it the answer is the diff only, and nothing is written. */
    apply: z.boolean().default(false),
  })
  .strict();
export type MigrationRequest = z.infer<typeof MigrationRequest>;

/** Why a person undoes or overrides something: required, kept with it and in the audit record. */
const Reason = FreeText.pipe(z.string().trim().min(1, 'say why'));

/** An admin revokes a credential and says why; the reason is published in the revocation list. */
export const RevokeRequest = z.object({ reason: Reason }).strict();
export type RevokeRequest = z.infer<typeof RevokeRequest>;

/** An admin keeps a credential flagged for review (its level no longer complete) and says why. */
export const KeepCredentialRequest = z.object({ reason: Reason }).strict();
export type KeepCredentialRequest = z.infer<typeof KeepCredentialRequest>;

/**
 * Withdraws confirmations made by mistake: the entries go back to pending, each confirmation kept in the entry's
 * history with who withdrew it, when and why. Sign-offs by item id, hours and prior credit by row id, exam and
 * certification results by id. A coach withdraws only their own confirmations; an admin any.
 */
export const WithdrawRequest = z
  .object({
    signOffs: ids(5000),
    hours: ids(20000),
    priorCredit: ids(500),
    exams: ids(500),
    certifications: ids(500),
    reason: Reason,
  })
  .strict()
  .refine(
    (b) => [b.signOffs, b.hours, b.priorCredit, b.exams, b.certifications].some((l) => l?.length),
    'name at least one entry to withdraw',
  );
export type WithdrawRequest = z.infer<typeof WithdrawRequest>;

/** The admin's spreadsheet, the link every digest message carries. */
export const SheetUrl = z
  .string()
  .max(2000)
  .regex(/^https:\/\/docs\.google\.com\/spreadsheets\/\S+$/, 'must be a https://docs.google.com/spreadsheets/... URL')
  // `\S` matches half an emoji, which Firestore would store as U+FFFD: refused like every other text.
  .refine((s) => !hasLoneSurrogate(s), LONE_SURROGATE_MESSAGE);

/** A sponsor's weekly digest settings (sponsors/{sid}.digest), off until an admin turns them on. */
export const DigestSettings = z
  .object({
    enabled: z.boolean(),
    /** ISO weekday in the sponsor's time zone: 1 Monday .. 7 Sunday. */
    weekday: z.number().int().min(1).max(7),
    sheetUrl: SheetUrl.optional(),
    /** A weekly digest to each apprentice as well (their own progress and pending entries); off when absent. */
    apprentices: z.boolean().optional(),
  })
  .strict();
export type DigestSettings = z.infer<typeof DigestSettings>;

/** `?sponsorId=a&sponsorId=b`: some sponsors, or every one the caller serves when none is given. */
const SponsorIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
export const CohortReportQuery = z.object({ sponsorId: SponsorIds });

export const CohortQuery = z.object({
  sponsorId: SponsorIds,
  limit: z.coerce.number().int().min(1).max(COHORT_PAGE_MAX).default(COHORT_PAGE_DEFAULT),
  // Both parts become Firestore document ids (a cursor): each must be an id, never ".", ".." or "__x__".
  pageToken: z
    .string()
    .max(2 * MAX_ID_LENGTH + 1)
    .refine((t) => {
      const parts = t.split('/');
      return parts.length === 2 && parts.every((p) => Id.safeParse(p).success);
    }, `a pageToken from the previous page ("sponsorId/apprenticeId", each of ${ID_RULE})`)
    .optional(),
});

/** `?format=jwt`: the compact JWT as a file; `?format=json`: the Data Integrity credential as a file; otherwise JSON. */
export const CredentialQuery = z.object({ format: z.string().optional() });

/** An entry of the apprentice's sheets: a qual card item's sign-off (by item id) or an hours row (by row id). */
export const EntryRef = z
  .object({
    kind: z.enum(['signOff', 'hours']),
    id: Text(MAX_ID_LENGTH).pipe(z.string().trim().min(1)),
    /** What the apprentice's sheet shows for it ("2026-12-01, 6 h on-the-job learning"), for the coach to find it. */
    summary: Text(200).optional(),
  })
  .strict();
export type EntryRef = z.infer<typeof EntryRef>;

/** An apprentice asks their coaches to confirm entries of their own sheets. */
export const ConfirmationAsk = z
  .object({ entries: z.array(EntryRef).min(1).max(50), note: Text(500).optional() })
  .strict();
export type ConfirmationAsk = z.infer<typeof ConfirmationAsk>;
