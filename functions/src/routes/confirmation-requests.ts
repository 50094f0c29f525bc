// Routes askConfirmation and listConfirmationAsks: an apprentice asks their coaches to confirm entries; the open
// requests for an apprentice, their coaches and the admins (usecases/confirmation-requests.ts).
import type { askConfirmation, listConfirmationAsks } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { askConfirmation as ask, listConfirmationAsks as list } from '../usecases/confirmation-requests';
import { signedIn } from './context';

export const askConfirmationRoute: Handler<typeof askConfirmation> = async (call) => {
  const { deps, member } = await signedIn(call.req);
  const on = { sid: call.params.sponsorId, aid: call.params.apprenticeId, roles: call.roles };
  return { status: 201, body: await ask(deps, member, on, () => call.body()) };
};

export const listConfirmationAsksRoute: Handler<typeof listConfirmationAsks> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  const requests = await list(deps, member, { sid: params.sponsorId, roles });
  return { body: { sponsorId: params.sponsorId, requests } };
};
