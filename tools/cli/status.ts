// qualcard verify's revocation check. A credential names its bit in the issuer's BitstringStatusList: the list is read
// online from the credential's statusListCredential URL, or from a saved copy (--status <file|url>); its own proof is
// verified (the issuer's key, as for the credential), then the bit says revoked or not. The list carries no reason.
// Credentials issued before the status list name a 1EdTech revocation list (ids only), read the same way.

import { verifyDataIntegrity } from '../../shared/src/credentials/data-integrity';
import type { IssuerDocument } from '../../shared/src/credentials/issuer-document';
import { RevocationList, standingIn } from '../../shared/src/credentials/status';
import {
  isRevokedIn,
  PublishedStatusList,
  STATUS_ENTRY_TYPE,
  StatusEntrySchema,
} from '../../shared/src/credentials/status-list';
import { REVOCATION_LIST_TYPE } from '../../shared/src/credentials/vocabulary';
import { InputError, readText } from './input';

const isUrl = (v: string): boolean => /^https?:\/\//i.test(v);

/** A document the command could not fetch (offline, or the server did not answer): the check is not made. */
export class Unreachable extends InputError {}

/** A JSON document from a file, or fetched from a URL. */
export async function jsonDocument(option: string, value: string): Promise<unknown> {
  if (!isUrl(value)) {
    try {
      return JSON.parse(readText(value));
    } catch (e) {
      throw e instanceof InputError ? e : new InputError(`--${option} ${value}: not valid JSON`);
    }
  }
  const res = await fetch(value).catch((e: Error) => {
    throw new Unreachable(`${option} ${value}: ${e.message} (save it and give --${option} <file>)`);
  });
  if (!res.ok) throw new Unreachable(`${option} ${value}: HTTP ${res.status}`);
  return res.json().catch(() => {
    throw new InputError(`${option} ${value}: the answer is not JSON`);
  });
}

export interface StatusCredential {
  id: string;
  issuer: string | { id: string };
  credentialStatus?: unknown;
}

/** Checks a status list credential's own proof; throws when it does not verify. */
export type ListProofCheck = (list: Record<string, unknown>) => Promise<void>;

/** The list's proof against the issuer document (the keys tied to the credential's issuer), read when needed. */
export const listProofBy =
  (issuer: IssuerDocument | (() => Promise<IssuerDocument>)): ListProofCheck =>
  async (list) => {
    await verifyDataIntegrity(list, typeof issuer === 'function' ? await issuer() : issuer);
  };

/**
 * The status line for a credential; throws `REVOKED by the issuer …` (exit 1) when its bit, or its id, is listed, and
 * INVALID when the list is not the issuer's. A list (or the issuer's keys) that cannot be fetched leaves the status
 * "not checked", said so.
 */
export async function statusLine(
  credential: StatusCredential,
  saved: string | undefined,
  checkProof: ListProofCheck,
): Promise<string> {
  try {
    return await readStatus(credential, saved, checkProof);
  } catch (e) {
    if (e instanceof Unreachable) return `status:      NOT CHECKED: ${e.message}`;
    throw e;
  }
}

async function readStatus(
  credential: StatusCredential,
  saved: string | undefined,
  checkProof: ListProofCheck,
): Promise<string> {
  const status = credential.credentialStatus as { type?: unknown; id?: unknown } | undefined;
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  if (status?.type === REVOCATION_LIST_TYPE && typeof status.id === 'string') {
    const source = saved ?? status.id;
    const list = RevocationList.safeParse(await jsonDocument('status', source));
    if (!list.success) throw new InputError(`--status ${source}: not a 1EdTech revocation list`);
    if (standingIn(list.data, { id: credential.id, credentialStatus: { id: status.id } }).revoked)
      throw new InputError(`REVOKED by the issuer (listed in ${status.id})`);
    return `status:      not revoked (per ${source})`;
  }
  const entry = StatusEntrySchema.safeParse(status);
  if (!entry.success) return `status:      none (the credential names no ${STATUS_ENTRY_TYPE})`;
  const source = saved ?? entry.data.statusListCredential;
  const doc = await jsonDocument('status', source);
  const list = PublishedStatusList.safeParse(doc);
  if (!list.success) throw new InputError(`--status ${source}: not a BitstringStatusListCredential`);
  try {
    await checkProof(doc as Record<string, unknown>);
  } catch (e) {
    if (e instanceof Unreachable) throw e;
    throw new InputError(`INVALID status list ${source}: ${(e as Error).message}`);
  }
  let revoked: boolean;
  try {
    revoked = isRevokedIn(list.data, entry.data, issuer);
  } catch (e) {
    throw new InputError(`INVALID status list ${source}: ${(e as Error).message}`);
  }
  if (revoked)
    throw new InputError(
      `REVOKED by the issuer (bit ${entry.data.statusListIndex} of ${entry.data.statusListCredential})`,
    );
  return `status:      not revoked (bit ${entry.data.statusListIndex} of ${entry.data.statusListCredential}, per ${source})`;
}
