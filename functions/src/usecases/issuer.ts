// The public issuer documents a verifier reads, no sign-in: the sponsor's issuer profile, its public key set (the
// key credentials are signed with) and its 1EdTech revocation list. They reveal a sponsor's name, the public key and
// the ids of revoked credentials, nothing about apprentices.
import { revocationList } from '@qualcard/shared/credentials/status';
import { issuerUrls } from '@qualcard/shared/credentials/vocabulary';
import type { JSONWebKeySet } from 'jose';
import { jwksFor, publicUrl } from '../credentials/key';
import { NotFound } from '../domain/errors';
import { revokedCredentials } from '../store/credentials';
import { readSponsor } from '../store/sponsors';
import type { Deps } from './deps';

async function sponsorName({ db }: Deps, sid: string): Promise<string> {
  const sponsor = await readSponsor(db, sid);
  if (!sponsor.exists) throw new NotFound(`no issuer ${sid}`);
  return sponsor.name ?? sid;
}

export async function issuerProfile(deps: Deps, sid: string) {
  const name = await sponsorName(deps, sid);
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: issuerUrls(publicUrl(), sid).issuer,
    type: ['Profile'],
    name,
  };
}

export async function issuerJwks(deps: Deps, sid: string): Promise<JSONWebKeySet> {
  await sponsorName(deps, sid);
  return jwksFor(sid);
}

export async function revocations(deps: Deps, sid: string): Promise<ReturnType<typeof revocationList>> {
  await sponsorName(deps, sid);
  const urls = issuerUrls(publicUrl(), sid);
  const revoked = await revokedCredentials(deps.db, sid);
  return revocationList(
    urls.revocations,
    urls.issuer,
    revoked.map((c) => ({ id: c.id, reason: c.revoked!.reason })),
  );
}
