// qualcard raise: a sponsor admin records that an apprentice was raised to a wage step from a date
// (POST .../raises). The service refuses a step the apprentice has not reached, or not above the recorded one (409).
import * as z from 'zod';
import { IsoDate, wageSummary } from '../../shared/src';
import { apiUrl, idToken, request, seg, timeoutMs } from './api';
import type { Parsed } from './args';
import { InputError } from './input';
import type { Context } from './remote';

const RaiseAnswer = z.object({
  apprenticeId: z.string(),
  raise: z.object({ step: z.number(), effectiveDate: z.string(), by: z.string(), at: z.string() }),
  wage: z.unknown(),
});

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
  const api = { url: apiUrl(values.get('api'), ctx.env), token: idToken(ctx.env), timeoutMs: timeoutMs(ctx.env) };
  const path = `/v1/sponsors/${seg(sid)}/apprentices/${seg(aid)}/raises`;
  const body = { step, effectiveDate, ...(note ? { note } : {}) };
  const res = await request(api, { method: 'POST', path, body, sponsors: [sid] });
  if (parsed.flags.has('json')) return ctx.out(JSON.stringify(res.body, null, 2));
  const answer = RaiseAnswer.parse(res.body);
  const wage = wageSummary(answer.wage as Parameters<typeof wageSummary>[0]);
  ctx.out(
    `${aid} raised to step ${answer.raise.step} from ${answer.raise.effectiveDate} (recorded by ${answer.raise.by}). ${wage}`,
  );
}
