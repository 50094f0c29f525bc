// The public issuer documents a verifier reads, no sign-in: the sponsor's issuer document (its Open Badges profile
// and the controller document of every key it has signed with: shared/src/credentials/issuer-document.ts), its public
// key set (the VC-JWT key, also in the issuer document), its signed bitstring status lists and the 1EdTech revocation
// list of credentials issued before them. They reveal a sponsor's name, public keys, revocation bits and the ids of
// revoked earlier credentials: no reason, nothing about apprentices.
import { type IssuerDocument, issuerDocument, keyDocument, keyId } from '@qualcard/shared/credentials/issuer-document';
import { revocationList } from '@qualcard/shared/credentials/status';
import { STATUS_LIST_LENGTH, statusListCredential } from '@qualcard/shared/credentials/status-list';
import { issuerUrls } from '@qualcard/shared/credentials/vocabulary';
import type { JSONWebKeySet } from 'jose';
import { jwksFor, publicUrl } from '../credentials/key';
import { signDocument } from '../credentials/sign';
import { sponsorKeyPair } from '../credentials/sponsor-keys';
import { NotFound } from '../domain/errors';
import { revokedLegacyCredentials } from '../store/credentials';
import { issuerKeysOf, readSponsor } from '../store/sponsors';
import { allocated, keepSignedList, readStatusList } from '../store/status-lists';
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

/** Credentials issued before the status list name this list: ids of the revoked ones, no reason. */
export async function revocations(deps: Deps, sid: string): Promise<ReturnType<typeof revocationList>> {
  await sponsorName(deps, sid);
  const urls = issuerUrls(publicUrl(), sid);
  const revoked = await revokedLegacyCredentials(deps.db, sid);
  return revocationList(
    urls.revocations,
    urls.issuer,
    revoked.map((c) => c.id),
  );
}

/**
 * The sponsor's status list `listId`, signed. Signed once per version (each revocation bumps it) and kept: a verifier
 * reads the kept copy until the next revocation. Lists beyond those handed out are 404.
 */
export async function statusList(deps: Deps, sid: string, listId: string): Promise<object> {
  await sponsorName(deps, sid);
  const n = Number(listId);
  const lists = Math.max(1, Math.ceil((await allocated(deps.db, sid)) / STATUS_LIST_LENGTH));
  if (!/^[1-9]\d{0,5}$/.test(listId) || n > lists) throw new NotFound(`no status list ${listId} of issuer ${sid}`);
  const doc = await readStatusList(deps.db, sid, n);
  if (doc.signed && doc.signedVersion === doc.version) return JSON.parse(doc.signed) as object;
  const urls = issuerUrls(publicUrl(), sid);
  const unsigned = statusListCredential(urls.statusList(n), urls.issuer, doc.revoked, deps.now().toISOString());
  const signed = await signDocument(deps.db, sid, unsigned);
  await keepSignedList(deps.db, sid, n, doc.version, JSON.stringify(signed));
  return signed;
}
