// The admin's Members section: who has a role in the sponsor; giving a coach, consultant or admin their role,
// changing it, removing it. The service refuses what may not be done (the last admin, an apprentice's role) and
// says why; apprentices come and go with the roster.
import { Email } from '@qualcard/shared';
import { adminEndpoint } from './admin-check';
import { send } from './api/client';
import { deleteMemberRequest, type Endpoint, type MemberList, membersRequest, putMemberRequest } from './api/requests';
import type { MemberInput, MembersResult } from './sidebar-api';

const STAFF = ['admin', 'coach', 'consultant'] as const;

const list = (e: Endpoint): MembersResult['members'] =>
  send<MemberList>(membersRequest(e)).members.map((m) => ({
    email: m.email,
    role: m.role,
    ...(m.apprenticeId ? { apprenticeId: m.apprenticeId } : {}),
  }));

function emailOf(value: unknown, action: string): string {
  const email = Email.safeParse(typeof value === 'string' ? value.trim().toLowerCase() : value);
  if (!email.success) throw new Error(`${action}: "${String(value ?? '')}" is not an email address`);
  return email.data;
}

export function listMembers(): MembersResult {
  const e = adminEndpoint('Members');
  const members = list(e);
  return { members, message: `${members.length} member(s) of ${e.sponsorId}.` };
}

export function setMember(input: unknown): MembersResult {
  const action = 'Save member';
  const i = (input ?? {}) as Partial<MemberInput>;
  const email = emailOf(i.email, action);
  if (!STAFF.includes(i.role as (typeof STAFF)[number]))
    throw new Error(`${action}: choose a role: ${STAFF.join(', ')} (apprentices are added on the roster)`);
  const e = adminEndpoint(action);
  const before = list(e).find((m) => m.email === email)?.role;
  send(putMemberRequest(e, email, i.role as MemberInput['role']));
  const message =
    before === i.role
      ? `${email} was already ${i.role}: nothing changed.`
      : `${email} is now ${i.role}${before ? ` (was ${before})` : ''}.`;
  return { members: list(e), message };
}

export function removeMember(value: unknown): MembersResult {
  const action = 'Remove member';
  const email = emailOf(value, action);
  const e = adminEndpoint(action);
  const r = send<{ removed: string }>(deleteMemberRequest(e, email));
  return { members: list(e), message: `${email} is no longer ${r.removed} of ${e.sponsorId}.` };
}
