// Signing a credential with its sponsor's current Ed25519 key (sponsor-keys.ts): an eddsa-rdfc-2022 Data Integrity
// proof (shared/src/credentials/data-integrity.ts, the libraries do the work). The caller sets @context, type,
// issuer and validFrom; the proof's verificationMethod is `<issuer>/keys/<version>`, published in the issuer document.
import { addProof } from '@qualcard/shared/credentials/data-integrity';
import type { Firestore } from 'firebase-admin/firestore';
import { issuerKeysOf, readSponsor } from '../store/sponsors';
import { sponsorKeyPair } from './sponsor-keys';

/** The version the sponsor signs with now: the last one (rotation adds a version). */
export async function currentKeyVersion(db: Firestore, sid: string): Promise<number> {
  const versions = issuerKeysOf(await readSponsor(db, sid));
  return versions[versions.length - 1]!.version;
}

/**
 * `unsigned` with a `proof` by the sponsor's current key. `db`: where the sponsor's key versions are read (the
 * functions' layering: only entry points take the handle).
 */
export async function signWithDataIntegrity(
  sponsorId: string,
  unsigned: Record<string, unknown>,
  db: Firestore,
): Promise<Record<string, unknown>> {
  const key = await sponsorKeyPair(sponsorId, await currentKeyVersion(db, sponsorId));
  return addProof(unsigned, key);
}
