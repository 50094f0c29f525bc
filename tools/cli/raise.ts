// qualcard raise: a sponsor admin records that an apprentice was raised to a wage step from a date
// (the contract's `raises` route). The service refuses a step the apprentice has not reached, or not above the recorded one (409).
import { IsoDate, wageSummary } from '../../shared/src';
import * as routes from '../../shared/src/api/routes';
import { request } from './api';
import type { Parsed } from './args';
import { InputError } from './input';
import { answer, type Context, connect } from './remote';

export async function raise(parsed: Parsed, ctx: Context): Promise<void> {
  const { values } = parsed;
  const sid = values.get('sponsor')!;
  const aid = values.get('apprentice')!;
  const step = Number(values.get('step'));
  if (!Number.isInteger(step) || step < 2)
    throw new InputError(`--step ${values.get('step')}: a step number, 2 or above`);
  const effectiveDate = values.get('effective')!;
  if (!IsoDate.safeParse(effectiveDate).success)
    throw new InputError(`--effective ${effectiveDate}: a date as YYYY-MM-DD`);
  const note = values.get('note');
  const body = { step, effectiveDate, ...(note ? { note } : {}) };
  const params = { sponsorId: sid, apprenticeId: aid };
  const res = await request(connect(parsed, ctx), routes.raises, { params, body }, { sponsors: [sid] });
  if (parsed.flags.has('json')) return ctx.out(JSON.stringify(res.body, null, 2));
  const raised = answer(routes.raises.answer, res, 'the raise');
  const wage = wageSummary(raised.wage as Parameters<typeof wageSummary>[0]);
  ctx.out(
    `${aid} raised to step ${raised.raise.step} from ${raised.raise.effectiveDate} (recorded by ${raised.raise.by}). ${wage}`,
  );
}
