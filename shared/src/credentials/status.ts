// Legacy revocation: credentials issued before the bitstring status list (status-list.ts) name a 1EdTech Revocation
// List in credentialStatus. The functions still publish it for them, with the ids of revoked credentials and no
// reason (a public list carries no free text); new credentials name a BitstringStatusListEntry.
import * as z from 'zod';
import type { OpenBadgeCredential } from './build';
import { CredentialError } from './jwt';
import { REVOCATION_LIST_TYPE } from './vocabulary';

export const RevocationList = z.object({
  id: z.string().min(1),
  type: z.literal(REVOCATION_LIST_TYPE).optional(),
  issuer: z.string().optional(),
  revokedCredentials: z.array(z.object({ id: z.string().min(1), revocationReason: z.string().optional() })),
});
export type RevocationList = z.infer<typeof RevocationList>;

export function revocationList(listId: string, issuerId: string, revokedIds: string[]): RevocationList {
  return {
    id: listId,
    type: REVOCATION_LIST_TYPE,
    issuer: issuerId,
    revokedCredentials: revokedIds.map((id) => ({ id })),
  };
}

export type Standing = { revoked: false } | { revoked: true };

/** Whether `list` revokes the credential; a list published for another credential status is refused. */
export function standingIn(
  list: RevocationList,
  credential: { id: string; credentialStatus: { id?: string } },
): Standing {
  if (list.id !== credential.credentialStatus.id)
    throw new CredentialError(
      `the status list is ${list.id}, but the credential's status is published at ${credential.credentialStatus.id}`,
    );
  const entry = list.revokedCredentials.find((r) => r.id === credential.id);
  return entry ? { revoked: true } : { revoked: false };
}

/** Who issued what to whom, for a person reading the verifier's answer. */
export function describeCredential(c: OpenBadgeCredential): string[] {
  const a = c.credentialSubject.achievement;
  const name = c.credentialSubject.identifier?.find((i) => i.identityType === 'name' && !i.hashed)?.identityHash;
  const email = c.credentialSubject.identifier?.some((i) => i.identityType === 'emailAddress');
  return [
    `issuer:      ${c.issuer.name} (${c.issuer.id})`,
    `achievement: ${a.name} [${a.achievementType}], version ${a.version}`,
    `recipient:   ${name ?? c.credentialSubject.id}${email ? ' (email held as a salted SHA-256 hash)' : ''}`,
    `issued:      ${c.validFrom}`,
    `criteria:    ${a.criteria.narrative}`,
    ...c.evidence.map((e) => `evidence:    ${e.name}: ${e.description}`),
    `competencies: ${a.alignment.length} aligned (${a.alignment.map((x) => x.targetCode).join(', ')})`,
    `id:          ${c.id}`,
  ];
}
