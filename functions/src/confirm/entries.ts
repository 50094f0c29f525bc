// Confirming entries a sheet holds, as a pure step on one apprentice's stored state: each listed entry must exist
// (synced), be unconfirmed, and be the caller's to confirm; everything is checked before anything changes.
import {
  type Confirmation,
  type EndedConfirmation,
  type Framework,
  type HoursEntry,
  isTheirsToConfirm,
  type SignOff,
} from '@qualcard/shared';
import type { ConfirmRequest } from '@qualcard/shared/api';
import { Forbidden, Invalid } from '../domain/errors';
import type { Profile, Target } from '../store/apprentice';
import type { Row } from '../store/rows';
import { type Confirmer, confirmationFor, isFromThisRequest } from './confirmation';

export type Lists = Record<'signOffs' | 'hours' | 'priorCredit' | 'exams' | 'certifications', string[]>;
export interface Outcome {
  confirmed: Lists;
  already: Lists;
}
interface State {
  profile: Profile;
  signOffs: Row<SignOff>[];
  hours: Row<HoursEntry>[];
}

const emptyLists = (): Lists => ({ signOffs: [], hours: [], priorCredit: [], exams: [], certifications: [] });

/**
 * A typed "signed by" / "verified by" that names someone else: only that person can confirm the entry (the shared
 * isTheirsToConfirm). The confirmations route and the sign-off route both ask this.
 */
export function checkClaim(path: string, what: string, claimed: string | undefined, who: Confirmer): void {
  if (!who.attest && !isTheirsToConfirm(claimed, who.email))
    throw new Forbidden(`${path}: ${what} is typed as by ${claimed}; only ${claimed} can confirm it`);
}

/** An entry confirmed already: by this request in an earlier commit, or by someone else (reported in `already`). */
function settled(who: Confirmer, c: Confirmation | undefined, id: string, kind: keyof Lists, out: Outcome): void {
  (isFromThisRequest(who, c) ? out.confirmed : out.already)[kind].push(id);
}

function checkDate(path: string, what: string, date: string | undefined, who: Confirmer): void {
  if (!date) throw new Invalid(`${path}: ${what} has no date; type the date in the sheet and sync first`);
  if (date > who.clock.today)
    throw new Invalid(`${path}: ${what} is dated ${date}, after today (${who.clock.today}, ${who.clock.timeZone})`);
}

function confirmSignOffs(framework: Framework, state: State, ids: string[], who: Confirmer, out: Outcome): void {
  const items = new Set(framework.workFunctions.flatMap((wf) => wf.items.map((it) => it.id)));
  for (const [i, itemId] of ids.entries()) {
    const path = `signOffs.${i}`;
    const rows = state.signOffs.filter((r) => r.data.itemId === itemId);
    if (!rows.length)
      throw new Invalid(`${path}: no sign-off for item "${itemId}" in the synced record; sync the sheet first`);
    // The same refusal as the sign-off route's: a tick for an item the apprentice's version lacks is never confirmed.
    if (!items.has(itemId))
      throw new Invalid(`${path}: no item "${itemId}" in ${framework.id} version ${framework.version}`, {
        issues: [{ path, message: `no item "${itemId}" in ${framework.id} version ${framework.version}` }],
      });
    const row = rows.find((r) => !r.data.confirmation);
    if (!row) {
      const mine = rows.find((r) => isFromThisRequest(who, r.data.confirmation));
      settled(who, (mine ?? rows[0]!).data.confirmation, itemId, 'signOffs', out);
      continue;
    }
    checkClaim(path, `the sign-off for ${itemId}`, row.data.coachEmail, who);
    checkDate(path, `the sign-off for ${itemId}`, row.data.date, who);
    const coachEmail = row.data.coachEmail ?? who.email;
    row.data = { ...row.data, coachEmail, confirmation: confirmationFor('sign-off', who) };
    out.confirmed.signOffs.push(itemId);
  }
}

