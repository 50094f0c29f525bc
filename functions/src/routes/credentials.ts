// Routes listCredentials, getCredential (JSON, or the .jwt file), revokeCredential and keepCredential
// (usecases/credentials.ts).
import {
  type getCredential,
  JWT_TYPE,
  type keepCredential,
  type listCredentials,
  type revokeCredential,
} from '@qualcard/shared/api';
import { decodeJwt } from 'jose';
import type { Handler } from '../http/router';
import { credential, keep, listCredentials as list, revoke, summary } from '../usecases/credentials';
import { signedIn } from './context';

export const listCredentialsRoute: Handler<typeof listCredentials> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, roles };
  return { body: { apprenticeId: on.aid, credentials: await list(deps, member, on) } };
};

/**
 * `?format=jwt`: the compact JWT as a file to keep or hand on; `?format=json`: the credential with its Data Integrity
 * proof as a file; otherwise JSON with the credential (its Data Integrity form, else the JWT's payload) and the JWT.
 */
export const getCredentialRoute: Handler<typeof getCredential> = async ({ req, res, params, roles, query }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, cid: params.credentialId, roles };
  const c = await credential(deps, member, on);
  const format = query().format;
  const asFile = (ext: string, type: string, content: string) => {
    const file = `credential-${on.aid}-${c.frameworkId}-${c.levelId}.${ext}`.replace(/[^A-Za-z0-9._-]+/g, '-');
    res.set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${file}"` });
    res.status(200).send(content);
    return undefined;
  };
  if (format === 'jwt') return asFile('jwt', JWT_TYPE, c.jwt);
  if (format === 'json' && c.dataIntegrity) return asFile('json', 'application/json', c.dataIntegrity);
  const { iss: _i, jti: _j, sub: _s, nbf: _n, ...decoded } = decodeJwt(c.jwt);
  const signed = c.dataIntegrity ? (JSON.parse(c.dataIntegrity) as Record<string, unknown>) : decoded;
  return { body: { ...summary(c), credential: signed, jwt: c.jwt } };
};

export const revokeCredentialRoute: Handler<typeof revokeCredential> = async ({ req, params, roles, body }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, cid: params.credentialId, roles };
  return { body: await revoke(deps, member, on, body) };
};

export const keepCredentialRoute: Handler<typeof keepCredential> = async ({ req, params, roles, body }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, cid: params.credentialId, roles };
  return { body: await keep(deps, member, on, body) };
};
