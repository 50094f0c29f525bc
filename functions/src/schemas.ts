// Request bodies. Records use the shared schemas; these wrap them per endpoint.
import {
  Email,
  Framework,
  FreeText,
  HoursEntry,
  hasLoneSurrogate,
  Id,
  IsoDate,
  LONE_SURROGATE_MESSAGE,
  MAX_WAGE_STEPS,
  Programs,
  SheetRecord,
  SignOff,
  TimeZone,
} from '@qualcard/shared';
import * as z from 'zod';
import { KiB, MiB } from './http/body';
import { Role } from './membership';

/** Sync bodies carry whole cohorts; everything else is small. Cloud Functions itself refuses > 32 MiB. */
export const MAX_SYNC_BYTES = 8 * MiB;
export const MAX_SMALL_BODY_BYTES = 64 * KiB;

export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,200}$/, '8-200 letters, digits, "_", ".", ":" or "-"');

export const SyncRequest = z
  .object({
    idempotencyKey: IdempotencyKey,
    /** The date progress is computed for; defaults to today in the sponsor's time zone. */
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

const Proof = z
  .object({ id: Id, date: IsoDate.optional(), evidence: FreeText.pipe(z.string().trim().min(1)) })
  .strict();
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

export const TranscriptRequest = z.object({ asOf: IsoDate.optional() }).strict();

/** Staff roles an admin sets; apprentices get theirs from the roster sync. */
export const MemberRequest = z.object({ role: Role.exclude(['apprentice']) }).strict();
export const MemberEmail = Email;

/** A framework, with room to be refused as over one Firestore document (413 naming `framework`) instead of early. */
export const MAX_FRAMEWORK_BODY_BYTES = 2 * MiB;

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

/** An admin revokes a credential and says why; the reason is published in the revocation list. */
export const RevokeRequest = z.object({ reason: FreeText.pipe(z.string().trim().min(1)) }).strict();
