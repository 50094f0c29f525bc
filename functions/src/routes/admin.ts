// Routes me, putMember and verifyAudit (usecases/members.ts, usecases/audit.ts).
import { MemberEmail, type me, type putMember, type verifyAudit } from '@qualcard/shared/api';
import { fromZod } from '../http/errors';
import type { Handler } from '../http/router';
import { verifyAudit as verify } from '../usecases/audit';
import { setRole } from '../usecases/members';
import { signedIn } from './context';

export const meRoute: Handler<typeof me> = async ({ req }) => {
  const { member } = await signedIn(req);
  return { body: { email: member.email, sponsors: member.sponsors } };
};

export const putMemberRoute: Handler<typeof putMember> = async ({ req, params, roles, body }) => {
  const { deps, member } = await signedIn(req);
  const read = () => {
    const email = MemberEmail.safeParse(params.email);
    if (!email.success) throw fromZod(email.error, ['email']);
    return { email: email.data, role: body().role };
  };
  return { body: await setRole(deps, member, { sid: params.sponsorId, roles }, read) };
};

export const verifyAuditRoute: Handler<typeof verifyAudit> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, roles };
  return { body: { apprenticeId: on.aid, ...(await verify(deps, member, on)) } };
};
