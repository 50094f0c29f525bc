// Who may do what: per sponsor, one role per person (consultants may hold a role in several sponsors).
import type { Role, SponsorMembership } from '@qualcard/shared/api';
import { Forbidden } from './errors';

export type { Role, SponsorMembership } from '@qualcard/shared/api';

/** The verified identity of whoever calls (http/auth.ts). */
export interface Caller {
  email: string;
  subject: string;
}

/** A caller with their roles. */
export interface Member extends Caller {
  sponsors: Record<string, SponsorMembership>;
}

/** The caller's role in a sponsor, or Forbidden naming the roles that may do this. */
export function requireRole(member: Member, sponsorId: string, allowed: Role[], action: string): SponsorMembership {
  const m = member.sponsors[sponsorId];
  if (!m) throw new Forbidden(`${member.email} is not a member of sponsor ${sponsorId}`);
  if (!allowed.includes(m.role))
    throw new Forbidden(
      `${action} needs role ${allowed.join(' or ')} in sponsor ${sponsorId}; ${member.email} is ${m.role}`,
    );
  return m;
}

/** Apprentice-level access: admins and consultants see all; coaches their own apprentices; apprentices themselves. */
export function canSeeApprentice(
  m: SponsorMembership,
  email: string,
  apprentice: { id: string; coachEmails: string[] },
): boolean {
  switch (m.role) {
    case 'admin':
    case 'consultant':
      return true;
    case 'coach':
      return apprentice.coachEmails.includes(email);
    case 'apprentice':
      return m.apprenticeId === apprentice.id;
  }
}
