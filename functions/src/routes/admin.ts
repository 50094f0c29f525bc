// Sponsor administration: who the caller is, roles of staff (admin, coach, consultant), and the audit chain check.
import { MemberEmail, type me, type putMember, type verifyAudit } from '@qualcard/shared/api';
import { verifyApprenticeAudit } from '../audit';
import { firestore, paths } from '../db';
import { fromZod } from '../http/errors';
import type { Handler } from '../http/router';
import { requireRole } from '../membership';
import { apprenticeAccess } from './access';
import { who } from './context';

export const meRoute: Handler<typeof me> = async ({ req }) => {
  const member = await who(req);
  return { body: { email: member.email, sponsors: member.sponsors } };
};

export const putMemberRoute: Handler<typeof putMember> = async ({ req, params, roles, body }) => {
  const sid = params.sponsorId;
  const member = await who(req);
  requireRole(member, sid, roles, 'setting roles');
  const email = MemberEmail.safeParse(params.email);
  if (!email.success) throw fromZod(email.error, ['email']);
  const { role } = body();
  await firestore()
    .doc(paths.member(email.data))
    .set({ email: email.data, sponsors: { [sid]: { role } } }, { merge: true });
  return { body: { email: email.data, sponsorId: sid, role } };
};

export const verifyAuditRoute: Handler<typeof verifyAudit> = async ({ req, params, roles }) => {
  const { sponsorId: sid, apprenticeId: aid } = params;
  await apprenticeAccess(await who(req), sid, aid, roles, 'verifying the audit log');
  return { body: { apprenticeId: aid, ...(await verifyApprenticeAudit(firestore(), sid, aid)) } };
};
