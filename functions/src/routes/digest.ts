// Routes getDigest and putDigest: an admin reads the weekly digest settings, turns it on, picks the weekday, the
// sheet it links to and whether apprentices get one too.
import type { getDigest, putDigest } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { digestOf, digestSettings } from '../usecases/members';
import { signedIn } from './context';

export const getDigestRoute: Handler<typeof getDigest> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  return {
    body: { sponsorId: params.sponsorId, digest: await digestOf(deps, member, { sid: params.sponsorId, roles }) },
  };
};

export const putDigestRoute: Handler<typeof putDigest> = async ({ req, params, roles, body }) => {
  const { deps, member } = await signedIn(req);
  const digest = await digestSettings(deps, member, { sid: params.sponsorId, roles }, body);
  return { body: { sponsorId: params.sponsorId, digest } };
};
