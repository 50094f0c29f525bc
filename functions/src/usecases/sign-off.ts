// The sign-off use case: a coach signs items for their own apprentice. The sign-off is confirmed as it is made:
// verified identity, server time, the sponsor's calendar day. A row the sheet already ticked for the item is
// confirmed in place.
import {
  type Apprentice,
  type Framework,
  isOwnApprenticeship,
  OWN_APPRENTICESHIP_RULE,
  rowConfirmations,
  type SignOff,
} from '@qualcard/shared';
import type { SignOffAnswer, SignOffRequest } from '@qualcard/shared/api';
import { safeKey } from '../canonical';
import { sponsorSettings, todayOf } from '../clock';
import { type Confirmer, confirmationFor, isFromThisRequest } from '../confirm/confirmation';
import { checkClaim } from '../confirm/entries';
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
  who: Confirmer,
  make: (itemId: string) => SignOff,
  out: Signing,
): Target {
  const rows = [...state.signOffs.values()].map((r) => ({ ...r }));
  // Only the last plan's lists are answered: the one whose transaction committed (a retry sees what others did).
  out.signed = [];
  out.already = [];
  let order = rows.reduce((m, r) => Math.max(m, r.order), -1);
  for (const [i, itemId] of body.itemIds.entries()) {
    const existing = rows.filter((r) => r.data.itemId === itemId);
    const typed = existing.find((r) => !r.data.confirmation);
    if (existing.length && !typed) {
      const mine = existing.some((r) => isFromThisRequest(who, r.data.confirmation));
      (mine ? out.signed : out.already).push(itemId);
      continue;
    }
    if (typed) {
      // A tick typed as another coach's is theirs: the same refusal as the confirmations route's.
      checkClaim(`itemIds.${i}`, `the sign-off for ${itemId}`, typed.data.coachEmail, who);
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
  if (isOwnApprenticeship(apprentice, member.email))
    throw new Forbidden(`${OWN_APPRENTICESHIP_RULE}; ${member.email} is apprentice ${aid}`);
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
  const who: Confirmer = { email: member.email, clock };
  const confirmation = confirmationFor('sign-off', who);
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
  const commit = await commitApprentice(db, sid, aid, member.email, (state) =>
    planSignOffs(state, body, who, make, out),
  );
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
