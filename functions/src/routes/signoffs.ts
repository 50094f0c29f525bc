// POST /v1/sponsors/:sponsorId/apprentices/:apprenticeId/sign-offs: a coach signs items for their own apprentice.
// The backend records the verified email and the server time, which a sheet edit cannot prove.
import { getFramework, type SignOff } from '@qualcard/shared';
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { safeKey } from '../canonical';
import { firestore } from '../db';
import { parseBody } from '../http/body';
import { badRequest, forbidden } from '../http/errors';
import { progressFor, storeProgress } from '../progress';
import { MAX_SMALL_BODY_BYTES, SignOffRequest, today } from '../schemas';
import { commitApprentice, recordOf } from '../store/apprentice';
import type { Row } from '../store/rows';
import { apprenticeAccess } from './access';
import { who } from './context';

export async function signOffRoute(req: Request, res: Response, params: Record<string, string>): Promise<void> {
  const { sponsorId: sid, apprenticeId: aid } = params as { sponsorId: string; apprenticeId: string };
  const member = await who(req);
  const { apprentice } = await apprenticeAccess(member, sid, aid, ['admin', 'coach'], 'signing off items');
  if (!apprentice.coachEmails.includes(member.email))
    throw forbidden(`${member.email} is not a coach of apprentice ${aid}: coaches sign off only their own apprentices`);
  const body = parseBody(req, SignOffRequest, MAX_SMALL_BODY_BYTES);
  const framework = getFramework(apprentice.frameworkId);
  const known = new Set(framework?.workFunctions.flatMap((wf) => wf.items.map((i) => i.id)) ?? []);
  const unknown = body.itemIds.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
  if (unknown.length) {
    throw badRequest(`itemIds.${unknown[0]!.i}: no item "${unknown[0]!.id}" in ${apprentice.frameworkId}`, {
      issues: unknown.map(({ id, i }) => ({
        path: `itemIds.${i}`,
        message: `no item "${id}" in ${apprentice.frameworkId}`,
      })),
    });
  }
  const signedAt = new Date().toISOString();
  const date = body.date ?? today();
  if (date > today())
    throw badRequest(`date: ${date} is in the future`, { issues: [{ path: 'date', message: 'in the future' }] });
  let signed: string[] = [];
  let already: string[] = [];
  const db = firestore();
  const commit = await commitApprentice(db, sid, aid, member.email, (state) => {
    const rows = [...state.signOffs.values()];
    signed = [];
    already = [];
    let order = rows.reduce((m, r) => Math.max(m, r.order), -1);
    for (const itemId of body.itemIds) {
      const key = safeKey(itemId);
      if (state.signOffs.has(key)) {
        already.push(itemId);
        continue;
      }
      const data: SignOff = { itemId, date, coachEmail: member.email, evidence: body.evidence, notes: body.notes };
      rows.push({
        key,
        order: ++order,
        data: JSON.parse(JSON.stringify(data)) as SignOff,
        source: 'api',
        signedAt,
      } satisfies Row<SignOff>);
      signed.push(itemId);
    }
    return { profile: state.profile!, signOffs: rows, hours: [...state.hours.values()] };
  });
  const record = recordOf(sid, commit.target);
  const stored = await storeProgress(db, sid, record, progressFor(record, today()));
  res.status(signed.length ? 201 : 200).json({
    apprenticeId: aid,
    signed,
    alreadySigned: already,
    coachEmail: member.email,
    signedAt,
    progress: stored.progress,
  });
}
