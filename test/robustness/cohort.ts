// The seeded cohort every bad request is built against: two sponsors, their staff, three synced apprentices.
// Valid base requests come from it (a new idempotency key for ann's record, a sign-off of an item ann has not got,
// a transcript, a role for a new member, a new version of Acme's own framework, a migration to its next version);
// the faults then make each one bad.
import { type ApprenticeRecordInput, type Framework, frameworkFromRows, getFramework } from '@qualcard/shared';
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
/**
 * Acme's wage schedule for ann's framework, sent with the seeding sync: step 2 after three months, step 3 when
 * Level 1 is complete. Ann (started 2025-09-01) is eligible for step 2 from 2025-12-01; step 3 is not reached.
 */
export const WAGE_PROGRAMS = {
  'nitas-help-desk': {
    optionalWorkFunctionIds: [],
    wageSchedule: {
      steps: [
        { wage: { kind: 'percent', percent: 50 } },
        { wage: { kind: 'percent', percent: 60 }, months: 3 },
        { wage: { kind: 'percent', percent: 75 }, level: 'L1' },
      ],
    },
  },
};
export const ANN_STEP2_SINCE = '2025-12-01';
/** A sign-off and an hours row of ann's that coach2 typed as theirs (not ann's coach: coach cannot confirm them). */
export const OTHER_COACH_ITEM = 'HD1.3.5';
export const OTHER_COACH_HOURS = 'other-coach-hours-1';
/** Ann's exam and certifications on her framework (nitas-help-desk L1). */
export const ANN_EXAM = 'L1-all-required-course-exams';
export const ANN_CERT = 'comptia-a-plus';
export const ANN_CERT2 = 'customer-support-specialist';
/**
 * Confirmed by the seed, so that a request naming only these confirms nothing: ann's first sign-off and hours row
 * (by coach), prior credit pc-2 and certification ANN_CERT2 (by admin). The confirmations endpoint answers such a
 * request 200, listing them as `already`, and must write nothing.
 */
export const SEED_CONFIRMED = {
  coach: { signOffs: ['HD1.1.1'], hours: ['related-instruction-1'] },
  admin: { priorCredit: ['pc-2'], certifications: [{ id: ANN_CERT2, evidence: 'Certificate 55-1' }] },
};

