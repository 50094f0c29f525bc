// Confirming entries a sheet holds, as a pure step on one apprentice's stored state: each listed entry must exist
// (synced), be unconfirmed, and be the caller's to confirm; everything is checked before anything changes. A
// confirmed entry the sheet changed since (`onSheet.changed`) is confirmed again with the typed values: the old
// confirmation goes to the entry's history, superseded, with what changed.
import {
  type Confirmation,
  countedDifferences,
  describeDifferences,
  type EndedConfirmation,
  type EntryKind,
  type Framework,
  type HoursEntry,
  isTheirsToConfirm,
  MAX_CONFIRMATION_HISTORY,
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

type Confirmed = { confirmation?: Confirmation; history?: EndedConfirmation[]; onSheet?: unknown };

/**
 * The entry the typed values make once confirmed by `confirmation`; a confirmation already on it ends, superseded,
 * with the values that changed as its reason. A full history is refused (400 naming the entry), never trimmed.
 */
function confirmedAs<E extends Confirmed>(
  path: string,
  kind: EntryKind,
  entry: E,
  typed: object,
  confirmation: Confirmation,
): E {
  const { onSheet: _, confirmation: old, history = [], ...kept } = entry;
  if (!old) return { ...kept, ...typed, confirmation } as E;
  if (history.length >= MAX_CONFIRMATION_HISTORY)
    throw new Invalid(
      `${path}: the entry already keeps ${MAX_CONFIRMATION_HISTORY} ended confirmations (history); it cannot be confirmed again`,
    );
  const changed = describeDifferences(countedDifferences(kind, entry as never, typed as never));
  const ended: EndedConfirmation = {
    confirmation: old,
    ended: {
      kind: 'superseded',
      by: confirmation.by,
      role: confirmation.role,
      at: confirmation.at,
      reason: changed ? `values changed on the sheet: ${changed}` : 'confirmed again with the values the sheet holds',
    },
  };
  return { ...typed, confirmation, history: [...history, ended] } as unknown as E;
}

/** The typed values of a confirmed entry the sheet changed since, or undefined (not confirmed, or unchanged). */
const changedOnSheet = <T>(entry: { confirmation?: unknown; onSheet?: { kind: string; entry?: T } }): T | undefined =>
  entry.confirmation && entry.onSheet?.kind === 'changed' ? entry.onSheet.entry : undefined;

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
    const row = rows.find((r) => !r.data.confirmation || changedOnSheet(r.data));
    if (!row) {
      const mine = rows.find((r) => isFromThisRequest(who, r.data.confirmation));
      settled(who, (mine ?? rows[0]!).data.confirmation, itemId, 'signOffs', out);
      continue;
    }
    const typed = changedOnSheet(row.data) ?? row.data;
    checkClaim(path, `the sign-off for ${itemId}`, typed.coachEmail, who);
    checkDate(path, `the sign-off for ${itemId}`, typed.date, who);
    const coachEmail = typed.coachEmail ?? who.email;
    row.data = confirmedAs(path, 'sign-off', row.data, { ...typed, coachEmail }, confirmationFor('sign-off', who));
    out.confirmed.signOffs.push(itemId);
  }
}

function confirmHours(state: State, ids: string[], who: Confirmer, out: Outcome): void {
  for (const [i, id] of ids.entries()) {
    const path = `hours.${i}`;
    const row = state.hours.find((r) => r.data.id === id);
    if (!row) throw new Invalid(`${path}: no hours entry "${id}" in the synced record; sync the sheet first`);
    const changed = changedOnSheet(row.data);
    if (row.data.confirmation && !changed) {
      settled(who, row.data.confirmation, id, 'hours', out);
      continue;
    }
    const typed = changed ?? row.data;
    checkClaim(path, `hours entry ${id}`, typed.verifiedBy, who);
    checkDate(path, `hours entry ${id}`, typed.date, who);
    const verifiedBy = typed.verifiedBy ?? who.email;
    row.data = confirmedAs(
      path,
      'hours-entry',
      row.data,
      { ...typed, verifiedBy },
      confirmationFor('hours-entry', who),
    );
    out.confirmed.hours.push(id);
  }
}

function confirmPriorCredit(state: State, ids: string[], who: Confirmer, out: Outcome): void {
  for (const [i, id] of ids.entries()) {
    const index = state.profile.priorCredit.findIndex((c) => c.id === id);
    if (index < 0) throw new Invalid(`priorCredit.${i}: no prior credit "${id}" in the synced record; sync first`);
    const credit = state.profile.priorCredit[index]!;
    const changed = changedOnSheet(credit);
    if (credit.confirmation && !changed) {
      settled(who, credit.confirmation, id, 'priorCredit', out);
      continue;
    }
    const typed = changed ?? credit;
    const approvedBy = typed.approvedBy ?? who.email;
    const confirmation = confirmationFor('prior-credit', who);
    state.profile.priorCredit[index] = confirmedAs(
      `priorCredit.${i}`,
      'prior-credit',
      credit,
      { ...typed, approvedBy },
      confirmation,
    );
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
    onSheet?: { kind: string; entry?: object };
  }[];
  for (const [i, proof] of proofs.entries()) {
    const path = `${kind}.${i}`;
    if (!required.has(proof.id))
      throw new Invalid(
        `${path}.id: ${framework.id} requires no ${kind === 'exams' ? 'exam' : 'certification'} "${proof.id}"`,
      );
    const index = list.findIndex((e) => e.id === proof.id);
    const typed = index >= 0 ? list[index]! : undefined;
    // A result the sheet changed since it was recorded is recorded again (the old record superseded).
    if (typed?.confirmation && typed.passed !== false && !changedOnSheet(typed)) {
      settled(who, typed.confirmation, proof.id, kind, out);
      continue;
    }
    const date = proof.date ?? typed?.date;
    if (date && date > who.clock.today) throw new Invalid(`${path}.date: ${date} is after today (${who.clock.today})`);
    const entryKind = kind === 'exams' ? 'exam' : 'certification';
    const values = { id: proof.id, ...(kind === 'exams' ? { passed: true } : {}), ...(date ? { date } : {}) };
    const confirmation = confirmationFor(entryKind, who, proof.evidence);
    // A result recorded again after a withdrawal keeps the withdrawn one as its history.
    const entry = typed?.confirmation
      ? confirmedAs(path, entryKind, typed, values, confirmation)
      : { ...values, ...(typed?.history ? { history: typed.history } : {}), confirmation };
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
