// Stored progress (sponsors/{sid}/progress/{aid}) for large cohorts, written straight into Firestore with the Admin
// SDK in batched writes: for the scale benchmark and the streamed-report tests, where syncing 100,000 apprentices
// through the API would take hours. Each document is one of the demo plans' real progress (engine output,
// summarised as storeProgress summarises it, every entry confirmed), under a new apprentice id and name.
import { ApprenticeRecord, computeProgress, getFramework, summarizeProgress } from '@qualcard/shared';
import type { Firestore } from 'firebase-admin/firestore';
import type { StoredProgress } from '../functions/src/progress';
import { apprenticeRecord, benchPlans, confirmedRecord, DEMO_PLANS } from './demo-cohort';

const BATCH = 500;
const IN_FLIGHT = 4;

/** One stored-progress document per demo plan, as of `today` (every entry confirmed by `admin`). */
export function progressTemplates(sponsorId: string, today: string, admin: string): StoredProgress[] {
  return benchPlans(DEMO_PLANS.length).map((plan) => {
    const input = apprenticeRecord(plan, today, sponsorId);
    const record = ApprenticeRecord.parse(confirmedRecord(input, { admin, at: `${today}T12:00:00.000Z`, date: today }));
    const progress = computeProgress(getFramework(plan.frameworkId)!, record, today);
    const stored: StoredProgress = {
      sponsorId,
      apprenticeId: plan.id,
      name: plan.name,
      email: record.apprentice.email,
      coachEmails: record.apprentice.coachEmails,
      frameworkId: record.apprentice.frameworkId,
      frameworkVersion: progress.frameworkVersion,
      progress: summarizeProgress(progress),
      computedAt: `${today}T12:00:00.000Z`,
    };
    return JSON.parse(JSON.stringify(stored)) as StoredProgress;
  });
}

/** The apprentice id of the i-th seeded apprentice: zero-padded, so document id order is seeding order. */
export const seededId = (i: number): string => `a${String(i).padStart(6, '0')}`;

/** Writes apprentices [from, to) of a sponsor, cycling through the templates; `IN_FLIGHT` batches at a time. */
export async function seedStoredProgress(
  db: Firestore,
  sponsorId: string,
  templates: StoredProgress[],
  from: number,
  to: number,
): Promise<void> {
  const pending = new Set<Promise<unknown>>();
  for (let start = from; start < to; start += BATCH) {
    const batch = db.batch();
    for (let i = start; i < Math.min(to, start + BATCH); i++) {
      const t = templates[i % templates.length]!;
      const id = seededId(i);
      batch.set(db.doc(`sponsors/${sponsorId}/progress/${id}`), {
        ...t,
        sponsorId,
        apprenticeId: id,
        name: `${t.name.replace(/ \d+$/, '')} ${i}`,
      });
    }
    const p = batch.commit().finally(() => pending.delete(p));
    pending.add(p);
    if (pending.size >= IN_FLIGHT) await Promise.race(pending);
  }
  await Promise.all(pending);
}
