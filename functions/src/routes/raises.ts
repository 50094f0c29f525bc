// Route raises: a sponsor admin records a wage raise (usecases/raise.ts).
import type { raises } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { raise } from '../usecases/raise';
import { signedIn } from './context';

export const raiseRoute: Handler<typeof raises> = async (call) => {
  const { deps, member } = await signedIn(call.req);
  const on = { sid: call.params.sponsorId, aid: call.params.apprenticeId, roles: call.roles };
  return { body: await raise(deps, member, on, () => call.body()) };
};
