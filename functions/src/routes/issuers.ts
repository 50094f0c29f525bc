// Routes issuerProfile, issuerKey, issuerJwks, statusList and revocations: public, no sign-in (usecases/issuer.ts).
import type { issuerJwks, issuerKey, issuerProfile, revocations, statusList } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import * as issuer from '../usecases/issuer';
import { deps } from './context';

/** Public documents change rarely and verifiers may cache them briefly. */
const cached = { 'Cache-Control': 'public, max-age=300' };

export const issuerProfileRoute: Handler<typeof issuerProfile> = async ({ params }) => ({
  headers: cached,
  body: await issuer.issuerProfile(deps(), params.sponsorId),
});

/** A key never changes once used: verifiers may keep it. */
export const issuerKeyRoute: Handler<typeof issuerKey> = async ({ params }) => ({
  headers: { 'Cache-Control': 'public, max-age=86400' },
  body: await issuer.issuerKey(deps(), params.sponsorId, params.version),
});

export const issuerJwksRoute: Handler<typeof issuerJwks> = async ({ params }) => ({
  headers: cached,
  body: await issuer.issuerJwks(deps(), params.sponsorId),
});

export const revocationListRoute: Handler<typeof revocations> = async ({ params }) => ({
  headers: { 'Cache-Control': 'no-cache' },
  body: await issuer.revocations(deps(), params.sponsorId),
});

/** A verifier must see a revocation promptly: revalidated every time (the stored copy makes that cheap). */
export const statusListRoute: Handler<typeof statusList> = async ({ params }) => ({
  headers: { 'Cache-Control': 'no-cache' },
  body: (await issuer.statusList(deps(), params.sponsorId, params.listId)) as never,
});
