// Writes one apprentice's state: profile document plus row documents, with an audit record for every changed
// sign-off or hours entry in the same transaction. Large changes are split into commits of at most
// MAX_WRITES_PER_COMMIT writes; each commit re-reads the state, so a retry after a failure simply finishes the job.
import type { ApprenticeRecord, HoursEntry, SignOff } from '@qualcard/shared';
import type { DocumentSnapshot, Firestore, Transaction } from 'firebase-admin/firestore';
import { type AuditAction, type AuditBody, type AuditEntity, type AuditHead, appendAudit, GENESIS } from '../audit';
import { canonicalJson } from '../canonical';
import { MAX_WRITES_PER_COMMIT, paths } from '../db';
import { type Row, sameContent } from './rows';

export interface Profile {
  apprentice: ApprenticeRecord['apprentice'];
  priorCredit: ApprenticeRecord['priorCredit'];
  exams: ApprenticeRecord['exams'];
  certifications: ApprenticeRecord['certifications'];
  /** Wage raises an admin recorded (routes/raises.ts); absent until the first. */
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

export const profileOf = (snap: DocumentSnapshot): Profile | undefined => {
  if (!snap.exists) return undefined;
  const d = snap.data()!;
  return {
    apprentice: d.apprentice,
    priorCredit: d.priorCredit ?? [],
    exams: d.exams ?? [],
    certifications: d.certifications ?? [],
    ...(d.raises ? { raises: d.raises } : {}),
  };
};

export const rowOf = <T>(data: FirebaseFirestore.DocumentData): Row<T> => ({
  key: data.key,
  order: data.order,
  data: data.data as T,
});

export async function readState(db: Firestore, sid: string, aid: string, tx?: Transaction): Promise<ApprenticeState> {
  const get = <T>(ref: T) => (tx ? tx.get(ref as never) : (ref as unknown as { get(): Promise<unknown> }).get());
  const [doc, so, hrs] = (await Promise.all([
    get(db.doc(paths.apprentice(sid, aid))),
    get(db.collection(paths.signOffs(sid, aid))),
    get(db.collection(paths.hours(sid, aid))),
  ])) as [DocumentSnapshot, FirebaseFirestore.QuerySnapshot, FirebaseFirestore.QuerySnapshot];
  return {
    exists: doc.exists,
    profile: profileOf(doc),
    head: (doc.get('auditHead') as AuditHead | undefined) ?? GENESIS,
    signOffs: new Map(so.docs.map((d) => [d.id, rowOf<SignOff>(d.data())])),
    hours: new Map(hrs.docs.map((d) => [d.id, rowOf<HoursEntry>(d.data())])),
  };
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
      if (profileChanged)
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
