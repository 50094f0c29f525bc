// The routes' entry: the verified caller with their roles, and the use cases' dependencies. The one place the
// request path takes the database handle (db.ts) and the clock.
import type { Request } from 'firebase-functions/v2/https';
import { firestore } from '../db';
import type { Member } from '../domain/members';
import { authenticate } from '../http/auth';
import { readRoles } from '../store/members';
import type { Deps } from '../usecases/deps';

export const deps = (): Deps => ({ db: firestore(), now: () => new Date() });

/** The verified token, then membership (401 before any read when there is no valid token). */
export async function signedIn(req: Request): Promise<{ deps: Deps; member: Member }> {
  const caller = await authenticate(req);
  const d = deps();
  return { deps: d, member: { ...caller, sponsors: await readRoles(d.db, caller.email) } };
}
