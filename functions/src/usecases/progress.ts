// Reading stored progress and gaps: one apprentice, or every apprentice of a sponsor the caller may see.
import type { StoredProgress } from '@qualcard/shared/api';
import { NotFound } from '../domain/errors';
import { canSeeApprentice, type Member, type Role, requireRole } from '../domain/members';
import { listProgress, readProgress } from '../store/progress';
import { apprenticeAccess, type On } from './access';
import type { Deps } from './deps';

export async function apprenticeProgress({ db }: Deps, member: Member, on: On): Promise<StoredProgress> {
  await apprenticeAccess(db, member, on, 'reading progress');
  const stored = await readProgress(db, on.sid, on.aid);
  if (!stored) throw new NotFound(`no progress stored for apprentice ${on.aid} yet: sync first`);
  return stored;
}

export async function sponsorProgress(
  { db }: Deps,
  member: Member,
  { sid, roles }: { sid: string; roles: Role[] },
): Promise<StoredProgress[]> {
  const membership = requireRole(member, sid, roles, 'reading progress');
  let docs: StoredProgress[];
  if (membership.role === 'apprentice') {
    const own = membership.apprenticeId ? await readProgress(db, sid, membership.apprenticeId) : undefined;
    docs = own ? [own] : [];
  } else docs = await listProgress(db, sid, membership.role === 'coach' ? member.email : undefined);
  const visible = docs.filter((d) =>
    canSeeApprentice(membership, member.email, { id: d.apprenticeId, coachEmails: d.coachEmails }),
  );
  return visible.sort((a, b) => a.apprenticeId.localeCompare(b.apprenticeId));
}
