// A sponsor's weekly digest settings: an admin turns them on, picks the weekday and the sheet the messages link to.
import type { putDigest } from '@qualcard/shared/api';
import { firestore, paths } from '../db';
import type { Handler } from '../http/router';
import { requireRole } from '../membership';
import { who } from './context';

export const putDigestRoute: Handler<typeof putDigest> = async ({ req, params, roles, body }) => {
  const sid = params.sponsorId;
  requireRole(await who(req), sid, roles, 'setting the digest');
  const digest = body();
  // mergeFields replaces the whole `digest` map: a sheet link left out is removed, not kept from before.
  await firestore()
    .doc(paths.sponsor(sid))
    .set({ digest }, { mergeFields: ['digest'] });
  return { body: { sponsorId: sid, digest } };
};
