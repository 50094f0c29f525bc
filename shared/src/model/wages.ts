// A program's wage schedule ("pay for performance"): numbered steps, each a wage (a percentage of the
// journeyworker rate, or an amount per hour) reached when all of its conditions hold: a level complete, counted
// hours (in total or in one category), months in the program. Step 1 is the starting wage and has no condition.
import * as z from 'zod';
import { HoursCategory, Id } from './framework';
import { MAX_ENTRY_HOURS, MAX_PROGRAM_MONTHS } from './limits';

export const MAX_WAGE_STEPS = 30;
const MAX_WAGE_AMOUNT = 1_000_000;

/** ISO 4217 currency code. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as USD');

export const WageAmount = z
  .object({
    kind: z.literal('amount'),
    amount: z.number().positive().max(MAX_WAGE_AMOUNT),
    currency: Currency,
    per: z.literal('hour'),
  })
  .strict();
export type WageAmount = z.infer<typeof WageAmount>;

export const WagePercent = z
  .object({
    kind: z.literal('percent'),
    percent: z.number().gt(0, 'a percentage above 0').max(100, 'at most 100 (% of the journeyworker rate)'),
  })
  .strict();

export const WageRate = z.discriminatedUnion('kind', [WagePercent, WageAmount]);
export type WageRate = z.infer<typeof WageRate>;

/** At least this many counted hours: in total (no category) or in one category (as COUNTS_TOWARDS counts it). */
export const WageHours = z
  .object({
    hours: z
      .number()
      .positive()
      .max(100 * MAX_ENTRY_HOURS),
    category: HoursCategory.optional(),
  })
  .strict();
export type WageHours = z.infer<typeof WageHours>;

export const WageStep = z
  .object({
    wage: WageRate,
    /** The level whose completion (on counted entries) reaches the step. */
    level: Id.optional(),
    hours: z.array(WageHours).max(4).optional(),
    /** Whole months in the program since the apprentice's start date. */
    months: z.number().int().positive().max(MAX_PROGRAM_MONTHS).optional(),
  })
  .strict();
export type WageStep = z.infer<typeof WageStep>;

const hasCondition = (s: WageStep): boolean => s.level !== undefined || !!s.hours?.length || s.months !== undefined;
const value = (w: WageRate): number => (w.kind === 'percent' ? w.percent : w.amount);
const basis = (w: WageRate): string => (w.kind === 'percent' ? 'percent' : `${w.currency}/${w.per}`);

export const WageSchedule = z
  .object({
    /** Shown beside percentages when given. */
    journeyworkerRate: WageAmount.optional(),
    steps: z.array(WageStep).min(1).max(MAX_WAGE_STEPS),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    s.steps.forEach((step, i) => {
      const at = ['steps', i];
      if (i === 0 && hasCondition(step)) issue(at, 'step 1 is the starting wage: it has no condition');
      if (i > 0 && !hasCondition(step)) issue(at, `step ${i + 1} needs a condition (a level, hours or months)`);
      const categories = (step.hours ?? []).map((h) => h.category ?? 'all');
      categories.forEach((c, k) => {
        if (categories.indexOf(c) !== k) issue([...at, 'hours', k], `hours for ${c} given twice`);
      });
      const prev = s.steps[i - 1];
      if (!prev) return;
      if (basis(prev.wage) !== basis(step.wage))
        issue([...at, 'wage'], `every step is in the same unit (${basis(s.steps[0]!.wage)}), not ${basis(step.wage)}`);
      else if (value(step.wage) <= value(prev.wage))
        issue([...at, 'wage'], `steps increase: ${value(step.wage)} is not above step ${i}'s ${value(prev.wage)}`);
    });
  });
export type WageSchedule = z.infer<typeof WageSchedule>;
