// Route sync: authenticate, parse, run the sync use case (usecases/sync.ts).
import type { sync as syncRoute_ } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { sync } from '../usecases/sync';
import { signedIn } from './context';

export const syncRoute: Handler<typeof syncRoute_> = async (call) => {
  const { deps, member } = await signedIn(call.req);
  return { body: await sync(deps, member, { sid: call.params.sponsorId, roles: call.roles }, () => call.body()) };
};
