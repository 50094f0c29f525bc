// Routes me, listMembers, putMember, deleteMember and verifyAudit (usecases/members.ts, usecases/audit.ts).
import {
  type deleteMember,
  type listMembers,
  MemberEmail,
  type me,
  type putMember,
  type verifyAudit,
} from '@qualcard/shared/api';
import { fromZod } from '../http/errors';
import type { Handler } from '../http/router';
import { verifyAudit as verify } from '../usecases/audit';
import { listMembers as list, removeMember, setRole, whoAmI } from '../usecases/members';
import { signedIn } from './context';

export const meRoute: Handler<typeof me> = async ({ req }) => {
  const { deps, member } = await signedIn(req);
  return { body: await whoAmI(deps, member) };
};

/** The `:email` path segment, checked as an email (400 naming `email`). */
function emailOf(value: string): string {
  const email = MemberEmail.safeParse(value);
  if (!email.success) throw fromZod(email.error, ['email']);
  return email.data;
}

export const listMembersRoute: Handler<typeof listMembers> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  return { body: await list(deps, member, { sid: params.sponsorId, roles }) };
};

export const putMemberRoute: Handler<typeof putMember> = async ({ req, params, roles, body }) => {
  const { deps, member } = await signedIn(req);
  const read = () => ({ email: emailOf(params.email), role: body().role });
  return { body: await setRole(deps, member, { sid: params.sponsorId, roles }, read) };
};

export const deleteMemberRoute: Handler<typeof deleteMember> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  return { body: await removeMember(deps, member, { sid: params.sponsorId, roles }, () => emailOf(params.email)) };
};

export const verifyAuditRoute: Handler<typeof verifyAudit> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, roles };
  return { body: { apprenticeId: on.aid, ...(await verify(deps, member, on)) } };
};
