// Revocation as a W3C Bitstring Status List (VC 2.0): each credential names one bit of its sponsor's list
// (credentialStatus, a BitstringStatusListEntry); the sponsor publishes the list as a signed
// BitstringStatusListCredential whose bits say revoked (1) or not (0). Nothing else is published: the reason for a
// revocation stays in Firestore and the apprentice's audit chain. Node only (gzip): the functions and the CLI use it.
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { VC_CONTEXT } from './vocabulary';

/** Bits per list: the specification's minimum (16 KiB) so one credential hides among many ("herd privacy"). */
export const STATUS_LIST_LENGTH = 131_072;
export const STATUS_PURPOSE = 'revocation';
export const STATUS_ENTRY_TYPE = 'BitstringStatusListEntry';
export const STATUS_LIST_CREDENTIAL_TYPE = 'BitstringStatusListCredential';

export interface StatusEntry {
  id: string;
  type: typeof STATUS_ENTRY_TYPE;
  statusPurpose: typeof STATUS_PURPOSE;
  /** The bit's position, a decimal string as the specification writes it. */
  statusListIndex: string;
  statusListCredential: string;
}

/** Where a credential's bit is: the list's number (1, 2, … per sponsor) and the bit within it. */
export interface StatusSlot {
  list: number;
  index: number;
}

/**
 * The slot of the sponsor's `n`-th credential (n = 0, 1, …), as the allocation counter hands out n. Bits are not
 * handed out in issue order (the specification asks that indexes not reveal it): within a list, n goes through a
 * bijection of [0, length) (an odd multiplier and an offset, from the sponsor's id), so two credentials never share
 * a bit and a bit is never reused. Not a secret: it only keeps "credential 17 of the year" out of plain sight.
 */
export function slotOf(sponsorId: string, n: number): StatusSlot {
  if (!Number.isInteger(n) || n < 0) throw new Error(`status slot ${n}: not a non-negative integer`);
  let h = 2166136261;
  for (const ch of sponsorId) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  // `| 1` yields a signed 32-bit number: `>>> 0` keeps it unsigned, so the index is never negative.
  const multiplier = ((h | 1) >>> 0) % STATUS_LIST_LENGTH; // odd, so a bijection modulo a power of two
  const offset = (h >>> 7) % STATUS_LIST_LENGTH;
  const within = n % STATUS_LIST_LENGTH;
  return {
    list: Math.floor(n / STATUS_LIST_LENGTH) + 1,
    index: Number((BigInt(multiplier) * BigInt(within) + BigInt(offset)) % BigInt(STATUS_LIST_LENGTH)),
  };
}

export function statusEntry(listUrl: string, index: number): StatusEntry {
  return {
    id: `${listUrl}#${index}`,
    type: STATUS_ENTRY_TYPE,
    statusPurpose: STATUS_PURPOSE,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

/** The bits, bit 0 the most significant bit of byte 0, gzip-compressed, base64url with the multibase prefix "u". */
export function encodeList(revoked: Iterable<number>, length = STATUS_LIST_LENGTH): string {
  const bytes = new Uint8Array(length / 8);
  for (const i of revoked) {
    if (!Number.isInteger(i) || i < 0 || i >= length) throw new Error(`status index ${i} is outside the list`);
    bytes[i >> 3]! |= 0x80 >> (i & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** Reads an encoded list back: whether bit `i` is set. Throws on a list that is not one. */
export function decodeList(encoded: string): { length: number; isSet: (i: number) => boolean } {
  if (!encoded.startsWith('u')) throw new Error('the encoded list does not start with the multibase prefix "u"');
  const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  return {
    length: bytes.length * 8,
    isSet: (i) => i >= 0 && i < bytes.length * 8 && ((bytes[i >> 3]! >> (7 - (i & 7))) & 1) === 1,
  };
}

export interface StatusListCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: string;
  validFrom: string;
  credentialSubject: { id: string; type: 'BitstringStatusList'; statusPurpose: string; encodedList: string };
}

/** The unsigned list credential: the issuer's id and the bits, nothing about who or why. */
export function statusListCredential(
  listUrl: string,
  issuerId: string,
  revoked: Iterable<number>,
  validFrom: string,
): StatusListCredential {
  return {
    '@context': [VC_CONTEXT],
    id: listUrl,
    type: ['VerifiableCredential', STATUS_LIST_CREDENTIAL_TYPE],
    issuer: issuerId,
    validFrom,
    credentialSubject: {
      id: `${listUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose: STATUS_PURPOSE,
      encodedList: encodeList(revoked),
    },
  };
}

/** What a verifier reads from a published list (the proof is checked separately). */
export const PublishedStatusList = z.looseObject({
  id: z.string(),
  type: z.array(z.string()).refine((t) => t.includes(STATUS_LIST_CREDENTIAL_TYPE), {
    message: `must include ${STATUS_LIST_CREDENTIAL_TYPE}`,
  }),
  issuer: z.union([z.string(), z.looseObject({ id: z.string() })]),
  credentialSubject: z.looseObject({
    type: z.literal('BitstringStatusList'),
    statusPurpose: z.string(),
    encodedList: z.string(),
  }),
});
export type PublishedStatusList = z.infer<typeof PublishedStatusList>;

export const StatusEntrySchema = z.looseObject({
  type: z.literal(STATUS_ENTRY_TYPE),
  statusPurpose: z.string(),
  statusListIndex: z.string().regex(/^\d+$/),
  statusListCredential: z.string(),
});

/**
 * Whether `list` marks the credential whose status is `entry` as revoked. Refuses a list that is not the one the
 * entry names, is for another purpose, or comes from another issuer than the credential's.
 */
export function isRevokedIn(
  list: PublishedStatusList,
  entry: Pick<StatusEntry, 'statusListIndex' | 'statusListCredential'> & { statusPurpose: string },
  issuer: string,
): boolean {
  if (list.id !== entry.statusListCredential)
    throw new Error(`the status list is ${list.id}, but the credential names ${entry.statusListCredential}`);
  if (list.credentialSubject.statusPurpose !== entry.statusPurpose)
    throw new Error(`the status list is for ${list.credentialSubject.statusPurpose}, not ${entry.statusPurpose}`);
  const listIssuer = typeof list.issuer === 'string' ? list.issuer : list.issuer.id;
  if (listIssuer !== issuer) throw new Error(`the status list is issued by ${listIssuer}, not by ${issuer}`);
  const bits = decodeList(list.credentialSubject.encodedList);
  const index = Number(entry.statusListIndex);
  if (index >= bits.length) throw new Error(`index ${index} is outside the status list (${bits.length} bits)`);
  return bits.isSet(index);
}
