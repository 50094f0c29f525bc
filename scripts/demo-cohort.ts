// Demo and benchmark cohorts: apprentices on the shipped frameworks at chosen stages, with sheet-like rows
// (a daily hours log, sign-offs spread over the time since the start). Deterministic for a given seed and date.
// The records are what the sheets hold: typed entries, none confirmed (what a sync sends).
import {
  type ApprenticeRecordInput,
  CONFIRMED_BY,
  type Confirmation,
  DAY_MS,
  type EntryKind,
  type Framework,
  getFramework,
  type HoursEntry,
  type SignOff,
} from '@qualcard/shared';

export interface StagePlan {
  id: string;
  name: string;
  frameworkId: string;
  levelId: string;
  monthsAgo: number;
  /** Share of each level's items signed, by level id (levels not listed: none). */
  signed: Record<string, number>;
  /** Hours logged per weekday, per category. */
  perDay: { ri: number; ojl: number; we: number };
  /** Stop logging this many days before today (an apprentice who went quiet). */
  idleDays?: number;
  exams?: string[];
  certifications?: string[];
  priorCredit?: number;
  coach: string;
}

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

function mustFramework(id: string): Framework {
  const f = getFramework(id);
  if (!f) throw new Error(`framework ${id} is not shipped`);
  return f;
}

/** A small deterministic generator so the same plan gives the same rows. */
function random(seed: string): () => number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909);
    return (h >>> 0) / 4294967296;
  };
}

export function apprenticeRecord(plan: StagePlan, today: string, sponsorId: string): ApprenticeRecordInput {
  const f = mustFramework(plan.frameworkId);
  const rnd = random(plan.id);
  const end = Date.parse(`${today}T00:00:00Z`) - (plan.idleDays ?? 1) * DAY_MS;
  const start = Date.parse(`${today}T00:00:00Z`) - Math.round(plan.monthsAgo * 30.4) * DAY_MS;
  // Sign-offs draw from the generator before the hours do: the order keeps the rows of a given seed the same.
  const signOffs = stagedSignOffs(f, plan, rnd, start, end);
  const hours = dailyHours(f, plan, rnd, start, end);
  const level = f.levels.find((l) => l.id === plan.levelId)!;
  const examDate = iso(end - 30 * DAY_MS);
  return {
    schemaVersion: 1,
    sponsorId,
    apprentice: {
      id: plan.id,
      name: plan.name,
      email: `${plan.id}@apprentices.northwind.example`,
      startDate: iso(start),
      frameworkId: f.id,
      levelId: level.id,
      coachEmails: [plan.coach],
    },
    signOffs,
    hours,
    priorCredit: plan.priorCredit
      ? [
          {
            id: 'pc-1',
            category: 'related-instruction',
            hours: plan.priorCredit,
            description: 'Community college IT fundamentals',
            approvedBy: 'admin@northwind.example',
          },
        ]
      : [],
    exams: (plan.exams ?? []).map((id) => ({ id, date: examDate, passed: true })),
    certifications: (plan.certifications ?? []).map((id) => ({ id, date: examDate })),
  };
}

/**
 * The plan's share of each level's items, signed in item order at dates spread from start to end. An item on
 * several levels is signed once (the qual card has one row per item, so a sheet cannot hold two sign-offs of it).
 */
