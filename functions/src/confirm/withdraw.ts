// Withdrawing confirmations made by mistake, as a pure step on one apprentice's stored state: each named entry must
// exist (400 naming it), a confirmed one must be the caller's to withdraw (403), one not confirmed is reported as
// such; everything is checked before anything changes. The confirmation moves into the entry's history with who
// withdrew it, when and why, and the entry is pending again (the sheet's typed values stay).
import {
  type Confirmation,
  type EndedConfirmation,
  type HoursEntry,
  MAX_CONFIRMATION_HISTORY,
  type SignOff,
} from '@qualcard/shared';
import type { WithdrawRequest } from '@qualcard/shared/api';
import { Conflict, Forbidden, invalidField } from '../domain/errors';
import type { Profile, Target } from '../store/apprentice';
import type { Row } from '../store/rows';
import type { Lists } from './entries';

export interface Withdrawer {
  email: string;
  role: 'coach' | 'admin';
  /** Server time, ISO. */
  at: string;
  reason: string;
}
export interface WithdrawOutcome {
  withdrawn: Lists;
  notConfirmed: Lists;
}
/** Per withdrawn entry of the profile (prior credit, exams, certifications): one audit record each. */
export interface ProfileChange {
  key: string;
  before: unknown;
  after: unknown;
}
interface State {
  profile: Profile;
  signOffs: Row<SignOff>[];
  hours: Row<HoursEntry>[];
}
type Entry = { confirmation?: Confirmation | undefined; history?: EndedConfirmation[] | undefined };

const emptyLists = (): Lists => ({ signOffs: [], hours: [], priorCredit: [], exams: [], certifications: [] });

/** A coach withdraws only what they confirmed themselves; an admin anything (attestations included). */
function checkMayWithdraw(path: string, what: string, c: Confirmation, who: Withdrawer): void {
  if (who.role === 'admin' || c.by === who.email) return;
  throw new Forbidden(
    `${path}: ${what} was ${c.kind} by ${c.by}; a coach withdraws only confirmations they made (an admin may withdraw any)`,
  );
}

/** The entry back to pending, its confirmation kept as history. */
function withdrawn<T extends Entry>(path: string, what: string, entry: T, who: Withdrawer): T {
  const history = entry.history ?? [];
  if (history.length >= MAX_CONFIRMATION_HISTORY)
    throw new Conflict(
      `${path}: ${what} already keeps ${history.length} ended confirmations, the most kept on one entry`,
    );
  const ended: EndedConfirmation = {
    confirmation: entry.confirmation!,
    ended: { kind: 'withdrawn', by: who.email, role: who.role, at: who.at, reason: who.reason },
  };
  const { confirmation: _c, ...rest } = entry;
  return { ...rest, history: [...history, ended] } as T;
}

function withdrawSignOffs(state: State, ids: string[], who: Withdrawer, out: WithdrawOutcome): void {
  for (const [i, itemId] of ids.entries()) {
    const path = `signOffs.${i}`;
    const rows = state.signOffs.filter((r) => r.data.itemId === itemId);
    if (!rows.length) throw invalidField(path, `no sign-off for item "${itemId}" in the synced record`);
    const confirmed = rows.filter((r) => r.data.confirmation);
    if (!confirmed.length) {
      out.notConfirmed.signOffs.push(itemId);
      continue;
    }
    for (const row of confirmed) {
      checkMayWithdraw(path, `the sign-off for ${itemId}`, row.data.confirmation!, who);
      row.data = withdrawn(path, `the sign-off for ${itemId}`, row.data, who);
    }
    out.withdrawn.signOffs.push(itemId);
  }
}

function withdrawHours(state: State, ids: string[], who: Withdrawer, out: WithdrawOutcome): void {
  for (const [i, id] of ids.entries()) {
    const path = `hours.${i}`;
    const row = state.hours.find((r) => r.data.id === id);
    if (!row) throw invalidField(path, `no hours entry "${id}" in the synced record`);
    if (!row.data.confirmation) {
      out.notConfirmed.hours.push(id);
      continue;
    }
    checkMayWithdraw(path, `hours entry ${id}`, row.data.confirmation, who);
    row.data = withdrawn(path, `hours entry ${id}`, row.data, who);
    out.withdrawn.hours.push(id);
  }
}

const NOUN = { priorCredit: 'prior credit', exams: 'exam result', certifications: 'certification' } as const;

/** Prior credit, exams and certifications live in the profile: an admin's alone (checked by the use case). */
function withdrawProfile(
  kind: 'priorCredit' | 'exams' | 'certifications',
  state: State,
  ids: string[],
  who: Withdrawer,
  out: WithdrawOutcome,
  changes: ProfileChange[],
): void {
  const list = state.profile[kind] as (Entry & { id?: string | undefined })[];
  for (const [i, id] of ids.entries()) {
    const path = `${kind}.${i}`;
    const index = list.findIndex((e) => e.id === id);
    if (index < 0) throw invalidField(path, `no ${NOUN[kind]} "${id}" in the synced record`);
    const before = list[index]!;
    if (!before.confirmation) {
      out.notConfirmed[kind].push(id);
      continue;
    }
    checkMayWithdraw(path, `${NOUN[kind]} ${id}`, before.confirmation, who);
    const after = withdrawn(path, `${NOUN[kind]} ${id}`, before, who);
    list[index] = after;
    changes.push({ key: `${kind}/${id}`, before, after });
    out.withdrawn[kind].push(id);
  }
}

export function withdrawEntries(
  current: State,
  body: Omit<WithdrawRequest, 'reason'>,
  who: Withdrawer,
): { target: Target; outcome: WithdrawOutcome; profileChanges: ProfileChange[] } {
  const state: State = {
    profile: structuredClone(current.profile),
    signOffs: current.signOffs.map((r) => ({ ...r })),
    hours: current.hours.map((r) => ({ ...r })),
  };
  const outcome: WithdrawOutcome = { withdrawn: emptyLists(), notConfirmed: emptyLists() };
  const profileChanges: ProfileChange[] = [];
  withdrawSignOffs(state, body.signOffs ?? [], who, outcome);
  withdrawHours(state, body.hours ?? [], who, outcome);
  for (const kind of ['priorCredit', 'exams', 'certifications'] as const)
    withdrawProfile(kind, state, body[kind] ?? [], who, outcome, profileChanges);
  return { target: state, outcome, profileChanges };
}
