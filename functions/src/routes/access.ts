// Apprentice-level access checks shared by the routes.
import type { Apprentice } from '@qualcard/shared';
import { firestore, paths } from '../db';
import { forbidden, notFound } from '../http/errors';
import { canSeeApprentice, type Member, type Role, requireRole, type SponsorMembership } from '../membership';

export interface ApprenticeAccess {
  membership: SponsorMembership;
  apprentice: Apprentice;
}

/**
 * 403 unless the caller holds one of `roles` in the sponsor and may see this apprentice. A missing apprentice is a
 * 404 only for admins and consultants (who may see every apprentice of the sponsor); coaches and apprentices get the
 * same 403 for an id that does not exist as for one that is not theirs, so they cannot probe which ids exist.
 */
export async function apprenticeAccess(
  member: Member,
  sid: string,
  aid: string,
  roles: Role[],
  action: string,
): Promise<ApprenticeAccess> {
  const membership = requireRole(member, sid, roles, action);
  const snap = await firestore().doc(paths.apprentice(sid, aid)).get();
  const apprentice = snap.get('apprentice') as Apprentice | undefined;
  const staff = membership.role === 'admin' || membership.role === 'consultant';
  // An apprentice's own id is no secret to them: they learn that it has not been synced yet.
  const ownId = membership.role === 'apprentice' && membership.apprenticeId === aid;
  if (!apprentice && (staff || ownId)) throw notFound(`no apprentice ${aid} in sponsor ${sid}`);
  if (!apprentice || !canSeeApprentice(membership, member.email, apprentice)) {
    throw forbidden(
      membership.role === 'coach'
        ? `${member.email} is not a coach of apprentice ${aid}`
        : `${member.email} may see only their own record`,
    );
  }
  return { membership, apprentice };
}
