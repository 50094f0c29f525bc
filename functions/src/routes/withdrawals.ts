// Route withdrawals: a coach withdraws their own confirmations, an admin any, with a reason (usecases/withdraw.ts).
import type { withdrawals } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { withdraw } from '../usecases/withdraw';
import { signedIn } from './context';

export const withdrawalsRoute: Handler<typeof withdrawals> = async (call) => {
  const { deps, member } = await signedIn(call.req);
  const on = { sid: call.params.sponsorId, aid: call.params.apprenticeId, roles: call.roles };
  return { body: await withdraw(deps, member, on, () => call.body()) };
};
