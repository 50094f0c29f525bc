// qualcard clr <sponsor> <apprentice>: downloads the apprentice's signed learner record (CLR 2.0) as of today and
// saves it (--out, else the name the API offers); says what it holds. The sponsor's admin or the apprentice.
import { writeFileSync } from 'node:fs';
import { CLR_FILE_TYPE, learnerRecord } from '../../shared/src/api/routes';
import { ApiFailure, request } from './api';
import type { Parsed } from './args';
import { checkOutFile, InputError } from './input';
import { attachmentName, type Context, connect } from './remote';

interface Held {
  credentialSubject?: { achievement?: { achievementType?: string }[]; verifiableCredential?: unknown[] };
}

export async function clr(parsed: Parsed, ctx: Context): Promise<void> {
  const [sid, aid] = parsed.args as [string, string];
  const target = parsed.values.get('out');
  if (target) checkOutFile(target);
  const api = connect(parsed, ctx);
  const res = await request(api, learnerRecord, { params: { sponsorId: sid, apprenticeId: aid } }, { sponsors: [sid] });
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith(CLR_FILE_TYPE))
    throw new ApiFailure(`expected a learner record (${CLR_FILE_TYPE}), got ${type || 'no Content-Type'}: not saved`);
  const file = target ?? attachmentName(res.headers.get('content-disposition')) ?? `learner-record-${aid}.json`;
  try {
    writeFileSync(file, res.bytes);
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  const held = JSON.parse(Buffer.from(res.bytes).toString('utf8')) as Held;
  const kinds = new Map<string, number>();
  for (const a of held.credentialSubject?.achievement ?? [])
    kinds.set(a.achievementType ?? '?', (kinds.get(a.achievementType ?? '?') ?? 0) + 1);
  const summary = {
    file,
    bytes: res.bytes.length,
    achievements: Object.fromEntries(kinds),
    credentials: held.credentialSubject?.verifiableCredential?.length ?? 0,
  };
  if (parsed.flags.has('json')) return ctx.out(JSON.stringify(summary, null, 2));
  const list = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
  ctx.out(
    `learner record of ${aid}: ${list}; ${summary.credentials} signed credential(s); ${summary.bytes} bytes -> ${file}`,
  );
}