function stagedSignOffs(f: Framework, plan: StagePlan, rnd: () => number, start: number, end: number): SignOff[] {
  const span = Math.max(1, end - start);
  const signed = new Set<string>();
  return f.levels
    .flatMap((level) => {
      const items = f.workFunctions.flatMap((wf) => wf.items).filter((i) => i.levels.includes(level.id));
      const n = Math.round(items.length * (plan.signed[level.id] ?? 0));
      return items.slice(0, n).flatMap((item, k) => {
        const date = iso(start + Math.floor(((k + rnd()) / Math.max(1, n)) * span));
        const evidence = `Observed on ticket #${1000 + Math.floor(rnd() * 9000)}`;
        if (signed.has(item.id)) return [];
        signed.add(item.id);
        return [{ itemId: item.id, date, coachEmail: plan.coach, evidence }];
      });
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** A row per category per weekday from the day after start to end, on a random work function. */
function dailyHours(f: Framework, plan: StagePlan, rnd: () => number, start: number, end: number): HoursEntry[] {
  const hours: HoursEntry[] = [];
  const wfIds = f.workFunctions.map((wf) => wf.id);
  for (let t = start + DAY_MS; t <= end; t += DAY_MS) {
    const dow = new Date(t).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const date = iso(t);
    const wf = wfIds[Math.floor(rnd() * wfIds.length)];
    for (const [category, h] of [
      ['related-instruction', plan.perDay.ri],
      ['on-the-job-learning', plan.perDay.ojl],
      ['work-experience', plan.perDay.we],
    ] as const) {
      if (h > 0)
        hours.push({
          id: `${date}-${category}`,
          date,
          category,
          hours: h,
          ...(wf && category !== 'related-instruction' ? { workFunctionId: wf } : {}),
          description: category === 'related-instruction' ? 'Course module' : 'Ticket queue and desk-side support',
        });
    }
  }
  return hours;
}

export const DEMO_COACHES = ['maria.coach@northwind.example', 'dev.coach@northwind.example'] as const;

/** Five apprentices at different stages on the shipped frameworks. */
export const DEMO_PLANS: StagePlan[] = [
  {
    id: 'ava',
    name: 'Ava Martinez',
    frameworkId: 'nitas-help-desk',
    levelId: 'L1',
    monthsAgo: 2,
    signed: { L1: 0.2 },
    perDay: { ri: 1, ojl: 6, we: 1 },
    coach: DEMO_COACHES[0],
  },
  {
    id: 'ben',
    name: 'Ben Okafor',
    frameworkId: 'nitas-help-desk',
    levelId: 'L2',
    monthsAgo: 20,
    signed: { L1: 1, L2: 0.45 },
    perDay: { ri: 1, ojl: 5, we: 2 },
    priorCredit: 40,
    exams: ['L1-all-required-course-exams'],
    certifications: ['comptia-a-plus', 'customer-support-specialist'],
    coach: DEMO_COACHES[0],
  },
  {
    id: 'chloe',
    name: 'Chloe Nguyen',
    frameworkId: 'it-generalist-competencies',
    levelId: 'L1',
    monthsAgo: 16,
    signed: { L1: 0.9 },
    perDay: { ri: 1, ojl: 7, we: 0 },
    coach: DEMO_COACHES[1],
  },
  {
    id: 'dmitri',
    name: 'Dmitri Ivanov',
    frameworkId: 'it-generalist-wps',
    levelId: 'L1',
    monthsAgo: 26,
    signed: { L1: 0.4 },
    perDay: { ri: 0, ojl: 4, we: 0 },
    idleDays: 75,
    coach: DEMO_COACHES[1],
  },
  {
    id: 'esi',
    name: 'Esi Mensah',
    frameworkId: 'customer-technical-support',
    levelId: 'ITS1',
    monthsAgo: 9,
    signed: { AITS: 1, ITS1: 0.6 },
    perDay: { ri: 1, ojl: 6, we: 1 },
    coach: DEMO_COACHES[0],
  },
  {
    id: 'farid',
    name: 'Farid Haddad',
    frameworkId: 'it-support-wps',
    levelId: 'L1',
    monthsAgo: 12,
    signed: { L1: 1 },
    perDay: { ri: 1, ojl: 7, we: 0 },
    coach: DEMO_COACHES[1],
  },
];

/** A large cohort for benchmarks: the demo plans repeated with new ids. */
export function benchPlans(n: number): StagePlan[] {
  return Array.from({ length: n }, (_, i) => {
    const base = DEMO_PLANS[i % DEMO_PLANS.length]!;
    return { ...base, id: `${base.id}-${String(i).padStart(4, '0')}`, name: `${base.name} ${i}` };
  });
}

/**
 * The record as it stands once every entry is confirmed, by the role that confirms its kind (the apprentice's
 * first coach for sign-offs and hours, `admin` for prior credit, exams and certifications), at `at` on the
 * sponsor's day `date`. For code that stores or counts records in process (the benchmarks); the demo goes through
 * the confirmations endpoint instead, where the functions write these.
 */
export function confirmedRecord(
  record: ApprenticeRecordInput,
  opts: { admin: string; at: string; date: string },
): ApprenticeRecordInput {
  const coach = record.apprentice.coachEmails[0]!;
  const by = (kind: EntryKind): Confirmation => {
    const role = CONFIRMED_BY[kind];
    return { kind: 'confirmed', by: role === 'coach' ? coach : opts.admin, role, at: opts.at, date: opts.date };
  };
  return {
    ...record,
    signOffs: record.signOffs?.map((s) => ({ ...s, coachEmail: s.coachEmail || coach, confirmation: by('sign-off') })),
    hours: record.hours?.map((h) => ({ ...h, verifiedBy: h.verifiedBy || coach, confirmation: by('hours-entry') })),
    priorCredit: record.priorCredit?.map((c) => ({
      ...c,
      approvedBy: c.approvedBy || opts.admin,
      confirmation: by('prior-credit'),
    })),
    exams: record.exams?.map((e) => ({ ...e, confirmation: by('exam') })),
    certifications: record.certifications?.map((c) => ({ ...c, confirmation: by('certification') })),
  };
}
