// Writes one apprentice's state: profile document plus row documents, with an audit record for every changed
// sign-off or hours entry in the same transaction. Large changes are split into commits of at most
// MAX_WRITES_PER_COMMIT writes; each commit re-reads the state, so a retry after a failure simply finishes the job.
import type { Apprentice, ApprenticeRecord, HoursEntry, SignOff } from '@qualcard/shared';
import type { DocumentSnapshot, Firestore, Query, Transaction } from 'firebase-admin/firestore';
import { type AuditAction, type AuditBody, type AuditEntity, type AuditHead, GENESIS } from '../audit';
import { canonicalJson } from '../canonical';
import { MAX_WRITES_PER_COMMIT, paths } from '../db';
import { type ApprenticeDoc, apprenticeDocs, apprenticeRef, hoursRow, signOffRow } from './apprentice-doc';
import { appendAudit } from './audit';
import { getAll } from './convert';
import { type Row, sameContent } from './rows';

export interface Profile {
  apprentice: ApprenticeRecord['apprentice'];
  priorCredit: ApprenticeRecord['priorCredit'];
  exams: ApprenticeRecord['exams'];
  certifications: ApprenticeRecord['certifications'];
  /** Wage raises an admin recorded (usecases/raise.ts); absent until the first. */
  raises?: ApprenticeRecord['raises'];
}

export interface ApprenticeState {
  exists: boolean;
  profile?: Profile;
  head: AuditHead;
  signOffs: Map<string, Row<SignOff>>;
  hours: Map<string, Row<HoursEntry>>;
}

export interface Target {
  profile: Profile;
  signOffs: Row<SignOff>[];
  hours: Row<HoursEntry>[];
  /**
   * When the profile change is exactly these entries (a withdrawal): one audit record per entry, keyed by it
   * (`exams/<id>`), instead of one for the whole profile.
   */
  profileEntries?: { key: string; before: unknown; after: unknown }[];
}

export interface ChangeCount {
  created: number;
  updated: number;
  deleted: number;
}
export interface CommitResult {
  target: Target;
  profileChanged: boolean;
  signOffs: ChangeCount;
  hours: ChangeCount;
}

interface RowChange {
  entity: AuditEntity;
  collection: string;
  key: string;
  action: AuditAction | 'reorder';
  before?: Row<unknown>;
  after?: Row<unknown>;
}

/** The profile an apprentice document holds, or undefined when there is none (never synced). */
export const profileOf = (snap: DocumentSnapshot<ApprenticeDoc>): Profile | undefined => {
  const d = snap.data();
  if (!d?.apprentice) return undefined;
  return {
    apprentice: d.apprentice,
    priorCredit: d.priorCredit ?? [],
    exams: d.exams ?? [],
    certifications: d.certifications ?? [],
    ...(d.raises ? { raises: d.raises } : {}),
  };
};

/** Reads within the transaction when there is one. */
const read = <T>(tx: Transaction | undefined, q: Query<T>) => (tx ? tx.get(q) : q.get());

export async function readState(db: Firestore, sid: string, aid: string, tx?: Transaction): Promise<ApprenticeState> {
  const ref = apprenticeRef(db, sid, aid);
  const [doc, so, hrs] = await Promise.all([
    tx ? tx.get(ref) : ref.get(),
    read(tx, db.collection(paths.signOffs(sid, aid)).withConverter(signOffRow)),
    read(tx, db.collection(paths.hours(sid, aid)).withConverter(hoursRow)),
  ]);
  return {
    exists: doc.exists,
    profile: profileOf(doc),
    head: doc.data()?.auditHead ?? GENESIS,
    signOffs: new Map(so.docs.map((d) => [d.id, d.data()])),
    hours: new Map(hrs.docs.map((d) => [d.id, d.data()])),
  };
}

