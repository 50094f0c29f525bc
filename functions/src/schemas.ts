// Request bodies. Records use the shared schemas; these wrap them per endpoint.
import { ApprenticeRecord, Email, IsoDate, SignOff } from '@qualcard/shared';
import { z } from 'zod';
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
    /** The date progress is computed for; defaults to today (UTC). */
    asOf: IsoDate.optional(),
    records: z.array(ApprenticeRecord).min(1).max(500),
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
    /** The day the coach observed the work; defaults to today (UTC). */
    date: IsoDate.optional(),
    evidence: SignOff.shape.evidence,
    notes: SignOff.shape.notes,
  })
  .strict();
export type SignOffRequest = z.infer<typeof SignOffRequest>;

export const TranscriptRequest = z.object({ asOf: IsoDate.optional() }).strict();

/** Staff roles an admin sets; apprentices get theirs from the roster sync. */
export const MemberRequest = z.object({ role: Role.exclude(['apprentice']) }).strict();
export const MemberEmail = Email;

export const today = (): string => new Date().toISOString().slice(0, 10);
