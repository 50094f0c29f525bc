// Apprentice-level access checks shared by the routes.
import type { Apprentice } from '@qualcard/shared';
import { firestore, paths } from '../db';
import { forbidden, notFound } from '../http/errors';
import { canSeeApprentice, type Member, type Role, requireRole, type SponsorMembership } from '../membership';

export interface ApprenticeAccess {
  membership: SponsorMembership;
  apprentice: Apprentice;
}

/** 403 unless the caller holds one of `roles` in the sponsor and may see this apprentice; 404 if there is none. */
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
  if (!apprentice) {
    // Apprentices and coaches learn nothing about ids that are not theirs.
    if (membership.role === 'apprentice' && membership.apprenticeId !== aid)
      throw forbidden(`${member.email} may see only their own record`);
    throw notFound(`no apprentice ${aid} in sponsor ${sid}`);
  }
  if (!canSeeApprentice(membership, member.email, apprentice)) {
    throw forbidden(
      membership.role === 'coach'
        ? `${member.email} is not a coach of apprentice ${aid}`
        : `${member.email} may see only their own record`,
    );
  }
  return { membership, apprentice };
}