/** The rows themselves, and the reads they cost as Firestore bills them (at least one per subcollection). */
export async function readRows(
  db: Firestore,
  sid: string,
  aid: string,
): Promise<{ rows: { signOffs: Row<SignOff>[]; hours: Row<HoursEntry>[] }; reads: number }> {
  const [so, hrs] = await Promise.all([
    db.collection(paths.signOffs(sid, aid)).withConverter(signOffRow).get(),
    db.collection(paths.hours(sid, aid)).withConverter(hoursRow).get(),
  ]);
  return {
    rows: { signOffs: so.docs.map((d) => d.data()), hours: hrs.docs.map((d) => d.data()) },
    reads: Math.max(1, so.size) + Math.max(1, hrs.size),
  };
}

/** The apprentice's roster row, or undefined when there is none. */
export async function readApprentice(db: Firestore, sid: string, aid: string): Promise<Apprentice | undefined> {
  return (await apprenticeRef(db, sid, aid).get()).data()?.apprentice;
}

/** The stored documents of these apprentices, in the order asked (undefined where there is none). */
export async function readApprenticeDocs(
  db: Firestore,
  sid: string,
  aids: string[],
): Promise<(ApprenticeDoc | undefined)[]> {
  const snaps = await getAll(
    db,
    aids.map((a) => apprenticeRef(db, sid, a)),
  );
  return snaps.map((s) => s.data());
}

/** The roster rows of the sponsor's apprentices on a framework. */
export async function apprenticesOn(db: Firestore, sid: string, fid: string): Promise<Apprentice[]> {
  const snap = await apprenticeDocs(db, sid).where('apprentice.frameworkId', '==', fid).get();
  return snap.docs.flatMap((d) => d.data().apprentice ?? []);
}

/** The record the engine reads, rows in sheet order. */
export function recordOf(
  sid: string,
  t: { profile: Profile; signOffs: Iterable<Row<SignOff>>; hours: Iterable<Row<HoursEntry>> },
): ApprenticeRecord {
  const sorted = <T>(rows: Iterable<Row<T>>) =>
    [...rows].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key)).map((r) => r.data);
  return { schemaVersion: 1, sponsorId: sid, ...t.profile, signOffs: sorted(t.signOffs), hours: sorted(t.hours) };
}

/** The stored record of one apprentice, or undefined if there is none. */
export async function readRecord(db: Firestore, sid: string, aid: string): Promise<ApprenticeRecord | undefined> {
  const state = await readState(db, sid, aid);
  return state.profile
    ? recordOf(sid, { profile: state.profile, signOffs: state.signOffs.values(), hours: state.hours.values() })
    : undefined;
}

function diffRows(
  entity: AuditEntity,
  collection: string,
  current: Map<string, Row<unknown>>,
  target: Row<unknown>[],
): RowChange[] {
  const changes: RowChange[] = [];
  const wanted = new Set<string>();
  for (const row of target) {
    wanted.add(row.key);
    const before = current.get(row.key);
    if (!before) changes.push({ entity, collection, key: row.key, action: 'create', after: row });
    else if (!sameContent({ ...before, order: 0 }, { ...row, order: 0 }))
      changes.push({ entity, collection, key: row.key, action: 'update', before, after: row });
    else if (before.order !== row.order)
      changes.push({ entity, collection, key: row.key, action: 'reorder', after: row });
  }
  for (const [key, before] of current)
    if (!wanted.has(key)) changes.push({ entity, collection, key, action: 'delete', before });
  return changes;
}

const count = (changes: RowChange[], entity: AuditEntity, into: ChangeCount): void => {
  for (const c of changes) {
    if (c.entity !== entity) continue;
    if (c.action === 'create') into.created++;
    else if (c.action === 'update') into.updated++;
    else if (c.action === 'delete') into.deleted++;
  }
};

/** Audit payload: the row's content with its provenance; the sheet order is bookkeeping, not content. */
const auditView = (row?: Row<unknown>) => (row ? { data: row.data } : null);

/**
 * Brings the apprentice to the state `plan` asks for, given the current state. `plan` may be called several times
 * (once per commit, and again when a transaction retries) and must be deterministic for a given state.
 */
