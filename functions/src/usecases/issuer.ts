// The public issuer documents a verifier reads, no sign-in: the sponsor's issuer document (its Open Badges profile
// and the controller document of every key it has signed with: shared/src/credentials/issuer-document.ts), its public
// key set (the VC-JWT key, also in the issuer document) and its 1EdTech revocation list. They reveal a sponsor's name,
// public keys and the ids of revoked credentials, nothing about apprentices.
import { type IssuerDocument, issuerDocument, keyDocument, keyId } from '@qualcard/shared/credentials/issuer-document';
import { revocationList } from '@qualcard/shared/credentials/status';
import { issuerUrls } from '@qualcard/shared/credentials/vocabulary';
import type { JSONWebKeySet } from 'jose';
import { jwksFor, publicUrl } from '../credentials/key';
import { sponsorKeyPair } from '../credentials/sponsor-keys';
import { NotFound } from '../domain/errors';
import { revokedCredentials } from '../store/credentials';
import { issuerKeysOf, readSponsor } from '../store/sponsors';
import type { Deps } from './deps';

async function sponsorName({ db }: Deps, sid: string): Promise<string> {
  const sponsor = await readSponsor(db, sid);
  if (!sponsor.exists) throw new NotFound(`no issuer ${sid}`);
  return sponsor.name ?? sid;
}

/** Every key version the sponsor has had stays listed: what an earlier key signed still verifies. */
export async function issuerProfile({ db }: Deps, sid: string): Promise<IssuerDocument> {
  const sponsor = await readSponsor(db, sid);
  if (!sponsor.exists) throw new NotFound(`no issuer ${sid}`);
  const multikeys = await Promise.all(
    issuerKeysOf(sponsor).map(async ({ version }) => ({
      version,
      publicKeyMultibase: (await sponsorKeyPair(sid, version)).publicKeyMultibase,
    })),
  );
  const [jwk] = (await jwksFor(sid)).keys;
  const { kid, ...publicJwk } = jwk!;
  return issuerDocument(
    { id: issuerUrls(publicUrl(), sid).issuer, name: sponsor.name ?? sid },
    { multikeys, jwt: { kid: kid!, publicJwk } },
  );
}

/** One key version, alone (what a verifier fetches at the proof's verificationMethod); NotFound if never used. */
export async function issuerKey({ db }: Deps, sid: string, version: string) {
  const sponsor = await readSponsor(db, sid);
  if (!sponsor.exists) throw new NotFound(`no issuer ${sid}`);
  const v = Number(version);
  if (!issuerKeysOf(sponsor).some((k) => k.version === v)) throw new NotFound(`issuer ${sid} has no key ${version}`);
  const issuer = issuerUrls(publicUrl(), sid).issuer;
  const { publicKeyMultibase } = await sponsorKeyPair(sid, v);
  return keyDocument({ id: keyId(issuer, v), type: 'Multikey', controller: issuer, publicKeyMultibase }) as {
    '@context': string;
    id: string;
    type: 'Multikey';
    controller: string;
    publicKeyMultibase: string;
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
