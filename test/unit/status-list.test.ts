// Revocation as a Bitstring Status List (shared/src/credentials/status-list.ts): slots never shared, the encoding the
// specification defines (read back by Digital Bazaar's library), a signed list checked by @digitalbazaar/vc with the
// library's checkStatus (a verifier Qualcard did not write), and `qualcard verify`'s reading of it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus, decodeList as libraryDecode } from '@digitalbazaar/vc-bitstring-status-list';
import { documentLoader, withKeys } from '../../shared/src/credentials/contexts';
import { addProof } from '../../shared/src/credentials/data-integrity';
import { issuerDocument, keyId } from '../../shared/src/credentials/issuer-document';
import {
  decodeList,
  encodeList,
  isRevokedIn,
  PublishedStatusList,
  STATUS_LIST_LENGTH,
  slotOf,
  statusEntry,
  statusListCredential,
} from '../../shared/src/credentials/status-list';
import { issuerUrls, VC_CONTEXT } from '../../shared/src/credentials/vocabulary';
import { listProofBy, statusLine } from '../../tools/cli/status';

const BASE = 'https://functions.example/api';
const urls = issuerUrls(BASE, 'acme');
const LIST = urls.statusList(1);

describe('slots', () => {
  test('every bit of a list goes to exactly one credential, not in issue order; the next list follows', () => {
    const seen = new Set<number>();
    const lists = new Set<number>();
    for (let n = 0; n < STATUS_LIST_LENGTH; n++) {
      const { list, index } = slotOf('acme', n);
      lists.add(list);
      seen.add(index);
    }
    expect([...lists]).toEqual([1]);
    expect(seen.size).toBe(STATUS_LIST_LENGTH);
    expect([...seen].every((i) => Number.isInteger(i) && i >= 0 && i < STATUS_LIST_LENGTH)).toBe(true);
    const first = [0, 1, 2, 3].map((n) => slotOf('acme', n).index);
    expect(first).not.toEqual([0, 1, 2, 3]);
    expect(first[1]! - first[0]!).not.toBe(1);
    expect(slotOf('acme', STATUS_LIST_LENGTH)).toEqual({ list: 2, index: slotOf('acme', 0).index });
    expect(() => slotOf('acme', -1)).toThrow(/not a non-negative integer/);
  });

  // The demo's sponsor hashes above 2^31: a signed multiplier once gave negative indexes (the stored credential
  // then failed its schema and every transcript export of the sponsor answered 500).
  test('any sponsor id gets indexes inside the list', () => {
    for (const sid of ['northwind', 'acme', 'a', 'sponsor-with-a-long-id-0123456789', 'Zz9'])
      for (const n of [0, 1, 2, 1000, STATUS_LIST_LENGTH - 1]) {
        const { index } = slotOf(sid, n);
        expect({ sid, n, inside: Number.isInteger(index) && index >= 0 && index < STATUS_LIST_LENGTH }).toEqual({
          sid,
          n,
          inside: true,
        });
      }
  });
});

describe('encoding', () => {
  test('the bits as the specification writes them: Digital Bazaar’s library reads the same bits back', async () => {
    const revoked = [0, 7, 8, 4242, STATUS_LIST_LENGTH - 1];
    const encoded = encodeList(revoked);
    expect(encoded.startsWith('u')).toBe(true);
    const ours = decodeList(encoded);
    const theirs = await libraryDecode({ encodedList: encoded });
    expect(ours.length).toBe(STATUS_LIST_LENGTH);
    expect(theirs.length).toBe(STATUS_LIST_LENGTH);
    for (const i of [0, 1, 6, 7, 8, 9, 4241, 4242, 4243, STATUS_LIST_LENGTH - 2, STATUS_LIST_LENGTH - 1]) {
      expect(ours.isSet(i)).toBe(revoked.includes(i));
      expect(theirs.getStatus(i)).toBe(revoked.includes(i));
    }
    expect(() => encodeList([STATUS_LIST_LENGTH])).toThrow(/outside the list/);
  });

  test('an empty list of 131,072 bits is a few dozen bytes', () => {
    expect(encodeList([]).length).toBeLessThan(250);
  });
});

describe('reading a list', () => {
  const entry = statusEntry(LIST, 4242);
  const list = (revoked: number[], issuer = urls.issuer, id = LIST) =>
    PublishedStatusList.parse(statusListCredential(id, issuer, revoked, '2026-12-07T15:00:00Z'));

  test('the entry and the list name each other; nothing but bits is published', () => {
    expect(entry).toEqual({
      id: `${LIST}#4242`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '4242',
      statusListCredential: LIST,
    });
    const published = statusListCredential(LIST, urls.issuer, [4242], '2026-12-07T15:00:00Z');
    expect(Object.keys(published).sort()).toEqual([
      '@context',
      'credentialSubject',
      'id',
      'issuer',
      'type',
      'validFrom',
    ]);
    expect(Object.keys(published.credentialSubject).sort()).toEqual(['encodedList', 'id', 'statusPurpose', 'type']);
    expect(published['@context']).toEqual([VC_CONTEXT]);
  });

  test('its bit says revoked or not', () => {
    expect(isRevokedIn(list([4242]), entry, urls.issuer)).toBe(true);
    expect(isRevokedIn(list([4241, 4243]), entry, urls.issuer)).toBe(false);
  });

  test('another list, another issuer’s list or another purpose is refused', () => {
    expect(() => isRevokedIn(list([], urls.issuer, urls.statusList(2)), entry, urls.issuer)).toThrow(/names/);
    const globex = issuerUrls(BASE, 'globex').issuer;
    expect(() => isRevokedIn(list([4242], globex), entry, urls.issuer)).toThrow(/issued by/);
    const suspension = {
      ...list([]),
      credentialSubject: { ...list([]).credentialSubject, statusPurpose: 'suspension' },
    };
    expect(() => isRevokedIn(suspension, entry, urls.issuer)).toThrow(/for suspension/);
  });
});

