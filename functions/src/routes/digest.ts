// Route putDigest: an admin turns the weekly digest on, picks the weekday and the sheet it links to.
import type { putDigest } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { digestSettings } from '../usecases/members';
import { signedIn } from './context';

export const putDigestRoute: Handler<typeof putDigest> = async ({ req, params, roles, body }) => {
  const { deps, member } = await signedIn(req);
  const digest = await digestSettings(deps, member, { sid: params.sponsorId, roles }, body);
  return { body: { sponsorId: params.sponsorId, digest } };
};
