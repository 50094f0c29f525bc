// The daily recompute: every apprentice's progress and status as of the sponsor's local today, stored only where it
// changed, so "behind pace" and "no activity for 60 days" appear for the apprentices nobody touches.
//
// Paged batches, not a task queue: sponsors, then each sponsor's apprentices, in pages of `pageSize` ordered by
// document id (startAfter the last id), so memory stays at one page and a page's writes go out in batches of at most
// 500. A pass stops after the page that crosses its deadline and says where (`next`); the scheduled function runs the
// day's pass in such slices (slices.ts), so it is bounded per invocation whatever the number of apprentices. A task
// queue would add a second function, its IAM and its retries for what is one ordered pass over the data.
//
// Cost per apprentice and run (counted here, asserted in test/emulator/daily.test.ts): 1 read for its profile (the
// page query), 1 for its copy of the rows (recompute/rows-cache.ts, getAll per page) and 1 for its stored progress
// (getAll per page): 3 reads, whatever its number of rows, plus a share of the page queries. Only when its rows
// changed since the copy was taken (a sync, sign-off, confirmation or migration touched the apprentice document) are
// its rows read again (one read per row, at least one per subcollection) and the copy rewritten: 1 write. Its
// progress is written (1 write) only when the stored view differs; the view holds the as-of date, so that is once a
// day per apprentice, and a second run the same day (a retry) writes nothing.
//
// A sync that lands between this run's read of an apprentice and its write of that apprentice's progress can be
// overwritten by a view from the rows before it (as two overlapping syncs can); the sync's rows are kept and touched
// the apprentice document, so the next run (or the next sync) stores the right view again.
import type { DocumentSnapshot, Firestore, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { type SponsorSettings, settingsFrom, todayOf } from '../clock';
import { logs } from '../logs';
import { type ProgressView, progressFor, progressView, sameView, storedDoc } from '../progress';
import { profileOf, readRows, recordOf } from '../store/apprentice';
import type { ApprenticeDoc } from '../store/apprentice-doc';
import { readProgresses } from '../store/progress';
import { apprenticePages, commitWrites, type RecomputeWrite, readRowCopies, sponsorPages } from '../store/recompute';
import type { SponsorDoc } from '../store/sponsors';
import { cachedRows, rowsDoc, versionOf } from './rows-cache';

export interface RecomputeStats {
  sponsors: number;
  apprentices: number;
  /** Progress documents written because the stored view differed (or there was none). */
  changed: number;
  /** Documents read, as Firestore bills them (an empty query is one read). */
  reads: number;
  /** Documents written: the changed progress documents and the row copies taken again. */
  writes: number;
  ms: number;
  /** Where the pass stopped at its deadline, to be continued from; absent once every sponsor is done. */
  next?: RecomputeCursor;
}

/** A place in the pass: the sponsor to continue with, after its apprentice `after` (from its first when absent). */
export interface RecomputeCursor {
  sponsorId: string;
  after?: string;
}

export interface RecomputeOptions {
  /** Documents per page of sponsors and of apprentices. */
  pageSize?: number;
  /** Stop after the page that ends past this time (ms since the epoch) and say where (`next`); one page at least. */
  deadline?: number;
  /** Continue a pass that stopped (`next` of the previous call). */
  from?: RecomputeCursor;
}

export const DEFAULT_PAGE_SIZE = 200;
/** Apprentices whose rows are read at the same time within a page. */
const ROW_READ_CONCURRENCY = 50;

interface Pending {
  doc: QueryDocumentSnapshot<ApprenticeDoc>;
  /** The stored copy of the apprentice's rows (recomputeRows). */
  cache: DocumentSnapshot;
}
type Write = RecomputeWrite;

/** An apprentice's rows from the copy when it is current, else from the rows (and a fresh copy to write). */
async function rowsOf(db: Firestore, sid: string, p: Pending, stats: RecomputeStats, writes: Write[]) {
  const version = versionOf(p.doc);
  const cached = cachedRows(p.cache, version);
  if (cached) return cached;
  const { rows, reads } = await readRows(db, sid, p.doc.id);
  stats.reads += reads;
  const copy = rowsDoc(rows, version);
  if (copy) writes.push({ kind: 'rows', sponsorId: sid, apprenticeId: p.doc.id, copy });
  return rows;
}

/** An apprentice's current view, or undefined when its profile is missing or its record no longer fits. */
async function viewOf(
  db: Firestore,
  sid: string,
  p: Pending,
  settings: SponsorSettings,
  stats: RecomputeStats,
  writes: Write[],
): Promise<ProgressView | undefined> {
  const profile = profileOf(p.doc);
  if (!profile) return undefined;
  const record = recordOf(sid, { profile, ...(await rowsOf(db, sid, p, stats, writes)) });
  try {
    return progressView(sid, record, await progressFor(db, sid, record, todayOf(settings), [], settings.programs));
  } catch (e) {
    // One apprentice whose framework version is gone must not stop everyone else's recompute.
    logs.recomputeSkipped(sid, p.doc.id, e);
    return undefined;
  }
}

/** Views of a page, `ROW_READ_CONCURRENCY` apprentices at a time (one getAll of their row copies first). */
async function viewsOf(
  db: Firestore,
  sid: string,
  docs: QueryDocumentSnapshot<ApprenticeDoc>[],
  settings: SponsorSettings,
  stats: RecomputeStats,
  writes: Write[],
): Promise<ProgressView[]> {
  const caches = await readRowCopies(
    db,
    sid,
    docs.map((d) => d.id),
  );
  stats.reads += caches.length;
  const out: (ProgressView | undefined)[] = [];
  for (let i = 0; i < docs.length; i += ROW_READ_CONCURRENCY) {
    const chunk = docs.slice(i, i + ROW_READ_CONCURRENCY).map((doc, j) => ({ doc, cache: caches[i + j]! }));
    out.push(...(await Promise.all(chunk.map((p) => viewOf(db, sid, p, settings, stats, writes)))));
  }
  return out.filter((v): v is ProgressView => v !== undefined);
}

/** Writes in batches of at most 500 (Firestore's limit on one commit). */
async function commitAll(db: Firestore, writes: Write[], stats: RecomputeStats): Promise<void> {
  await commitWrites(db, writes);
  stats.writes += writes.length;
}

/** Recomputes one page of apprentices: one getAll of their stored progress, batched writes of the changed ones. */
async function recomputePage(
  db: Firestore,
  sid: string,
  docs: QueryDocumentSnapshot<ApprenticeDoc>[],
  settings: SponsorSettings,
  stats: RecomputeStats,
): Promise<void> {
  stats.apprentices += docs.length;
  const writes: Write[] = [];
  const views = await viewsOf(db, sid, docs, settings, stats, writes);
  if (views.length === 0) return commitAll(db, writes, stats);
  const stored = await readProgresses(
    db,
    sid,
    views.map((v) => v.apprenticeId),
  );
  stats.reads += stored.length;
  const before = writes.length;
  stored.forEach((current, i) => {
    const v = views[i] as ProgressView;
    if (!sameView(current, v)) writes.push({ kind: 'progress', stored: storedDoc(v, settings.now) });
  });
  stats.changed += writes.length - before;
  await commitAll(db, writes, stats);
}

/** A pass's progress: its counts, when it must stop and whether it did. */
interface Pass {
  stats: RecomputeStats;
  size: number;
  deadline: number;
}

/**
 * One sponsor: its settings as of `now` (its own time zone decides "today"), then its apprentices page by page
 * (after `after` when a pass continues). Returns false when it stopped at the deadline, `pass.stats.next` set.
 */
export async function recomputeSponsor(
  db: Firestore,
  sponsor: QueryDocumentSnapshot<SponsorDoc>,
  now: Date,
  pass: Pass,
  after?: string,
): Promise<boolean> {
  const settings = settingsFrom(sponsor.data(), now);
  pass.stats.sponsors++;
  const onRead = (n: number) => {
    pass.stats.reads += n;
  };
  for await (const docs of apprenticePages(db, sponsor.id, pass.size, onRead, after)) {
    await recomputePage(db, sponsor.id, docs, settings, pass.stats);
    if (Date.now() > pass.deadline && docs.length === pass.size) {
      pass.stats.next = { sponsorId: sponsor.id, after: docs[docs.length - 1]!.id };
      return false;
    }
  }
  return true;
}

/**
 * Every sponsor's apprentices, as of `now` in each sponsor's time zone, or as many as fit before `opts.deadline`
 * (then `next` says where to continue with `opts.from`). The scheduled function runs it in slices (schedule.ts).
 */
export async function recomputeAll(db: Firestore, now: Date, opts: RecomputeOptions = {}): Promise<RecomputeStats> {
  const started = Date.now();
  const stats: RecomputeStats = { sponsors: 0, apprentices: 0, changed: 0, reads: 0, writes: 0, ms: 0 };
  const pass: Pass = { stats, size: opts.pageSize ?? DEFAULT_PAGE_SIZE, deadline: opts.deadline ?? Infinity };
  let after = opts.from?.after;
  const onRead = (n: number) => {
    stats.reads += n;
  };
  outer: for await (const sponsors of sponsorPages(db, pass.size, onRead, opts.from?.sponsorId))
    for (const sponsor of sponsors) {
      if (!(await recomputeSponsor(db, sponsor, now, pass, after))) break outer;
      after = undefined;
    }
  stats.ms = Date.now() - started;
  return stats;
}
