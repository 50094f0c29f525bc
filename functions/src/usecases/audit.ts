// Verifying an apprentice's audit chain (audit.ts) against the head their document keeps.
import { type ChainCheck, verifyChain } from '../audit';
import type { Member } from '../domain/members';
import { readAuditChain } from '../store/audit';
import { apprenticeAccess, type On } from './access';
import type { Deps } from './deps';

export async function verifyApprenticeAudit(db: Deps['db'], sid: string, aid: string): Promise<ChainCheck> {
  const { records, head } = await readAuditChain(db, sid, aid);
  return verifyChain(records, head);
}

export async function verifyAudit({ db }: Deps, member: Member, on: On): Promise<ChainCheck> {
  await apprenticeAccess(db, member, on, 'verifying the audit log');
  return verifyApprenticeAudit(db, on.sid, on.aid);
}
