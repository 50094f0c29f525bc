// Per-request identity: verified token, then membership.
import type { Request } from 'firebase-functions/v2/https';
import { authenticate } from '../auth';
import { loadMember, type Member } from '../membership';

export async function who(req: Request): Promise<Member> {
  return loadMember(await authenticate(req));
}
