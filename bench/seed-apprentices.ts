// Apprentice documents (profile plus a few sign-off and hours rows, in the layout functions/src/store/apprentice.ts
// writes) for large cohorts, written straight into Firestore in batched writes: what the daily recompute reads.
// Syncing 100,000 apprentices through the API would take hours on the emulator. Each apprentice is one of the demo
// plans (every entry confirmed), cut to its first rows, under the seeded id the stored progress uses.
import { ApprenticeRecord } from '@qualcard/shared';
import type { Firestore } from 'firebase-admin/firestore';
import { GENESIS } from '../functions/src/audit';
import { paths } from '../functions/src/db';
import type { Target } from '../functions/src/store/apprentice';
import { planSync } from '../functions/src/sync/plan';
import { apprenticeRecord, benchPlans, confirmedRecord, DEMO_PLANS } from '../scripts/demo-cohort';
import { seededId } from '../scripts/stored-progress';

const BATCH = 500;
const IN_FLIGHT = 4;

/** One target (profile and rows) per demo plan, cut to `signOffs` sign-offs and `hours` hours entries. */
export function apprenticeTemplates(
  sid: string,
  today: string,
  admin: string,
  rows: { signOffs: number; hours: number },
) {
  const empty = { exists: false, head: GENESIS, signOffs: new Map(), hours: new Map() };
  return benchPlans(DEMO_PLANS.length).map((plan) => {
    const input = confirmedRecord(apprenticeRecord(plan, today, sid), {
      admin,
      at: `${today}T12:00:00.000Z`,
      date: today,
    });
    const cut = {
      ...input,
      signOffs: input.signOffs?.slice(0, rows.signOffs),
      hours: input.hours?.slice(0, rows.hours),
    };
    return planSync(sid, ApprenticeRecord.parse(cut), empty);
  });
}

/** The writes of apprentice `i` of a sponsor: its profile document and one document per row. */
function writesOf(sid: string, t: Target, i: number, at: string): [string, Record<string, unknown>][] {
  const aid = seededId(i);
  const apprentice = {
    ...t.profile.apprentice,
    id: aid,
    name: `${t.profile.apprentice.name.replace(/ \d+$/, '')} ${i}`,
  };
  const profile = { sponsorId: sid, apprenticeId: aid, ...t.profile, apprentice, updatedAt: at };
  return [
    [paths.apprentice(sid, aid), profile],
    ...t.signOffs.map((r): [string, Record<string, unknown>] => [
      `${paths.signOffs(sid, aid)}/${r.key}`,
      { ...r, updatedAt: at },
    ]),
    ...t.hours.map((r): [string, Record<string, unknown>] => [
      `${paths.hours(sid, aid)}/${r.key}`,
      { ...r, updatedAt: at },
    ]),
  ];
}

/** Writes apprentices [from, to) of a sponsor, cycling through the templates; `IN_FLIGHT` batches at a time. */
export async function seedApprentices(db: Firestore, sid: string, templates: Target[], from: number, to: number) {
  const at = new Date().toISOString();
  const pending = new Set<Promise<unknown>>();
  let batch = db.batch();
  let size = 0;
  const flush = async () => {
    const p = batch.commit().finally(() => pending.delete(p));
    pending.add(p);
    batch = db.batch();
    size = 0;
    if (pending.size >= IN_FLIGHT) await Promise.race(pending);
  };
  for (let i = from; i < to; i++) {
    const writes = writesOf(sid, templates[i % templates.length]!, i, at);
    if (size + writes.length > BATCH) await flush();
    for (const [path, data] of writes) batch.set(db.doc(path), data);
    size += writes.length;
  }
  if (size) await flush();
  await Promise.all(pending);
}