function confirmHours(state: State, ids: string[], who: Confirmer, out: Outcome): void {
  for (const [i, id] of ids.entries()) {
    const path = `hours.${i}`;
    const row = state.hours.find((r) => r.data.id === id);
    if (!row) throw new Invalid(`${path}: no hours entry "${id}" in the synced record; sync the sheet first`);
    if (row.data.confirmation) {
      settled(who, row.data.confirmation, id, 'hours', out);
      continue;
    }
    checkClaim(path, `hours entry ${id}`, row.data.verifiedBy, who);
    checkDate(path, `hours entry ${id}`, row.data.date, who);
    const verifiedBy = row.data.verifiedBy ?? who.email;
    row.data = { ...row.data, verifiedBy, confirmation: confirmationFor('hours-entry', who) };
    out.confirmed.hours.push(id);
  }
}

function confirmPriorCredit(state: State, ids: string[], who: Confirmer, out: Outcome): void {
  for (const [i, id] of ids.entries()) {
    const index = state.profile.priorCredit.findIndex((c) => c.id === id);
    if (index < 0) throw new Invalid(`priorCredit.${i}: no prior credit "${id}" in the synced record; sync first`);
    const credit = state.profile.priorCredit[index]!;
    if (credit.confirmation) {
      settled(who, credit.confirmation, id, 'priorCredit', out);
      continue;
    }
    const approvedBy = credit.approvedBy ?? who.email;
    state.profile.priorCredit[index] = { ...credit, approvedBy, confirmation: confirmationFor('prior-credit', who) };
    out.confirmed.priorCredit.push(id);
  }
}

type Proof = NonNullable<ConfirmRequest['exams']>[number];

/** Exam and certification results: recorded by an admin with their proof, whether or not the sheet ticked them. */
function recordResults(
  framework: Framework,
  kind: 'exams' | 'certifications',
  proofs: Proof[],
  state: State,
  who: Confirmer,
  out: Outcome,
): void {
  const required = new Set(framework.levels.flatMap((l) => l.requirements[kind].map((r) => r.id)));
  const list = state.profile[kind] as {
    id: string;
    date?: string | undefined;
    passed?: boolean;
    confirmation?: Confirmation;
    history?: EndedConfirmation[];
  }[];
  for (const [i, proof] of proofs.entries()) {
    const path = `${kind}.${i}`;
    if (!required.has(proof.id))
      throw new Invalid(
        `${path}.id: ${framework.id} requires no ${kind === 'exams' ? 'exam' : 'certification'} "${proof.id}"`,
      );
    const index = list.findIndex((e) => e.id === proof.id);
    const typed = index >= 0 ? list[index]! : undefined;
    if (typed?.confirmation && typed.passed !== false) {
      settled(who, typed.confirmation, proof.id, kind, out);
      continue;
    }
    const date = proof.date ?? typed?.date;
    if (date && date > who.clock.today) throw new Invalid(`${path}.date: ${date} is after today (${who.clock.today})`);
    const entry = {
      id: proof.id,
      ...(kind === 'exams' ? { passed: true } : {}),
      ...(date ? { date } : {}),
      // A result recorded again after a withdrawal keeps the withdrawn one as its history.
      ...(typed?.history ? { history: typed.history } : {}),
      confirmation: confirmationFor(kind === 'exams' ? 'exam' : 'certification', who, proof.evidence),
    };
    if (index >= 0) list[index] = entry;
    else list.push(entry);
    out.confirmed[kind].push(proof.id);
  }
}

export function confirmEntries(
  framework: Framework,
  current: State,
  body: ConfirmRequest,
  who: Confirmer,
): { target: Target; outcome: Outcome } {
  const state: State = {
    profile: structuredClone(current.profile),
    signOffs: current.signOffs.map((r) => ({ ...r })),
    hours: current.hours.map((r) => ({ ...r })),
  };
  const outcome: Outcome = { confirmed: emptyLists(), already: emptyLists() };
  confirmSignOffs(framework, state, body.signOffs ?? [], who, outcome);
  confirmHours(state, body.hours ?? [], who, outcome);
  confirmPriorCredit(state, body.priorCredit ?? [], who, outcome);
  recordResults(framework, 'exams', body.exams ?? [], state, who, outcome);
  recordResults(framework, 'certifications', body.certifications ?? [], state, who, outcome);
  return { target: state, outcome };
}
