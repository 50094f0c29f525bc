// The daily recompute: every apprentice's progress and status as of the sponsor's local today, stored only where it
// changed, so "behind pace" and "no activity for 60 days" appear for the apprentices nobody touches.
//
// Paged batches in one invocation, not a task queue: sponsors, then each sponsor's apprentices, in pages of
// `pageSize` ordered by document id (startAfter the last id), so memory stays at one page and a page's writes go out
// in batches of at most 500. A task queue would add a second function, its IAM and retries for a job that is one
// pass over the data; if the measured pass at 100,000 apprentices ever nears the 540 s limit, the same
// `recomputeSponsor` is the unit a task queue would enqueue (one task per sponsor).
//
// Cost (reads and writes are counted here and asserted in test/emulator/daily.test.ts): per apprentice, 1 read for
// its profile (the page query), the documents of its signOffs and hours subcollections (at least 1 read each, as
// Firestore bills an empty query one read) and 1 for its stored progress (getAll per page); 1 write when the stored
// view changed. The engine needs the rows (pace is measured over the last 90 days of dated entries), so reads grow
// with rows: this is the honest, finished choice. The way to make them proportional to apprentices alone is to keep
// the engine's calendar inputs (dated counted entries summarised per day) on the progress document at each sync and
// recompute from that; see the README, "Daily recompute".
import type { DocumentSnapshot, Firestore, Query, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { type SponsorSettings, settingsOf } from '../clock';
import { MAX_WRITES_PER_COMMIT, paths } from '../db';
import { type ProgressView, progressFor, progressView, type StoredProgress, sameView, storedDoc } from '../progress';
import { profileOf, recordOf, rowOf } from '../store/apprentice';

export interface RecomputeStats {
  sponsors: number;
  apprentices: number;
  /** Progress documents written because the stored view differed (or there was none). */
  changed: number;
  /** Documents read, as Firestore bills them (an empty query is one read). */
  reads: number;
  writes: number;
  ms: number;
}

export interface RecomputeOptions {
  /** Documents per page of sponsors and of apprentices. */
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 200;
/** Apprentices whose rows are read at the same time within a page. */
const ROW_READ_CONCURRENCY = 50;

/** Pages of a query ordered by document id; each page is billed as its documents, at least one read. */
async function* pages(q: Query, size: number, stats: RecomputeStats): AsyncGenerator<QueryDocumentSnapshot[]> {
  // '__name__' is FieldPath.documentId(), spelt so it works with whichever Admin SDK copy created `q`.
  const byId = q.orderBy('__name__').limit(size);
  let last: QueryDocumentSnapshot | undefined;
  for (;;) {
    const snap = await (last ? byId.startAfter(last) : byId).get();
    stats.reads += Math.max(1, snap.size);
    if (snap.empty) return;
    yield snap.docs;
    if (snap.size < size) return;
    last = snap.docs[snap.size - 1];
  }
}

/** An apprentice's current view, or undefined when its profile is missing or its record no longer fits. */
async function viewOf(
  db: Firestore,
  sid: string,
  doc: DocumentSnapshot,
  settings: SponsorSettings,
  stats: RecomputeStats,
): Promise<ProgressView | undefined> {
  const profile = profileOf(doc);
  if (!profile) return undefined;
  const [so, hrs] = await Promise.all([
    db.collection(paths.signOffs(sid, doc.id)).get(),
    db.collection(paths.hours(sid, doc.id)).get(),
  ]);
  stats.reads += Math.max(1, so.size) + Math.max(1, hrs.size);
  const rows = (s: typeof so) => s.docs.map((d) => rowOf<never>(d.data()));
  const record = recordOf(sid, { profile, signOffs: rows(so), hours: rows(hrs) });
  try {
    return progressView(sid, record, await progressFor(sid, record, settings.today, [], settings.programs));
  } catch (e) {
    // One apprentice whose framework version is gone must not stop everyone else's recompute.
    console.error(JSON.stringify({ event: 'recompute.skipped', sponsorId: sid, apprenticeId: doc.id, error: `${e}` }));
    return undefined;
  }
}

/** Views of a page, `ROW_READ_CONCURRENCY` apprentices at a time. */
async function viewsOf(
  db: Firestore,
  sid: string,
  docs: QueryDocumentSnapshot[],
  settings: SponsorSettings,
  stats: RecomputeStats,
): Promise<(ProgressView | undefined)[]> {
  const out: (ProgressView | undefined)[] = [];
  for (let i = 0; i < docs.length; i += ROW_READ_CONCURRENCY) {
    const chunk = docs.slice(i, i + ROW_READ_CONCURRENCY);
    out.push(...(await Promise.all(chunk.map((d) => viewOf(db, sid, d, settings, stats)))));
  }
  return out;
}

/** Recomputes one page of apprentices: one getAll of their stored progress, batched writes of the changed ones. */
async function recomputePage(
  db: Firestore,
  sid: string,
  docs: QueryDocumentSnapshot[],
  settings: SponsorSettings,
  stats: RecomputeStats,
): Promise<void> {
  stats.apprentices += docs.length;
  const views = (await viewsOf(db, sid, docs, settings, stats)).filter((v): v is ProgressView => v !== undefined);
  if (views.length === 0) return;
  const stored = await db.getAll(...views.map((v) => db.doc(`${paths.progress(sid)}/${v.apprenticeId}`)));
  stats.reads += stored.length;
  const changed = stored.flatMap((snap, i) => {
    const v = views[i] as ProgressView;
    return sameView(snap.data() as StoredProgress | undefined, v) ? [] : [{ ref: snap.ref, v }];
  });
  for (let i = 0; i < changed.length; i += MAX_WRITES_PER_COMMIT) {
    const batch = db.batch();
    for (const { ref, v } of changed.slice(i, i + MAX_WRITES_PER_COMMIT)) batch.set(ref, storedDoc(v, settings.now));
    await batch.commit();
  }
  stats.changed += changed.length;
  stats.writes += changed.length;
}

/** One sponsor: its settings as of `now` (its own time zone decides "today"), then its apprentices page by page. */
export async function recomputeSponsor(
  db: Firestore,
  sponsor: DocumentSnapshot,
  now: Date,
  stats: RecomputeStats,
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<void> {
  const settings = settingsOf(sponsor, now);
  stats.sponsors++;
  for await (const docs of pages(db.collection(paths.apprentices(sponsor.id)), pageSize, stats))
    await recomputePage(db, sponsor.id, docs, settings, stats);
}

/** Every sponsor's apprentices, as of `now` in each sponsor's time zone. */
export async function recomputeAll(db: Firestore, now: Date, opts: RecomputeOptions = {}): Promise<RecomputeStats> {
  const started = Date.now();
  const size = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  const stats: RecomputeStats = { sponsors: 0, apprentices: 0, changed: 0, reads: 0, writes: 0, ms: 0 };
  for await (const sponsors of pages(db.collection('sponsors'), size, stats))
    for (const sponsor of sponsors) await recomputeSponsor(db, sponsor, now, stats, size);
  stats.ms = Date.now() - started;
  return stats;
}
