// Routes apprenticeProgress and sponsorProgress (usecases/progress.ts).
import type { apprenticeProgress, sponsorProgress } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import * as progress from '../usecases/progress';
import { signedIn } from './context';

export const apprenticeProgressRoute: Handler<typeof apprenticeProgress> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, roles };
  return { body: await progress.apprenticeProgress(deps, member, on) };
};

export const sponsorProgressRoute: Handler<typeof sponsorProgress> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  const apprentices = await progress.sponsorProgress(deps, member, { sid: params.sponsorId, roles });
  return { body: { sponsorId: params.sponsorId, apprentices } };
};
