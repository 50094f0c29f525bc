// POST /v1/sponsors/:sponsorId/apprentices/:apprenticeId/sign-offs: a coach signs items for their own apprentice.
// The sign-off is confirmed as it is made: verified identity, server time, the sponsor's calendar day. A row the
// sheet already ticked for the item is confirmed in place.
import { getFramework, rowConfirmations, type SignOff } from '@qualcard/shared';
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { safeKey } from '../canonical';
import { sponsorClock } from '../clock';
import { confirmationFor } from '../confirm/confirmation';
import { firestore } from '../db';
import { parseBody } from '../http/body';
import { badRequest, forbidden } from '../http/errors';
import { progressFor, storeProgress } from '../progress';
import { MAX_SMALL_BODY_BYTES, SignOffRequest } from '../schemas';
import { type ApprenticeState, commitApprentice, recordOf, type Target } from '../store/apprentice';
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
  const clock = await sponsorClock(sid);
  const date = body.date ?? clock.today;
  if (date > clock.today)
    throw badRequest(`date: ${date} is in the future (today is ${clock.today} in ${clock.timeZone})`, {
      issues: [{ path: 'date', message: 'in the future' }],
    });
  const confirmation = confirmationFor('sign-off', { email: member.email, clock });
  const make = (itemId: string): SignOff =>
    JSON.parse(
      JSON.stringify({
        itemId,
        date,
        coachEmail: member.email,
        evidence: body.evidence,
        notes: body.notes,
        confirmation,
      }),
    );
  let signed: string[] = [];
  let already: string[] = [];
  const plan = (state: ApprenticeState): Target => {
    const rows = [...state.signOffs.values()].map((r) => ({ ...r }));
    signed = [];
    already = [];
    let order = rows.reduce((m, r) => Math.max(m, r.order), -1);
    for (const itemId of body.itemIds) {
      const existing = rows.filter((r) => r.data.itemId === itemId);
      const typed = existing.find((r) => !r.data.confirmation);
      if (existing.length && !typed) already.push(itemId);
      else {
        if (typed) typed.data = make(itemId);
        else rows.push({ key: safeKey(itemId), order: ++order, data: make(itemId) } satisfies Row<SignOff>);
        signed.push(itemId);
      }
    }
    return { profile: state.profile!, signOffs: rows, hours: [...state.hours.values()] };
  };
  const db = firestore();
  const commit = await commitApprentice(db, sid, aid, member.email, plan);
  const record = recordOf(sid, commit.target);
  const stored = await storeProgress(db, sid, record, progressFor(record, clock.today));
  res.status(signed.length ? 201 : 200).json({
    apprenticeId: aid,
    signed,
    alreadySigned: already,
    coachEmail: member.email,
    signedAt: confirmation.at,
    date,
    progress: stored.progress,
    confirmations: rowConfirmations(record),
  });
}