/** A credential and its list, signed by the sponsor's key; the issuer document that ties the key to the issuer. */
async function signedPair(revoked: number[], index = 4242) {
  const key = await Ed25519Multikey.generate({
    id: keyId(urls.issuer, 1),
    controller: urls.issuer,
    seed: new Uint8Array(32).fill(7),
  });
  const issuer = issuerDocument(
    { id: urls.issuer, name: 'Acme IT' },
    { multikeys: [{ version: 1, publicKeyMultibase: key.publicKeyMultibase }] },
  );
  const credential = await addProof(
    {
      '@context': [VC_CONTEXT],
      id: 'urn:uuid:4f0e3a52-8c1e-4f43-9d8e-5b7c9e2a1d10',
      type: ['VerifiableCredential'],
      issuer: urls.issuer,
      validFrom: '2026-12-07T15:00:00Z',
      credentialSubject: { id: 'urn:uuid:00000000-0000-4000-8000-000000000001' },
      credentialStatus: statusEntry(LIST, index),
    },
    key,
  );
  const list = await addProof(
    statusListCredential(LIST, urls.issuer, revoked, '2026-12-07T15:00:00Z') as unknown as Record<string, unknown>,
    key,
  );
  return { credential, list, issuer };
}

describe('an outside verifier: @digitalbazaar/vc with vc-bitstring-status-list checkStatus', () => {
  type Result = {
    verified: boolean;
    statusResult?: { verified: boolean; results?: { status: boolean }[]; error?: Error };
  };
  async function verifyWithLibrary(revoked: number[], forge = false): Promise<Result> {
    const { credential, list, issuer } = await signedPair(revoked);
    if (forge) (list.credentialSubject as { encodedList: string }).encodedList = encodeList([4242]);
    const base = withKeys(documentLoader, [issuer]);
    const loader = async (url: string) =>
      url === LIST ? { contextUrl: null, documentUrl: url, document: structuredClone(list) } : base(url);
    const suite = new DataIntegrityProof({ cryptosuite });
    return vc.verifyCredential({
      credential,
      suite,
      documentLoader: loader,
      checkStatus: (o: object) => checkStatus({ ...o, suite, documentLoader: loader, verifyMatchingIssuers: true }),
    } as never) as Promise<Result>;
  }

  // The library verifies the list's own proof and reads the bit; a set bit is its answer `status: true` (it is the
  // caller that calls that revoked, as verifier-core does), a list that does not verify fails verification.
  test('not revoked: bit 0; revoked: bit 1, from a list whose proof verified; a forged list: refused', async () => {
    const clean = await verifyWithLibrary([1, 2, 3]);
    expect(clean.verified).toBe(true);
    expect(clean.statusResult?.results?.[0]?.status).toBe(false);
    const revoked = await verifyWithLibrary([4242]);
    expect(revoked.statusResult?.verified).toBe(true);
    expect(revoked.statusResult?.results?.[0]?.status).toBe(true);
    const forged = await verifyWithLibrary([], true);
    expect(forged.verified).toBe(false);
    expect(String(forged.statusResult?.error?.message)).toMatch(/"BitstringStatusListCredential" not verified/);
  });
});

describe('qualcard verify: the status line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qualcard-status-'));
  const file = (name: string, content: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(content));
    return join(dir, name);
  };

  test('a saved copy of the signed list: not revoked, then REVOKED (no reason: the list has none)', async () => {
    const clean = await signedPair([1]);
    const line = await statusLine(clean.credential as never, file('clean.json', clean.list), listProofBy(clean.issuer));
    expect(line).toContain(`not revoked (bit 4242 of ${LIST}`);
    const revoked = await signedPair([4242]);
    await expect(
      statusLine(revoked.credential as never, file('revoked.json', revoked.list), listProofBy(revoked.issuer)),
    ).rejects.toThrow(`REVOKED by the issuer (bit 4242 of ${LIST})`);
  });

  test('a list whose bits were changed after signing is INVALID, not read', async () => {
    const { credential, list, issuer } = await signedPair([]);
    const forged = structuredClone(list) as { credentialSubject: { encodedList: string } };
    forged.credentialSubject.encodedList = encodeList([4242]);
    await expect(statusLine(credential as never, file('forged.json', forged), listProofBy(issuer))).rejects.toThrow(
      /^INVALID status list/,
    );
  });
});
