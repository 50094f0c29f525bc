// The apprentice record: what the add-on reads from the sheets, sends to the functions, and the engine reads.
// Fields a coach may leave blank in a sheet (a sign-off's coach or date) are optional here on purpose:
// the engine reports them as integrity flags instead of the whole record being rejected.
import { z } from 'zod';
import { HoursCategory, Id } from './framework';
import { MAX_PROGRAM_MONTHS, MAX_TEXT_LENGTH } from './limits';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

export const Email = z.string().trim().toLowerCase().pipe(z.email());

/** Evidence, notes and descriptions a person types into a sheet. */
export const FreeText = z.string().max(MAX_TEXT_LENGTH);

export const Apprentice = z
  .object({
    id: Id,
    name: z.string().trim().min(1),
    email: Email,
    startDate: IsoDate,
    frameworkId: Id,
    /** The level the apprentice is working towards; earlier levels of a cumulative framework are checked too. */
    levelId: Id,
    coachEmails: z.array(Email).min(1),
    /** Sponsor's own limit, overriding the framework's maximum duration. */
    maximumMonths: z.number().positive().max(MAX_PROGRAM_MONTHS).optional(),
  })
  .strict();
export type Apprentice = z.infer<typeof Apprentice>;

export const SignOff = z
  .object({
    itemId: z.string().trim().min(1),
    date: IsoDate.optional(),
    coachEmail: Email.optional(),
    evidence: FreeText.optional(),
    notes: FreeText.optional(),
  })
  .strict();
export type SignOff = z.infer<typeof SignOff>;

export const HoursEntry = z
  .object({
    /** Stable row id from the sheet (developer metadata); used to point gaps at the row. */
    id: z.string().min(1).optional(),
    date: IsoDate,
    category: HoursCategory,
    /** Level the hours were logged against; untagged hours fill levels in order. */
    levelId: Id.optional(),
    workFunctionId: Id.optional(),
    hours: z.number().finite(),
    description: FreeText.optional(),
    verifiedBy: Email.optional(),
  })
  .strict();
export type HoursEntry = z.infer<typeof HoursEntry>;

export const PriorCredit = z
  .object({
    id: z.string().min(1).optional(),
    category: HoursCategory,
    levelId: Id.optional(),
    hours: z.number().finite().nonnegative(),
    description: z.string().min(1),
    approved: z.boolean(),
    approvedBy: Email.optional(),
    approvedDate: IsoDate.optional(),
  })
  .strict();
export type PriorCredit = z.infer<typeof PriorCredit>;

export const ExamResult = z
  .object({
    id: Id,
    date: IsoDate.optional(),
    passed: z.boolean(),
  })
  .strict();

export const CertificationHeld = z
  .object({
    id: Id,
    date: IsoDate.optional(),
  })
  .strict();

export const ApprenticeRecord = z
  .object({
    schemaVersion: z.literal(1),
    sponsorId: Id.optional(),
    apprentice: Apprentice,
    signOffs: z.array(SignOff).max(5000).default([]),
    hours: z.array(HoursEntry).max(20000).default([]),
    priorCredit: z.array(PriorCredit).max(500).default([]),
    exams: z.array(ExamResult).max(500).default([]),
    certifications: z.array(CertificationHeld).max(500).default([]),
  })
  .strict();
export type ApprenticeRecord = z.infer<typeof ApprenticeRecord>;
export type ApprenticeRecordInput = z.input<typeof ApprenticeRecord>;
