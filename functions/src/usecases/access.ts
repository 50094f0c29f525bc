// Apprentice-level access, shared by the use cases on one apprentice.
import type { Apprentice } from '@qualcard/shared';
import type { Firestore } from 'firebase-admin/firestore';
import { Forbidden, NotFound } from '../domain/errors';
import { canSeeApprentice, type Member, type Role, requireRole, type SponsorMembership } from '../domain/members';
import { readApprentice } from '../store/apprentice';

export interface ApprenticeAccess {
  membership: SponsorMembership;
  apprentice: Apprentice;
}

/** Sponsor, apprentice and the roles a use case admits. */
export interface On {
  sid: string;
  aid: string;
  roles: Role[];
}

/**
 * Forbidden unless the caller holds one of `roles` in the sponsor and may see this apprentice. A missing apprentice
 * is NotFound only for admins and consultants (who may see every apprentice of the sponsor); coaches and apprentices
 * get the same Forbidden for an id that does not exist as for one that is not theirs, so they cannot probe ids.
 */
export async function apprenticeAccess(
  db: Firestore,
  member: Member,
  { sid, aid, roles }: On,
  action: string,
): Promise<ApprenticeAccess> {
  const membership = requireRole(member, sid, roles, action);
  const apprentice = await readApprentice(db, sid, aid);
  const staff = membership.role === 'admin' || membership.role === 'consultant';
  // An apprentice's own id is no secret to them: they learn that it has not been synced yet.
  const ownId = membership.role === 'apprentice' && membership.apprenticeId === aid;
  if (!apprentice && (staff || ownId)) throw new NotFound(`no apprentice ${aid} in sponsor ${sid}`);
  if (!apprentice || !canSeeApprentice(membership, member.email, apprentice)) {
    throw new Forbidden(
      membership.role === 'coach'
        ? `${member.email} is not a coach of apprentice ${aid}`
        : `${member.email} may see only their own record`,
    );
  }
  return { membership, apprentice };
}
