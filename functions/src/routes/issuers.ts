// The public issuer documents a verifier reads, no sign-in: the sponsor's issuer profile, its public key set (the
// key credentials are signed with) and its 1EdTech revocation list. They reveal a sponsor's name, the public key and
// the ids of revoked credentials, nothing about apprentices.

import type { issuerJwks, issuerProfile, revocations } from '@qualcard/shared/api';
import { revocationList } from '@qualcard/shared/credentials/status';
import { issuerUrls } from '@qualcard/shared/credentials/vocabulary';
import type { StoredCredential } from '../credentials/issue';
import { jwksFor, publicUrl } from '../credentials/key';
import { firestore, paths } from '../db';
import { notFound } from '../http/errors';
import type { Handler } from '../http/router';

async function sponsorName(sid: string): Promise<string> {
  const snap = await firestore().doc(paths.sponsor(sid)).get();
  if (!snap.exists) throw notFound(`no issuer ${sid}`);
  return (snap.get('name') as string | undefined) ?? sid;
}

/** Public documents change rarely and verifiers may cache them briefly. */
const cached = { 'Cache-Control': 'public, max-age=300' };

export const issuerProfileRoute: Handler<typeof issuerProfile> = async ({ params }) => {
  const sid = params.sponsorId;
  const name = await sponsorName(sid);
  const urls = issuerUrls(publicUrl(), sid);
  const body = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: urls.issuer,
    type: ['Profile'],
    name,
  };
  return { headers: cached, body };
};

export const issuerJwksRoute: Handler<typeof issuerJwks> = async ({ params }) => {
  await sponsorName(params.sponsorId);
  return { headers: cached, body: await jwksFor(params.sponsorId) };
};

export const revocationListRoute: Handler<typeof revocations> = async ({ params }) => {
  const sid = params.sponsorId;
  await sponsorName(sid);
  const urls = issuerUrls(publicUrl(), sid);
  const snap = await firestore().collection(paths.credentials(sid)).where('status', '==', 'revoked').get();
  const revoked = snap.docs.map((d) => d.data() as StoredCredential);
  const list = revocationList(
    urls.revocations,
    urls.issuer,
    revoked.map((c) => ({ id: c.id, reason: c.revoked!.reason })),
  );
  return { headers: { 'Cache-Control': 'no-cache' }, body: list };
};
