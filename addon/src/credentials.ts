// Credentials from the sidebar: each completed level's signed Open Badges credential as files the apprentice keeps
// or hands on (the Data Integrity .json for wallets and outside verifiers, the same credential as a .jwt; anyone
// verifies either with `qualcard verify`, which resolves the keys from the issuer), with its status.
import { ID_PATTERN } from '@qualcard/shared';
import { adminEndpoint } from './admin-check';
import { send } from './api/client';
import { credentialRequest, credentialsRequest, keepRequest, revokeRequest } from './api/requests';
import { readSettings } from './settings';
import type { CredentialFile, RevokeInput } from './sidebar-api';

interface Listed {
  credentialId: string;
  name: string;
  levelId: string;
  issuedAt: string;
  status: 'active' | 'revoked';
  revoked?: { reason: string };
  flag?: { reason: string };
}

function statusOf(c: Listed): string {
  if (c.status === 'revoked') return `revoked: ${c.revoked?.reason ?? ''}`;
  return c.flag ? `under review: ${c.flag.reason}` : `issued ${c.issuedAt.slice(0, 10)}`;
}

export function credentialFiles(apprenticeId: string): CredentialFile[] {
  const settings = readSettings();
  if (!settings.endpoint || !settings.sponsorId)
    throw new Error('Credentials: set the Qualcard endpoint and sponsor id in set-up first');
  if (!ID_PATTERN.test(apprenticeId)) throw new Error(`Credentials: "${apprenticeId}" is not an apprentice id`);
  const endpoint = { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
  const { credentials } = send<{ credentials: Listed[] }>(credentialsRequest(endpoint, apprenticeId));
  return credentials.map((c) => {
    const answer = send<{ jwt: string; credential: Record<string, unknown> }>(
      credentialRequest(endpoint, apprenticeId, c.credentialId),
    );
    const file = (ext: string) => `credential-${apprenticeId}-${c.levelId}.${ext}`.replace(/[^A-Za-z0-9._-]+/g, '-');
    // The answer's credential is its Data Integrity form when it has a proof (else the JWT's payload).
    const json = answer.credential?.proof
      ? { fileName: file('json'), contentType: 'application/json', text: JSON.stringify(answer.credential, null, 2) }
      : undefined;
    return {
      credentialId: c.credentialId,
      name: c.name,
      status: statusOf(c),
      ...(json ? { json } : {}),
      jwt: { fileName: file('jwt'), contentType: 'application/jwt', text: answer.jwt },
    };
  });
}

/** The credential an admin acts on, with the reason, checked before anything is sent. */
function reasoned(action: string, input: unknown, why: string): RevokeInput {
  const i = (input ?? {}) as Partial<RevokeInput>;
  const reason = typeof i.reason === 'string' ? i.reason.trim() : '';
  if (!reason) throw new Error(`${action}: give the reason (${why})`);
  if (typeof i.apprenticeId !== 'string' || !ID_PATTERN.test(i.apprenticeId))
    throw new Error(`${action}: choose the apprentice`);
  if (typeof i.credentialId !== 'string' || !i.credentialId) throw new Error(`${action}: choose the credential`);
  return { apprenticeId: i.apprenticeId, credentialId: i.credentialId, reason };
}

/** An admin revokes a credential with the reason; answers the apprentice's credentials as they now stand. */
export function revokeCredential(input: unknown): CredentialFile[] {
  const action = 'Revoke';
  const i = reasoned(action, input, 'it is published with the revocation');
  send(revokeRequest(adminEndpoint(action), i.apprenticeId, i.credentialId, i.reason));
  return credentialFiles(i.apprenticeId);
}

/** An admin keeps a credential under review with the reason (audited); answers the credentials as they now stand. */
export function keepCredential(input: unknown): CredentialFile[] {
  const action = 'Keep';
  const i = reasoned(action, input, 'why the credential stands although its level is no longer complete');
  send(keepRequest(adminEndpoint(action), i.apprenticeId, i.credentialId, i.reason));
  return credentialFiles(i.apprenticeId);
}
