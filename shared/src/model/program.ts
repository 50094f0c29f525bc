// A sponsor's program for one framework: which of its optional work functions the sponsor runs. Stored per
// framework id on the sponsor; an apprentice's own plan (Apprentice.optionalWorkFunctionIds) overrides it. The
// program's wage schedule (wages.ts), when it has one, is stored with it.
import * as z from 'zod';
import { Id } from './framework';
import { WageSchedule } from './wages';

export const ProgramChoice = z
  .object({ optionalWorkFunctionIds: z.array(Id).max(100), wageSchedule: WageSchedule.optional() })
  .strict();
export type ProgramChoice = z.infer<typeof ProgramChoice>;

/** Programs by framework id. */
export const Programs = z.record(Id, ProgramChoice);
export type Programs = z.infer<typeof Programs>;
