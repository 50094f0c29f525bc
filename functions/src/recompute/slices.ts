// The daily pass in slices: each scheduled invocation recomputes pages until its time budget is spent, then records
// where it stopped in `recompute/daily`; the next invocation (every 10 minutes from 02:00 to 05:50 UTC, schedule.ts)
// continues from there, and once the day's pass is done the remaining ones cost one read. So the pass is bounded by
// the 540 s limit per invocation, not in total: 24 slices of 480 s a day, against ~20 ms per apprentice measured on
// the emulator (bench:scale), i.e. room for several hundred thousand apprentices. The whole pass uses the instant
// its first slice was scheduled for, so every sponsor's "today" is the same whichever slice reaches it.
import type { Firestore } from 'firebase-admin/firestore';
import { info } from 'firebase-functions/logger';
import * as z from 'zod';
import { type RecomputeStats, recomputeAll } from './daily';

/** Where the pass state is kept (functions only: firestore.rules deny clients everything not listed). */
export const PASS_DOC = 'recompute/daily';
/** Time a slice spends before it stops after its current page: the 540 s limit less a page's worth and margin. */
export const SLICE_BUDGET_MS = 480_000;

const PassState = z.object({
  /** The UTC day the pass is for. */
  day: z.string(),
  /** The instant the pass computes as of (its first slice's schedule time). */
  asOf: z.string(),
  next: z.object({ sponsorId: z.string(), after: z.string().optional() }).nullable(),
  slices: z.number().int(),
  apprentices: z.number().int(),
  changed: z.number().int(),
});
type PassState = z.infer<typeof PassState>;

/** The state to continue: the stored one when it is this day's, else a new pass from the first sponsor. */
function stateFor(stored: unknown, at: Date): PassState {
  const day = at.toISOString().slice(0, 10);
  const parsed = PassState.safeParse(stored);
  if (parsed.success && parsed.data.day === day) return parsed.data;
  return { day, asOf: at.toISOString(), next: { sponsorId: '' }, slices: 0, apprentices: 0, changed: 0 };
}

/**
 * One slice of the day's pass, as of the time its first slice was scheduled for (so a retry or a later slice
 * recomputes the same day). Returns undefined when the day's pass was already done.
 */
export async function recomputeSlice(
  db: Firestore,
  scheduleTime: string | undefined,
  budgetMs = SLICE_BUDGET_MS,
): Promise<RecomputeStats | undefined> {
  const parsed = new Date(scheduleTime ?? Number.NaN);
  const at = Number.isNaN(parsed.valueOf()) ? new Date() : parsed;
  const ref = db.doc(PASS_DOC);
  const state = stateFor((await ref.get()).data(), at);
  if (!state.next) return undefined;
  const from = state.next.sponsorId ? state.next : undefined;
  const stats = await recomputeAll(db, new Date(state.asOf), { from, deadline: Date.now() + budgetMs });
  const saved: PassState = {
    ...state,
    next: stats.next ?? null,
    slices: state.slices + 1,
    apprentices: state.apprentices + stats.apprentices,
    changed: state.changed + stats.changed,
  };
  await ref.set(saved);
  info(saved.next ? 'recompute.slice' : 'recompute.done', { scheduleTime, ...stats, pass: saved });
  return stats;
}
