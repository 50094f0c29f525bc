// Route confirmations: a coach confirms ticks and hours, an admin records results, approves prior credit and attests
// (usecases/confirm.ts).
import type { confirmations } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { confirm } from '../usecases/confirm';
import { signedIn } from './context';

export const confirmationsRoute: Handler<typeof confirmations> = async (call) => {
  const { deps, member } = await signedIn(call.req);
  const on = { sid: call.params.sponsorId, aid: call.params.apprenticeId, roles: call.roles };
  const { created, answer } = await confirm(deps, member, on, () => call.body());
  return { status: created ? 201 : 200, body: answer };
};
