// The seeded cohort every bad request is built against: two sponsors, their staff, three synced apprentices.
// Valid base requests come from it (a new idempotency key for ann's record, a sign-off of an item ann has not got,
// a transcript, a role for a new member); the faults then make each one bad.
import { type ApprenticeRecordInput, getFramework } from '@qualcard/shared';
import { call, clearFirestore, seedSponsor } from '../emulator/helpers/api';
import { itemIds, record } from '../emulator/helpers/records';

export const ACME = 'acme';
export const GLOBEX = 'globex';
export const ADMIN = 'admin@acme.example';
export const COACH = 'coach@acme.example';
export const COACH2 = 'coach2@acme.example';
export const CONSULTANT = 'consultant@advisors.example';
export const GLOBEX_ADMIN = 'admin@globex.example';
export const ANN_EMAIL = 'ann@apprentice.example';
export const STRANGER = 'stranger@else.example';
export const AS_OF = '2026-06-30';
/** The idempotency key of the seeding sync: re-using it with another body is a 409 after full validation. */
export const SEED_SYNC_KEY = 'seed-acme-0001';

/** Ann's record uses every field of the format, so faults have every kind of field to aim at. */
export const ann = (): ApprenticeRecordInput => {
  const r = record({
    id: 'ann',
    frameworkId: 'nitas-help-desk',
    levelId: 'L1',
    coach: COACH,
    startDate: '2025-09-01',
    stage: { signed: 4, hoursPerCategory: 16 },
  });
  r.apprentice.maximumMonths = 36;
  r.signOffs![0] = { ...r.signOffs![0]!, evidence: 'Ticket #4512 triaged', notes: 'Observed on site' };
  r.hours![0] = { ...r.hours![0]!, verifiedBy: COACH };
  r.priorCredit = [
    {
      id: 'pc-1',
      category: 'related-instruction',
      levelId: 'L1',
      hours: 8,
      description: 'Community college course',
      approvedBy: ADMIN,
    },
  ];
  r.exams = [{ id: 'L1-all-required-course-exams', date: '2026-03-02', passed: true }];
  r.certifications = [{ id: 'comptia-a-plus', date: '2026-04-10' }];
  return r;
};
export const bob = (): ApprenticeRecordInput =>
  record({
    id: 'bob',
    frameworkId: 'it-support-wps',
    levelId: 'L1',
    coach: COACH2,
    startDate: '2025-10-01',
    stage: { signed: 3 },
  });
const gus = (): ApprenticeRecordInput =>
  record({
    id: 'gus',
    frameworkId: 'customer-technical-support',
    levelId: 'ITS1',
    coach: 'coach@globex.example',
    startDate: '2025-10-01',
    stage: { signed: 2 },
  });

const nitas = () => {
  const f = getFramework('nitas-help-desk');
  if (!f) throw new Error('nitas-help-desk is not shipped');
  return f;
};
/** Items of ann's framework she has signed (through the seeding sync) and some she has not. */
export const ANN_SIGNED = itemIds(nitas(), 'L1').slice(0, 4);
export const ANN_UNSIGNED = itemIds(nitas(), 'L1').slice(4, 12);
/** Row ids of ann's synced hours entries. */
export const ANN_HOURS = (ann().hours ?? []).flatMap((h) => (h.id ? [h.id] : []));

/** Empties the database and seeds the cohort through the real API (as the operator and the admins would). */
export async function seedCohort(): Promise<void> {
  await clearFirestore();
  await seedSponsor(ACME, 'Acme IT', { [ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  await seedSponsor(GLOBEX, 'Globex', { [GLOBEX_ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  const seeds: [string, string, string, ApprenticeRecordInput[]][] = [
    [ACME, ADMIN, SEED_SYNC_KEY, [ann(), bob()]],
    [GLOBEX, GLOBEX_ADMIN, 'seed-globex-0001', [gus()]],
  ];
  for (const [sid, as, key, records] of seeds) {
    const res = await call('POST', `/v1/sponsors/${sid}/sync`, {
      as,
      body: { idempotencyKey: key, asOf: AS_OF, records },
    });
    if (res.status !== 200) throw new Error(`seeding ${sid} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
