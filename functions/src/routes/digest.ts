// A sponsor's weekly digest settings: an admin turns them on, picks the weekday and the sheet the messages link to.
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { firestore, paths } from '../db';
import { DigestSettings } from '../digest/settings';
import { parseBody } from '../http/body';
import { requireRole } from '../membership';
import { MAX_SMALL_BODY_BYTES } from '../schemas';
import { who } from './context';

export async function putDigestRoute(req: Request, res: Response, params: Record<string, string>): Promise<void> {
  const sid = params.sponsorId!;
  const member = await who(req);
  requireRole(member, sid, ['admin'], 'setting the digest');
  const digest = parseBody(req, DigestSettings, MAX_SMALL_BODY_BYTES);
  // mergeFields replaces the whole `digest` map: a sheet link left out is removed, not kept from before.
  await firestore()
    .doc(paths.sponsor(sid))
    .set({ digest }, { mergeFields: ['digest'] });
  res.json({ sponsorId: sid, digest });
}
