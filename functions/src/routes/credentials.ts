// An apprentice's credentials: list, one (JSON with its compact JWT, or the .jwt file), and an admin's revocation,
// audited like every change. The public issuer documents (profile, key set, revocation list) are in issuers.ts.
import {
  type CredentialSummary,
  type getCredential,
  JWT_TYPE,
  type listCredentials,
  type revokeCredential,
} from '@qualcard/shared/api';
import { decodeJwt } from 'jose';
import { type AuditHead, appendAudit, GENESIS } from '../audit';
import type { StoredCredential } from '../credentials/issue';
import { adminFirestore, firestore, paths } from '../db';
import { conflict, notFound } from '../http/errors';
import type { Handler } from '../http/router';
import { apprenticeAccess } from './access';
import { who } from './context';

/** What a list shows: everything but the token. */
const summary = ({ jwt: _jwt, ...rest }: StoredCredential): CredentialSummary => rest;

export const listCredentialsRoute: Handler<typeof listCredentials> = async ({ req, params, roles }) => {
  const { sponsorId: sid, apprenticeId: aid } = params;
  await apprenticeAccess(await who(req), sid, aid, roles, 'listing credentials');
  const snap = await firestore().collection(paths.credentials(sid)).where('apprenticeId', '==', aid).get();
  const credentials = snap.docs.map((d) => summary(d.data() as StoredCredential));
  credentials.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.levelId.localeCompare(b.levelId));
  return { body: { apprenticeId: aid, credentials } };
};

async function stored(sid: string, aid: string, cid: string): Promise<StoredCredential> {
  const snap = await firestore()
    .doc(`${paths.credentials(sid)}/${cid}`)
    .get();
  const c = snap.data() as StoredCredential | undefined;
  if (!c || c.apprenticeId !== aid) throw notFound(`no credential ${cid} for apprentice ${aid}`);
  return c;
}

/** `?format=jwt`: the compact JWT as a file to keep or hand on; otherwise JSON with the credential decoded. */
export const getCredentialRoute: Handler<typeof getCredential> = async ({ req, res, params, roles, query }) => {
  const { sponsorId: sid, apprenticeId: aid, credentialId: cid } = params;
  await apprenticeAccess(await who(req), sid, aid, roles, 'downloading a credential');
  const c = await stored(sid, aid, cid);
  if (query().format === 'jwt') {
    const file = `credential-${aid}-${c.frameworkId}-${c.levelId}.jwt`.replace(/[^A-Za-z0-9._-]+/g, '-');
    res.set({ 'Content-Type': JWT_TYPE, 'Content-Disposition': `attachment; filename="${file}"` });
    res.status(200).send(c.jwt);
    return undefined;
  }
  const { iss: _i, jti: _j, sub: _s, nbf: _n, ...credential } = decodeJwt(c.jwt);
  return { body: { ...summary(c), credential, jwt: c.jwt } };
};

/** Revokes, with the reason, and appends the audit record in the same transaction; a second revocation is a 409. */
export const revokeCredentialRoute: Handler<typeof revokeCredential> = async ({ req, params, roles, body }) => {
  const { sponsorId: sid, apprenticeId: aid, credentialId: cid } = params;
  const member = await who(req);
  await apprenticeAccess(member, sid, aid, roles, 'revoking a credential');
  const { reason } = body();
  const db = firestore();
  const ref = db.doc(`${paths.credentials(sid)}/${cid}`);
  const apprenticeRef = db.doc(paths.apprentice(sid, aid));
  const revoked = { at: new Date().toISOString(), by: member.email, reason };
  await db.runTransaction(async (tx) => {
    const [snap, apprentice] = await Promise.all([tx.get(ref), tx.get(apprenticeRef)]);
    const c = snap.data() as StoredCredential | undefined;
    if (!c || c.apprenticeId !== aid) throw notFound(`no credential ${cid} for apprentice ${aid}`);
    if (c.status === 'revoked') throw conflict(`credential ${cid} was revoked on ${c.revoked?.at}`);
    const head = appendAudit(tx, db, sid, aid, (apprentice.get('auditHead') as AuditHead | undefined) ?? GENESIS, [
      {
        at: revoked.at,
        who: member.email,
        entity: 'credential',
        key: cid,
        action: 'update',
        before: { status: c.status, levelId: c.levelId, id: c.id },
        after: { status: 'revoked', reason },
      },
    ]);
    tx.update(apprenticeRef, { auditHead: head });
    tx.update(ref, { status: 'revoked', revoked, flag: adminFirestore().FieldValue.delete() });
  });
  return { body: summary(await stored(sid, aid, cid)) };
};
