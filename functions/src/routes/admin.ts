// Sponsor administration: roles of staff (admin, coach, consultant), and the audit chain check.

import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { verifyApprenticeAudit } from '../audit';
import { firestore, paths } from '../db';
import { parseBody } from '../http/body';
import { fromZod } from '../http/errors';
import { requireRole } from '../membership';
import { MAX_SMALL_BODY_BYTES, MemberEmail, MemberRequest } from '../schemas';
import { apprenticeAccess } from './access';
import { who } from './context';

export async function meRoute(req: Request, res: Response): Promise<void> {
  const member = await who(req);
  res.json({ email: member.email, sponsors: member.sponsors });
}

export async function putMemberRoute(req: Request, res: Response, params: Record<string, string>): Promise<void> {
  const sid = params.sponsorId!;
  const member = await who(req);
  requireRole(member, sid, ['admin'], 'setting roles');
  const email = MemberEmail.safeParse(params.email);
  if (!email.success) throw fromZod(email.error, ['email']);
  const body = parseBody(req, MemberRequest, MAX_SMALL_BODY_BYTES);
  await firestore()
    .doc(paths.member(email.data))
    .set({ email: email.data, sponsors: { [sid]: { role: body.role } } }, { merge: true });
  res.json({ email: email.data, sponsorId: sid, role: body.role });
}

export async function verifyAuditRoute(req: Request, res: Response, params: Record<string, string>): Promise<void> {
  const { sponsorId: sid, apprenticeId: aid } = params as { sponsorId: string; apprenticeId: string };
  const member = await who(req);
  await apprenticeAccess(member, sid, aid, ['admin', 'consultant'], 'verifying the audit log');
  res.json({ apprenticeId: aid, ...(await verifyApprenticeAudit(firestore(), sid, aid)) });
}