export async function commitApprentice(
  db: Firestore,
  sid: string,
  aid: string,
  who: string,
  plan: (state: ApprenticeState) => Target,
): Promise<CommitResult> {
  const result: CommitResult = {
    target: undefined as never,
    profileChanged: false,
    signOffs: { created: 0, updated: 0, deleted: 0 },
    hours: { created: 0, updated: 0, deleted: 0 },
  };
  for (;;) {
    const done = await db.runTransaction(async (tx) => {
      // The plan's state is read in the transaction, so a concurrent change makes it retry, not overwrite.
      const state = await readState(db, sid, aid, tx);
      const target = plan(state);
      const profileChanged = !state.profile || canonicalJson(state.profile) !== canonicalJson(target.profile);
      const all = [
        ...diffRows('sign-off', paths.signOffs(sid, aid), state.signOffs as Map<string, Row<unknown>>, target.signOffs),
        ...diffRows('hours-entry', paths.hours(sid, aid), state.hours as Map<string, Row<unknown>>, target.hours),
      ];
      // Budget: the apprentice document and its audit record, then 2 writes (row + audit) per content change,
      // 1 per reorder.
      let budget = MAX_WRITES_PER_COMMIT - 2;
      const batch: RowChange[] = [];
      for (const c of all) {
        const cost = c.action === 'reorder' ? 1 : 2;
        if (cost > budget) break;
        budget -= cost;
        batch.push(c);
      }
      const at = new Date().toISOString();
      const audits: Omit<AuditBody, 'seq'>[] = [];
      // Roster fields, prior credit, exams and certifications (and their confirmations) are audited like rows.
      if (profileChanged && state.profile && target.profileEntries?.length)
        for (const e of target.profileEntries)
          audits.push({ at, who, entity: 'profile', key: e.key, action: 'update', before: e.before, after: e.after });
      else if (profileChanged)
        audits.push({
          at,
          who,
          entity: 'profile',
          key: 'profile',
          action: state.profile ? 'update' : 'create',
          before: state.profile ?? null,
          after: target.profile,
        });
      for (const c of batch) {
        const ref = db.doc(`${c.collection}/${c.key}`);
        if (c.action === 'delete') tx.delete(ref);
        else tx.set(ref, { ...c.after, updatedAt: at });
        if (c.action !== 'reorder')
          audits.push({
            at,
            who,
            entity: c.entity,
            key: c.key,
            action: c.action,
            before: auditView(c.before),
            after: auditView(c.after),
          });
      }
      const head = appendAudit(tx, db, sid, aid, state.head, audits);
      // Any row change touches the apprentice document (a reorder too, which has no audit record): its update
      // time then says the rows changed, which the daily recompute's row cache relies on (recompute/rows-cache.ts).
      if (profileChanged || batch.length > 0) {
        // mergeFields replaces these fields whole (a removed optional field goes) and keeps the transcript counter.
        const fields = { sponsorId: sid, apprenticeId: aid, ...target.profile, auditHead: head, updatedAt: at };
        tx.set(db.doc(paths.apprentice(sid, aid)), fields, { mergeFields: Object.keys(fields) });
      }
      return { target, profileChanged, batch, finished: batch.length === all.length };
    });
    result.target = done.target;
    result.profileChanged ||= done.profileChanged;
    count(done.batch, 'sign-off', result.signOffs);
    count(done.batch, 'hours-entry', result.hours);
    if (done.finished) return result;
  }
}

/**
 * Changes profile fields (not rows) in one transaction with their audit records: `plan` sees the current state and
 * says what to set, or throws to refuse. Returns the state it planned on, with the fields set.
 */
export async function commitProfileFields(
  db: Firestore,
  sid: string,
  aid: string,
  plan: (state: ApprenticeState) => { fields: Partial<Profile>; audits: Omit<AuditBody, 'seq'>[]; at: string },
): Promise<ApprenticeState> {
  return db.runTransaction(async (tx) => {
    const state = await readState(db, sid, aid, tx);
    const { fields, audits, at } = plan(state);
    const head = appendAudit(tx, db, sid, aid, state.head, audits);
    tx.set(db.doc(paths.apprentice(sid, aid)), { ...fields, auditHead: head, updatedAt: at }, { merge: true });
    return { ...state, profile: { ...state.profile!, ...fields }, head };
  });
}
