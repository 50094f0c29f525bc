// Route sync: authenticate, then the sync use case (usecases/sync.ts) parses the body once the role is checked.
import type { sync } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import * as usecase from '../usecases/sync';
import { signedIn } from './context';

export const syncRoute: Handler<typeof sync> = async (call) => {
  const { deps, member } = await signedIn(call.req);
  const on = { sid: call.params.sponsorId, roles: call.roles };
  return { body: await usecase.sync(deps, member, on, () => call.body()) };
};
