// Qualcard's own membership data: per sponsor, one role per person. Consultants may hold a role in several sponsors.
import { type Role, SponsorMembership } from '@qualcard/shared/api';
import * as z from 'zod';
import type { Caller } from './auth';
import { firestore, paths } from './db';
import { forbidden } from './http/errors';

export { Role, SponsorMembership } from '@qualcard/shared/api';

export const MemberDoc = z.object({
  email: z.string(),
  sponsors: z.record(z.string(), SponsorMembership).default({}),
});
export type MemberDoc = z.infer<typeof MemberDoc>;

export interface Member extends Caller {
  sponsors: Record<string, SponsorMembership>;
}

export async function loadMember(caller: Caller): Promise<Member> {
  const snap = await firestore().doc(paths.member(caller.email)).get();
  const parsed = MemberDoc.safeParse(snap.data() ?? { email: caller.email });
  return { ...caller, sponsors: parsed.success ? parsed.data.sponsors : {} };
}

/** The caller's role in a sponsor, or 403 naming the roles that may do this. */
export function requireRole(member: Member, sponsorId: string, allowed: Role[], action: string): SponsorMembership {
  const m = member.sponsors[sponsorId];
  if (!m) throw forbidden(`${member.email} is not a member of sponsor ${sponsorId}`);
  if (!allowed.includes(m.role))
    throw forbidden(
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
