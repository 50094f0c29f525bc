// The sign-off use case: a coach signs items for their own apprentice. The sign-off is confirmed as it is made:
// verified identity, server time, the sponsor's calendar day. A row the sheet already ticked for the item is
// confirmed in place.
import { type Apprentice, type Framework, rowConfirmations, type SignOff } from '@qualcard/shared';
import type { SignOffAnswer, SignOffRequest } from '@qualcard/shared/api';
import { safeKey } from '../canonical';
import { sponsorSettings, todayOf } from '../clock';
import { confirmationFor } from '../confirm/confirmation';
import { Forbidden, Invalid } from '../domain/errors';
import type { Member } from '../domain/members';
import { progressFor, storeProgress } from '../progress';
import { frameworkFor } from '../registry';
import { type ApprenticeState, commitApprentice, recordOf, type Target } from '../store/apprentice';
import type { Row } from '../store/rows';
import { apprenticeAccess, type On } from './access';
import type { Deps, Input } from './deps';

/** Invalid naming every item id the apprentice's framework does not have. */
function checkItems(framework: Framework, apprentice: Apprentice, itemIds: string[]): void {
  const known = new Set(framework.workFunctions.flatMap((wf) => wf.items.map((i) => i.id)) ?? []);
  const unknown = itemIds.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
  if (unknown.length) {
    throw new Invalid(`itemIds.${unknown[0]!.i}: no item "${unknown[0]!.id}" in ${apprentice.frameworkId}`, {
      issues: unknown.map(({ id, i }) => ({
        path: `itemIds.${i}`,
        message: `no item "${id}" in ${apprentice.frameworkId}`,
      })),
    });
  }
}

interface Signing {
  signed: string[];
  already: string[];
}

/** The rows after signing: a new confirmed row per item, or the ticked row confirmed in place, keeping what was typed. */
function planSignOffs(
  state: ApprenticeState,
  body: SignOffRequest,
  make: (itemId: string) => SignOff,
  out: Signing,
): Target {
  const rows = [...state.signOffs.values()].map((r) => ({ ...r }));
  out.signed = [];
  out.already = [];
  let order = rows.reduce((m, r) => Math.max(m, r.order), -1);
  for (const itemId of body.itemIds) {
    const existing = rows.filter((r) => r.data.itemId === itemId);
    const typed = existing.find((r) => !r.data.confirmation);
    if (existing.length && !typed) {
      out.already.push(itemId);
      continue;
    }
    if (typed) {
      const made = make(itemId);
      typed.data = { ...made, evidence: made.evidence ?? typed.data.evidence, notes: made.notes ?? typed.data.notes };
    } else rows.push({ key: safeKey(itemId), order: ++order, data: make(itemId) } satisfies Row<SignOff>);
    out.signed.push(itemId);
  }
  return { profile: state.profile!, signOffs: rows, hours: [...state.hours.values()] };
}

/** Signs the items; `created` says whether any was signed now (201) or all already were (200). */
export async function signOff(
  { db, now }: Deps,
  member: Member,
  on: On,
  read: Input<SignOffRequest>,
): Promise<{ created: boolean; answer: SignOffAnswer }> {
  const { sid, aid } = on;
  const { apprentice } = await apprenticeAccess(db, member, on, 'signing off items');
  if (!apprentice.coachEmails.includes(member.email))
    throw new Forbidden(
      `${member.email} is not a coach of apprentice ${aid}: coaches sign off only their own apprentices`,
    );
  const body = read();
  const framework = await frameworkFor(db, sid, apprentice.frameworkId, apprentice.frameworkVersion);
  checkItems(framework, apprentice, body.itemIds);
  const clock = await sponsorSettings(db, sid, now());
  const date = body.date ?? clock.today;
  if (date > clock.today)
    throw new Invalid(`date: ${date} is in the future (today is ${clock.today} in ${clock.timeZone})`, {
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
  const out: Signing = { signed: [], already: [] };
  const commit = await commitApprentice(db, sid, aid, member.email, (state) => planSignOffs(state, body, make, out));
  const record = recordOf(sid, commit.target);
  const stored = await storeProgress(
    db,
    sid,
    record,
    await progressFor(db, sid, record, todayOf(clock), [], clock.programs),
  );
  const answer = {
    apprenticeId: aid,
    signed: out.signed,
    alreadySigned: out.already,
    coachEmail: member.email,
    signedAt: confirmation.at,
    date,
    progress: stored.progress,
    confirmations: rowConfirmations(record),
  };
  return { created: out.signed.length > 0, answer };
}
