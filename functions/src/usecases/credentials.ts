// An apprentice's credentials: list, one (with its compact JWT), and an admin's revocation or keeping of a credential
// flagged for review, audited like every change. The public issuer documents are usecases/issuer.ts.
import type { CredentialSummary, KeepCredentialRequest, RevokeRequest } from '@qualcard/shared/api';
import { Conflict, NotFound } from '../domain/errors';
import type { Member } from '../domain/members';
import {
  credentialsOf,
  keepCredential,
  readCredential,
  revokeCredential,
  type StoredCredential,
} from '../store/credentials';
import { apprenticeAccess, type On } from './access';
import type { Deps, Input } from './deps';

/** What a list shows: everything but the signed forms. */
export const summary = ({ jwt: _jwt, dataIntegrity: _di, ...rest }: StoredCredential): CredentialSummary => rest;

export async function listCredentials({ db }: Deps, member: Member, on: On): Promise<CredentialSummary[]> {
  await apprenticeAccess(db, member, on, 'listing credentials');
  const credentials = (await credentialsOf(db, on.sid, on.aid)).map(summary);
  return credentials.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.levelId.localeCompare(b.levelId));
}

const mustBe = (c: StoredCredential | undefined, { aid, cid }: { aid: string; cid: string }): StoredCredential => {
  if (!c || c.apprenticeId !== aid) throw new NotFound(`no credential ${cid} for apprentice ${aid}`);
  return c;
};

export async function credential({ db }: Deps, member: Member, on: On & { cid: string }): Promise<StoredCredential> {
  await apprenticeAccess(db, member, on, 'downloading a credential');
  return mustBe(await readCredential(db, on.sid, on.cid), on);
}

/** Revokes, with the reason, and appends the audit record in the same transaction; a second revocation conflicts. */
export async function revoke(
  { db, now }: Deps,
  member: Member,
  on: On & { cid: string },
  read: Input<RevokeRequest>,
): Promise<CredentialSummary> {
  await apprenticeAccess(db, member, on, 'revoking a credential');
  const { reason } = read();
  const revoked = { at: now().toISOString(), by: member.email, reason };
  await revokeCredential(db, on, revoked, (stored) => {
    const c = mustBe(stored, on);
    if (c.status === 'revoked') throw new Conflict(`credential ${on.cid} was revoked on ${c.revoked?.at}`);
    return c;
  });
  return summary(mustBe(await readCredential(db, on.sid, on.cid), on));
}

/**
 * Keeps a credential flagged for review (its level no longer complete on confirmed entries): clears the flag, with
 * the reason, audited in the same transaction. Only a flagged, active credential can be kept (409 otherwise). A
 * later change that completes and then un-completes the level flags it again.
 */
export async function keep(
  { db, now }: Deps,
  member: Member,
  on: On & { cid: string },
  read: Input<KeepCredentialRequest>,
): Promise<CredentialSummary> {
  await apprenticeAccess(db, member, on, 'keeping a credential under review');
  const { reason } = read();
  const kept = { at: now().toISOString(), by: member.email, reason };
  await keepCredential(db, on, kept, (stored) => {
    const c = mustBe(stored, on);
    if (c.status === 'revoked') throw new Conflict(`credential ${on.cid} was revoked on ${c.revoked?.at}`);
    if (!c.flag) throw new Conflict(`credential ${on.cid} is not under review: there is no flag to clear`);
    return c;
  });
  return summary(mustBe(await readCredential(db, on.sid, on.cid), on));
}
