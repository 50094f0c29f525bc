// Apprentices' requests that their coaches confirm entries: an apprentice asks on their own record; the open ones are
// listed to the apprentice, to their coaches and to the sponsor's admins. Open or answered is decided against the
// stored record at every read (confirm/asks.ts): a coach confirming the entries (the confirmations route) closes it.
import type { ConfirmationAsk, ConfirmationAskAnswer, EntryRef } from '@qualcard/shared/api';
import { isConfirmed, isOpen, type Rows, withConfirmed } from '../confirm/asks';
import { Conflict, Forbidden, invalidField, NotFound } from '../domain/errors';
import { type Member, type Role, requireRole } from '../domain/members';
import { type ApprenticeState, readApprenticeDocs, readRows } from '../store/apprentice';
import {
  type ConfirmationRequestDoc,
  closeRequests,
  createRequest,
  openRequestsIn,
  openRequestsOf,
} from '../store/confirmation-requests';
import type { On } from './access';
import type { Deps, Input } from './deps';

/** Open requests an apprentice may have at once: enough for any week's work, too few to flood their coaches. */
export const MAX_OPEN_REQUESTS = 20;

const KIND_WORDS: Record<EntryRef['kind'], string> = { signOff: 'sign-off for item', hours: 'hours row' };

const rowsOfState = (s: ApprenticeState): Rows => ({
  signOffs: [...s.signOffs.values()].map((r) => r.data),
  hours: [...s.hours.values()].map((r) => r.data),
});

/**
 * Every entry is listed once, and not every one is confirmed already. An entry need not be synced yet: an apprentice
 * cannot sync (only staff send what the sheets hold), so the hours they just typed reach the service with their
 * coach's next Confirm my ticks, which syncs first; until then the entry is simply not confirmed.
 */
function checkEntries(rows: Rows, entries: EntryRef[]): void {
  const seen = new Set<string>();
  for (const [i, e] of entries.entries()) {
    const key = `${e.kind}\n${e.id}`;
    if (seen.has(key)) throw invalidField(`entries.${i}`, `${KIND_WORDS[e.kind]} "${e.id}" is listed twice`);
    seen.add(key);
  }
  if (entries.every((e) => isConfirmed(rows, e)))
    throw new Conflict('every entry listed is confirmed already: there is nothing to ask');
}

const answerOf = (r: ConfirmationRequestDoc, rows: Rows): ConfirmationAskAnswer => ({
  requestId: r.requestId,
  apprenticeId: r.apprenticeId,
  apprenticeName: r.apprenticeName,
  by: r.by,
  coachEmails: r.coachEmails,
  entries: withConfirmed(rows, r.entries),
  ...(r.note !== undefined ? { note: r.note } : {}),
  createdAt: r.createdAt,
});

/** The apprentice whose record it is asks their coaches (as last synced) to confirm entries of it. */
export async function askConfirmation(
  { db, now }: Deps,
  member: Member,
  { sid, aid, roles }: On,
  read: Input<ConfirmationAsk>,
): Promise<ConfirmationAskAnswer> {
  const m = requireRole(member, sid, roles, 'asking coaches to confirm entries');
  if (m.apprenticeId !== aid)
    throw new Forbidden(`${member.email} may ask for confirmations only on their own record, not on ${aid}`);
  const body = read();
  let rows: Rows = { signOffs: [], hours: [] };
  const stored = await createRequest(db, sid, aid, (state, open) => {
    if (!state.profile) throw new NotFound(`no apprentice ${aid} in sponsor ${sid}: the roster has not synced it yet`);
    rows = rowsOfState(state);
    checkEntries(rows, body.entries);
    // Requests answered since they were last listed count as answered here too.
    if (open.filter((r) => isOpen(rows, r.entries)).length >= MAX_OPEN_REQUESTS)
      throw new Conflict(
        `${aid} has ${MAX_OPEN_REQUESTS} open confirmation requests, the most at once: ` +
          'ask again once your coaches have confirmed some of them',
      );
    const { apprentice } = state.profile;
    return {
      sponsorId: sid,
      apprenticeId: aid,
      apprenticeName: apprentice.name,
      by: member.email,
      coachEmails: apprentice.coachEmails,
      entries: body.entries,
      ...(body.note !== undefined ? { note: body.note } : {}),
      createdAt: now().toISOString(),
    };
  });
  return answerOf(stored, rows);
}

/** Whose requests the caller sees: an apprentice their own, a coach their apprentices' (as now synced), an admin all. */
async function visibleApprentices(
  deps: Deps,
  member: Member,
  role: Role,
  sid: string,
  aids: string[],
): Promise<string[]> {
  if (role !== 'coach') return aids;
  const docs = await readApprenticeDocs(deps.db, sid, aids);
  return aids.filter((_, i) => docs[i]?.apprentice?.coachEmails.includes(member.email));
}

/** The open requests the caller may see, oldest first; the ones found answered are marked so and left out. */
export async function listConfirmationAsks(
  deps: Deps,
  member: Member,
  { sid, roles }: { sid: string; roles: Role[] },
): Promise<ConfirmationAskAnswer[]> {
  const { db, now } = deps;
  const m = requireRole(member, sid, roles, 'listing confirmation requests');
  let requests: ConfirmationRequestDoc[];
  if (m.role === 'apprentice') requests = m.apprenticeId ? await openRequestsOf(db, sid, m.apprenticeId) : [];
  else requests = await openRequestsIn(db, sid);
  const byApprentice = new Map<string, ConfirmationRequestDoc[]>();
  for (const r of requests) byApprentice.set(r.apprenticeId, [...(byApprentice.get(r.apprenticeId) ?? []), r]);
  const visible = await visibleApprentices(deps, member, m.role, sid, [...byApprentice.keys()]);
  const open: ConfirmationAskAnswer[] = [];
  const answered: ConfirmationRequestDoc[] = [];
  await Promise.all(
    visible.map(async (aid) => {
      const { rows } = await readRows(db, sid, aid);
      const record: Rows = { signOffs: rows.signOffs.map((r) => r.data), hours: rows.hours.map((r) => r.data) };
      for (const r of byApprentice.get(aid)!) {
        if (isOpen(record, r.entries)) open.push(answerOf(r, record));
        else answered.push(r);
      }
    }),
  );
  if (answered.length) await closeRequests(db, sid, answered, now().toISOString());
  return open.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.requestId.localeCompare(b.requestId));
}