let annRecord: ApprenticeRecordInput | undefined;
/** Ann's record uses every field of the format, so faults have every kind of field to aim at (a fresh copy). */
export const ann = (): ApprenticeRecordInput => {
  annRecord ??= buildAnn();
  return structuredClone(annRecord);
};
const buildAnn = (): ApprenticeRecordInput => {
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
  // Rows another coach typed as theirs: only they (or an admin attesting) can confirm them.
  r.signOffs!.push({ itemId: OTHER_COACH_ITEM, date: '2026-01-15', coachEmail: COACH2 });
  r.hours!.push({
    id: OTHER_COACH_HOURS,
    date: '2026-01-16',
    category: 'on-the-job-learning',
    levelId: 'L1',
    hours: 4,
    description: 'Paired on the desk',
    verifiedBy: COACH2,
  });
  const credit = { category: 'related-instruction', levelId: 'L1', hours: 8, approvedBy: ADMIN } as const;
  r.priorCredit = [
    { id: 'pc-1', ...credit, description: 'Community college course' },
    { id: 'pc-2', ...credit, description: 'Vendor course' },
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
/** Row ids of ann's synced hours entries (six, two per category), all hers to confirm as her coach. */
export const ANN_HOURS = record({
  id: 'ann',
  frameworkId: 'nitas-help-desk',
  levelId: 'L1',
  coach: COACH,
  startDate: '2025-09-01',
  stage: { signed: 0, hoursPerCategory: 16 },
}).hours!.flatMap((h) => (h.id ? [h.id] : []));

/**
 * Acme's own framework (an id no other test publishes: the functions cache published versions by id and version).
 * Version 1 has items RD1.1-4 at level L1; 2 drops RD1.4 and adds RD1.5; 3 has only level L2; the publish endpoint's
 * base request is version 4 (RD1.1-6), whose content differs from every seeded version under any version name.
 */
export const DESK = 'robustness-desk';
export const DESK_VERSIONS: Record<string, { level: string; items: string[] }> = {
  '1': { level: 'L1', items: ['RD1.1', 'RD1.2', 'RD1.3', 'RD1.4'] },
  '2': { level: 'L1', items: ['RD1.1', 'RD1.2', 'RD1.3', 'RD1.5'] },
  '3': { level: 'L2', items: ['RD2.1'] },
  '4': { level: 'L1', items: ['RD1.1', 'RD1.2', 'RD1.3', 'RD1.4', 'RD1.5', 'RD1.6'] },
};
/** Seeded, in this order; version 4 is only ever the publish endpoint's base request. */
const SEEDED_VERSIONS = ['1', '2', '3'];

/** Globex's own framework: Acme's path naming it must find nothing (the registry is per sponsor). */
export const GLOBEX_DESK = 'globex-desk';

const desks = new Map<string, Framework>();
/** A version of a desk framework; built (and validated) once, a fresh copy each call: base requests are edited. */
export function desk(version: string, id = DESK, addedBy = ACME): Framework {
  const key = `${id} ${version} ${addedBy}`;
  if (!desks.has(key)) desks.set(key, buildDesk(version, id, addedBy));
  return structuredClone(desks.get(key)!);
}

function buildDesk(version: string, id: string, addedBy: string): Framework {
  const { level, items } = DESK_VERSIONS[version]!;
  const header = [
    'level',
    'level_title',
    'work_function',
    'work_function_title',
    'item_id',
    'statement',
    'core_optional',
    'ojl_hours',
  ];
  const rows = items.map((id) => [level, 'Desk', 'WF1', 'Desk work', id, `Handles ${id} tickets`, 'core', '100']);
  const r = frameworkFromRows([header, ...rows], { id, title: 'Robustness desk', version, addedBy });
  if (!r.ok) throw new Error(`${id} ${version}: ${JSON.stringify(r.errors)}`);
  return r.framework;
}

/** Cat is on Acme's own framework, pinned to version 1 (synced before version 2 was published). */
export const cat = (): ApprenticeRecordInput => ({
  schemaVersion: 1,
  apprentice: {
    id: 'cat',
    name: 'Apprentice cat',
    email: 'cat@apprentice.example',
    startDate: '2025-11-01',
    frameworkId: DESK,
    levelId: 'L1',
    coachEmails: [COACH],
  },
  signOffs: ['RD1.1', 'RD1.4'].map((itemId) => ({ itemId, date: '2026-02-02', coachEmail: COACH })),
  hours: [],
  priorCredit: [],
  exams: [],
  certifications: [],
});

async function seeded(what: string, res: { status: number; body: unknown }, ok: number[] = [200]): Promise<void> {
  if (!ok.includes(res.status)) throw new Error(`seeding ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Publishes version 1 of Acme's framework, syncs cat onto it, then publishes versions 2 and 3; and Globex's. */
async function seedDesk(): Promise<void> {
  const publish = async (sid: string, as: string, f: Framework) =>
    seeded(
      `${f.id} ${f.version}`,
      await call('POST', `/v1/sponsors/${sid}/frameworks`, { as, body: { framework: f } }),
      [201],
    );
  await publish(ACME, ADMIN, desk(SEEDED_VERSIONS[0]!));
  const body = { idempotencyKey: 'seed-acme-0002', asOf: AS_OF, records: [cat()] };
  await seeded('cat', await call('POST', `/v1/sponsors/${ACME}/sync`, { as: ADMIN, body }));
  for (const v of SEEDED_VERSIONS.slice(1)) await publish(ACME, ADMIN, desk(v));
  for (const v of SEEDED_VERSIONS) await publish(GLOBEX, GLOBEX_ADMIN, desk(v, GLOBEX_DESK, GLOBEX));
}

/** Empties the database and seeds the cohort through the real API (as the operator and the admins would). */
export async function seedCohort(): Promise<void> {
  await clearFirestore();
  await seedSponsor(ACME, 'Acme IT', { [ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  await seedSponsor(GLOBEX, 'Globex', { [GLOBEX_ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  const seeds: [string, string, string, ApprenticeRecordInput[], object][] = [
    [ACME, ADMIN, SEED_SYNC_KEY, [ann(), bob()], { programs: WAGE_PROGRAMS }],
    [GLOBEX, GLOBEX_ADMIN, 'seed-globex-0001', [gus()], {}],
  ];
  for (const [sid, as, key, records, extra] of seeds) {
    const res = await call('POST', `/v1/sponsors/${sid}/sync`, {
      as,
      body: { idempotencyKey: key, asOf: AS_OF, records, ...extra },
    });
    await seeded(sid, res);
  }
  await seedDesk();
  await seedConfirmations();
}

async function seedConfirmations(): Promise<void> {
  const path = `/v1/sponsors/${ACME}/apprentices/ann/confirmations`;
  await seeded('coach confirmations', await call('POST', path, { as: COACH, body: SEED_CONFIRMED.coach }), [201]);
  await seeded('admin confirmations', await call('POST', path, { as: ADMIN, body: SEED_CONFIRMED.admin }), [201]);
}
