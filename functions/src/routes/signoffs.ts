// Route signOffs: a coach signs items for their own apprentice (usecases/sign-off.ts).
import type { signOffs } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { signOff } from '../usecases/sign-off';
import { signedIn } from './context';

export const signOffRoute: Handler<typeof signOffs> = async (call) => {
  const { deps, member } = await signedIn(call.req);
  const on = { sid: call.params.sponsorId, aid: call.params.apprenticeId, roles: call.roles };
  const { created, answer } = await signOff(deps, member, on, () => call.body());
  return { status: created ? 201 : 200, body: answer };
};
