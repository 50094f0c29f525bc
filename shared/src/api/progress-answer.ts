// The engine's progress as a schema, for answers that carry it. Typed against the engine's own interfaces
// (z.ZodType<T>): a field the engine adds or changes fails the type check here.
import * as z from 'zod';
import type { RowConfirmations } from '../engine/merge';
import type { MigrationDiff } from '../engine/migration';
import type { ProgressSummary } from '../engine/summary';
import type { WageStatus } from '../engine/wages';
import { HoursCategory } from '../model/framework';
import { Confirmation, EndedConfirmation } from '../model/record';
import { WageRate } from '../model/wages';

const Pointer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), itemId: z.string() }),
  z.object({ kind: z.literal('sign-off'), index: z.number(), itemId: z.string() }),
  z.object({ kind: z.literal('hours-entry'), index: z.number(), id: z.string().optional() }),
  z.object({ kind: z.literal('hours-category'), category: HoursCategory }),
  z.object({ kind: z.literal('exam'), examId: z.string() }),
  z.object({ kind: z.literal('certification'), certificationId: z.string() }),
  z.object({ kind: z.literal('prior-credit'), index: z.number(), id: z.string().optional() }),
  z.object({ kind: z.literal('level'), levelId: z.string() }),
  z.object({ kind: z.literal('apprentice') }),
]);
const Finding = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  levelId: z.string().optional(),
  pointer: Pointer,
});
const Tally = z.object({ done: z.number(), required: z.number() });
const LevelProgress = z.object({
  levelId: z.string(),
  title: z.string(),
  items: Tally.extend({ optionalSigned: z.number() }),
  hours: z.array(Tally.extend({ category: HoursCategory, priorCredit: z.number() })),
  exams: Tally,
  certifications: Tally,
  percent: z.number(),
  complete: z.boolean(),
});
const EntryCounts = z.object({ confirmed: z.number(), attested: z.number(), pending: z.number(), flagged: z.number() });
const WageLeft = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('level'), levelId: z.string(), title: z.string() }),
  z.object({ kind: z.literal('hours'), category: HoursCategory.optional(), more: z.number(), required: z.number() }),
  z.object({ kind: z.literal('months'), more: z.number(), from: z.string() }),
]);
export const WageStatusAnswer: z.ZodType<WageStatus> = z.object({
  steps: z.array(
    z.object({ step: z.number(), wage: WageRate, reached: z.boolean(), eligibleSince: z.string().nullable() }),
  ),
  currentStep: z.number(),
  recordedStep: z.number(),
  next: z.object({ step: z.number(), wage: WageRate, left: z.array(WageLeft), text: z.string() }).nullable(),
  eligible: z.object({ step: z.number(), since: z.string(), owedSince: z.string(), text: z.string() }).nullable(),
  history: z.array(
    z.object({
      step: z.number(),
      effectiveDate: z.string(),
      by: z.string().optional(),
      at: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
});

export const ProgressAnswer: z.ZodType<ProgressSummary> = z.object({
  apprenticeId: z.string(),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  asOf: z.string(),
  targetLevelId: z.string(),
  levels: z.array(LevelProgress),
  gaps: z.array(Finding),
  integrity: z.array(Finding),
  entries: z.object({
    'sign-off': EntryCounts,
    'hours-entry': EntryCounts,
    'prior-credit': EntryCounts,
    exam: EntryCounts,
    certification: EntryCounts,
  }),
  projectedCompletion: z.string().nullable(),
  lastActivity: z.string().nullable(),
  status: z.object({ status: z.enum(['on-track', 'at-risk', 'off-track']), reason: z.string() }),
  wage: WageStatusAnswer.optional(),
  findingCounts: z.record(z.string(), z.number()),
  levelGapCounts: z.record(z.string(), z.number()),
  omittedFindings: z.number(),
});

const CountedValuesAnswer = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const RowOnSheetAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('changed'), typed: CountedValuesAnswer, differences: z.string() }),
  z.object({ kind: z.literal('deleted') }),
]);
const RowConfirmationAnswer = z.object({
  confirmation: Confirmation,
  /** The values that count, as confirmed (engine/changed.ts). */
  confirmed: CountedValuesAnswer,
  /** What the sheet holds now when it no longer matches the confirmed entry. */
  onSheet: RowOnSheetAnswer.optional(),
});
export const RowConfirmationsAnswer: z.ZodType<RowConfirmations> = z.object({
  signOffs: z.record(
    z.string(),
    z.object({
      date: z.string().optional(),
      coachEmail: z.string().optional(),
      confirmation: Confirmation,
      onSheet: RowOnSheetAnswer.optional(),
    }),
  ),
  hours: z.record(z.string(), RowConfirmationAnswer),
  priorCredit: z.record(z.string(), RowConfirmationAnswer),
  exams: z.record(z.string(), RowConfirmationAnswer),
  certifications: z.record(z.string(), RowConfirmationAnswer),
  history: z
    .object({
      signOffs: z.record(z.string(), z.array(EndedConfirmation)),
      hours: z.record(z.string(), z.array(EndedConfirmation)),
      priorCredit: z.record(z.string(), z.array(EndedConfirmation)),
      exams: z.record(z.string(), z.array(EndedConfirmation)),
      certifications: z.record(z.string(), z.array(EndedConfirmation)),
    })
    .optional(),
});

export const MigrationDiffAnswer: z.ZodType<MigrationDiff> = z.object({
  apprenticeId: z.string(),
  fromVersion: z.string(),
  itemsAdded: z.array(z.string()),
  itemsArchived: z.array(z.object({ itemId: z.string(), signed: z.boolean() })),
  levelsRemoved: z.array(z.string()),
});
