// One number everywhere, property-based: randomised sheets (ticks with good, future, before-start and blank dates;
// "Signed by" the coach, the other coach, a stranger, the apprentice or blank; hours rows that are duplicated, over 24
// a day or negative; prior credit; exam and certification ticks) and random service confirmations (coach or admin,
// confirmed or attested, before or after the as-of date, rows edited after they were confirmed, rows removed from the
// sheet after) go through the add-on's path: recordFromSheets -> mergeSheetRecord (the service) -> computeProgress
// -> the summary and row confirmations the service answers with -> the add-on's view -> the plans. The planned cells
// are read back (the Status formulas evaluated in HyperFormula) and compared with the engine run on the merged
// record: every level's numbers, the header, each work function's core count, the hours totals, the dashboard row
// and every row's Status. The same without a service (the engine run here: everything typed is pending).
import fc from 'fast-check';
import { rosterRow, smallFramework } from '../../addon/test-support/fixtures';
import { clone } from '../../addon/test-support/grid';
import { evaluate, valueAt } from '../../addon/test-support/hyperformula';
import {
  type ApprenticeRecord,
  type Confirmation,
  computeProgress,
  countedEntries,
  type Framework,
  mergeSheetRecord,
  rowConfirmations,
  type SheetRecord,
  standing,
  summarizeProgress,
} from '../../shared/src';
import {
  a1,
  type Cell,
  categoryLabel,
  columnsFromHeader,
  dashboardIndex,
  dashboardLevelRows,
  HOURS_CATEGORIES,
  hoursCol,
  localView,
  type ProgressView,
  planApprentice,
  priorCreditLabel,
  readHours,
  readQualCard,
  recordFromSheets,
  type SheetPlan,
  syncedView,
  workFunctionLabel,
} from '../../shared/src/sheets';

const AS_OF = '2026-06-01';
const START = '2026-01-05';
const COACH = 'coach@example.com';
const LEAD = 'lead@example.com';
const ADMIN = 'admin@example.com';
const APPRENTICE = 'ada@example.com';
/** What the runs covered: every status, and counted items and hours. */
const SEEN = new Set<string>();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

const FRAMEWORKS = [smallFramework({ cumulative: true }), smallFramework({ cumulative: false })];

// ---- Generators -------------------------------------------------------------------------------------------------

/** Mostly good values, often bad ones: so that runs have counted, flagged and pending entries alike. */
const mostly = <T>(good: T[], bad: T[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 3 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
const date = mostly(['2026-02-02', '2026-03-15', '2026-06-01'], ['2026-06-02', '2027-01-01', '2025-12-31', '']);
const signer = mostly([COACH, LEAD, ''], ['stranger@example.com', APPRENTICE]);
const tick = fc.option(fc.record({ date, by: signer }), { freq: 2 });
const hoursRow = fc.record({
  date: mostly(['2026-02-02', '2026-02-03', '2026-05-30'], ['2026-07-01', '2025-12-30']),
  category: fc.constantFrom(...HOURS_CATEGORIES),
  credit: fc.boolean(),
  hours: mostly([0.5, 4, 5.4, 7.8, 8, 10.8], [0, 13, 24, -2]),
  wf: fc.boolean(),
  verifiedBy: signer,
  duplicateOf: fc.option(fc.nat(5), { freq: 4 }),
});
const confirmation: fc.Arbitrary<Confirmation | null> = fc.option(
  fc
    .oneof(
      fc.record({
        kind: fc.constant('confirmed' as const),
        by: fc.constantFrom(COACH, LEAD, ADMIN),
        role: fc.constantFrom('coach' as const, 'coach' as const, 'admin' as const),
        date: fc.constantFrom('2026-02-10', '2026-05-31', '2026-06-01', '2026-06-02'),
        evidence: fc.constantFrom(undefined, 'Certificate 77-1'),
      }),
      fc.record({
        kind: fc.constant('attested' as const),
        by: fc.constant(ADMIN),
        role: fc.constant('admin' as const),
        date: fc.constantFrom('2026-01-02', '2026-06-05'),
        reason: fc.constant('Paper qual card, 2019'),
      }),
    )
    .map((c) => JSON.parse(JSON.stringify({ ...c, at: `${c.date}T12:00:00.000Z` })) as Confirmation),
  { freq: 2 },
);
const scenario = fc.record({
  framework: fc.nat(FRAMEWORKS.length - 1),
  level: fc.constantFrom('L1', 'L2'),
  ticks: fc.array(tick, { minLength: 12, maxLength: 12 }),
  hours: fc.array(hoursRow, { maxLength: 12 }),
  confirmations: fc.array(confirmation, { minLength: 40, maxLength: 40 }),
  edited: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  /** A confirmed sign-off and hours row the sheet no longer holds (unticked, cleared). */
  removed: fc.boolean(),
  service: mostly([true], [false]),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

// ---- Sheets as a person fills them --------------------------------------------------------------------------------

function fillSheets(s: Scenario, framework: Framework) {
  const roster = rosterRow({ levelId: s.level, coachEmails: [COACH, LEAD], email: APPRENTICE, startDate: START });
  const plans = planApprentice(framework, roster);
  const qual = clone(plans.qualCard.cells);
  const hours = clone(plans.hours.cells);
  const cols = columnsFromHeader(qual.find((r) => r[0] === 'columns')!);
  const rows = qual.filter((r) => /^(item|exam|cert):/.test(String(r[0])));
  rows.forEach((r, i) => {
    const t = s.ticks[i % s.ticks.length];
    if (!t) return;
    r[cols.get('signed')!] = true;
    r[cols.get('signedDate')!] = t.date;
    if (String(r[0]).startsWith('item:')) r[cols.get('signedBy')!] = t.by;
  });
  const first = hours.findIndex((r) => r[0] === 'Row key') + 1;
  s.hours.forEach((h, i) => {
    const from = h.duplicateOf !== null && h.duplicateOf < i ? s.hours[h.duplicateOf]! : h;
    const row = hours[first + i]!;
    row[hoursCol('date') - 1] = from.date;
    row[hoursCol('category') - 1] = from.credit ? priorCreditLabel(from.category) : categoryLabel(from.category);
    row[hoursCol('hours') - 1] = from.credit ? Math.abs(from.hours) : from.hours;
    row[hoursCol('workFunction') - 1] = from.wf ? workFunctionLabel(framework.workFunctions[0]!) : '';
    row[hoursCol('description') - 1] = 'Session';
    row[hoursCol('verifiedBy') - 1] = from.verifiedBy;
  });
  return { roster, qual, hours, name: { qual: plans.qualCard.name, hours: plans.hours.name } };
}

/** What the service holds: the sheet's entries, some confirmed (and some edited in the sheet since), some removed. */
function storedRecord(s: Scenario, sheet: SheetRecord, framework: Framework): ApprenticeRecord {
  let n = 0;
  const next = () => {
    const i = n++ % s.confirmations.length;
    return { c: s.confirmations[i], edited: s.edited[i] };
  };
  const with_ = <T extends object>(e: T, extra: (c: Confirmation) => Partial<T> = () => ({})): T => {
    const { c } = next();
    return c ? { ...e, ...extra(c), confirmation: c } : e;
  };
  const record: ApprenticeRecord = {
    ...sheet,
    signOffs: sheet.signOffs.map((x) => with_(x, (c) => (x.coachEmail ? {} : { coachEmail: c.by }))),
    hours: sheet.hours.map((h) => with_(h, () => (next().edited ? { hours: h.hours + 1 } : {}))),
    priorCredit: sheet.priorCredit.map((p) => with_(p)),
    exams: sheet.exams.map((e) => with_(e)),
    certifications: sheet.certifications.map((c) => with_(c)),
  };
  if (s.removed) {
    const unticked = framework.workFunctions
      .flatMap((w) => w.items)
      .find((i) => !sheet.signOffs.some((x) => x.itemId === i.id));
    const c = next().c;
    if (unticked && c)
      record.signOffs.push({ itemId: unticked.id, date: '2026-03-01', coachEmail: COACH, confirmation: c });
    if (c)
      record.hours.push({ id: 'h-30', date: '2026-03-02', category: 'related-instruction', hours: 3, confirmation: c });
  }
  return record;
}

// ---- Reading the planned cells back --------------------------------------------------------------------------------

const headerCol = (plan: SheetPlan, key: string, header: string): number =>
  plan.cells.find((r) => r[0] === key)!.indexOf(header);
const rowOf = (plan: SheetPlan, key: string): Cell[] => plan.cells.find((r) => r[0] === key)!;

function levelTable(plan: SheetPlan, levelId: string) {
  const row = rowOf(plan, `level:${levelId}`);
  const at = (h: string) => row[headerCol(plan, 'levels', h)];
  const hours = HOURS_CATEGORIES.filter((c) => headerCol(plan, 'levels', `${categoryLabel(c)} counted`) >= 0).map(
    (c) => [c, at(`${categoryLabel(c)} counted`), at(`${categoryLabel(c)} required`)],
  );
  return {
    items: [at('Items counted'), at('Items required')],
    hours,
    exams: [at('Exams counted'), at('Exams required')],
    certifications: [at('Certifications counted'), at('Certifications required')],
    percent: at('Percent'),
  };
}

/** The Status of every item, exam, certification and hours row, as HyperFormula computes the planned formulas. */
function statuses(plans: { qualCard: SheetPlan; hours: SheetPlan }): Map<string, unknown> {
  const hf = evaluate({ [plans.qualCard.name]: plans.qualCard.cells, [plans.hours.name]: plans.hours.cells });
  const out = new Map<string, unknown>();
  const status = headerCol(plans.qualCard, 'columns', 'Status') + 1;
  for (const [key, row] of Object.entries(plans.qualCard.rowOfKey))
    if (/^(item|exam|cert):/.test(key)) out.set(key, valueAt(hf, plans.qualCard.name, a1(row, status)));
  for (const [key, row] of Object.entries(plans.hours.rowOfKey))
    out.set(key, valueAt(hf, plans.hours.name, a1(row, hoursCol('status'))));
  hf.destroy();
  return out;
}

// ---- The engine's answers -----------------------------------------------------------------------------------------

function expectedStatuses(
  framework: Framework,
  merged: ApprenticeRecord,
  plans: { qualCard: SheetPlan; hours: SheetPlan },
) {
  const counted = countedEntries(framework, merged, AS_OF);
  const word = (
    kind: Parameters<typeof standing>[0],
    e: { confirmation?: Confirmation; onSheet?: { kind: string } } | undefined,
    isCounted?: boolean,
  ) => {
    if (!e) return '';
    const s = standing(kind, e, AS_OF);
    if (s === 'pending') return s;
    if (isCounted === false) return 'flagged';
    // A counted row the sheet no longer matches says so (a row edited or removed after it was confirmed).
    if (e.onSheet?.kind === 'changed') return 'changed since confirmed';
    if (e.onSheet?.kind === 'deleted') return 'deleted from the sheet; still counts as confirmed';
    return s;
  };
  const out = new Map<string, unknown>();
  for (const key of Object.keys(plans.qualCard.rowOfKey)) {
    const [kind, ...rest] = key.split(':');
    const id = kind === 'item' ? rest.join(':') : rest.slice(1).join(':');
    if (kind === 'item') {
      const e = merged.signOffs.find((x) => x.itemId === id);
      out.set(key, word('sign-off', e, counted.signOffs.includes(e!)));
    } else if (kind === 'exam') {
      const e = merged.exams.find((x) => x.id === id && x.passed);
      out.set(key, word('exam', e, counted.exams.includes(e!)));
    } else if (kind === 'cert') {
      const e = merged.certifications.find((x) => x.id === id);
      out.set(key, word('certification', e, counted.certifications.includes(e!)));
    }
  }
  for (const key of Object.keys(plans.hours.rowOfKey)) {
    const id = key.slice('hours:'.length);
    const h = merged.hours.find((x) => x.id === id);
    const c = merged.priorCredit.find((x) => x.id === id);
    out.set(key, h ? word('hours-entry', h) : c ? word('prior-credit', c) : '');
  }
  return { out, counted };
}

function compare(s: Scenario): void {
  const framework = FRAMEWORKS[s.framework]!;
  const sheets = fillSheets(s, framework);
  const built = recordFromSheets(
    sheets.roster,
    { name: sheets.name.qual, grid: sheets.qual },
    { name: sheets.name.hours, grid: sheets.hours },
  );
  if (!built.ok) throw new Error(`the generated sheets do not read: ${JSON.stringify(built.errors)}`);
  // The service merges what the sheet sends with what it confirmed, and answers with a summary and row confirmations.
  const merged = s.service ? mergeSheetRecord(built.record, storedRecord(s, built.record, framework)) : built.record;
  const engine = computeProgress(framework, merged, AS_OF);
  const view: ProgressView = s.service
    ? syncedView(framework, sheets.roster.apprentice, summarizeProgress(engine), rowConfirmations(merged))
    : localView(framework, built.record, AS_OF);
  const existing = { qualCard: readQualCard(sheets.qual), hours: readHours(sheets.hours) };
  const plans = planApprentice(framework, sheets.roster, existing, view);

  const scope = engine.levels.filter((l) => plans.qualCard.rowOfKey[`level:${l.levelId}`]);
  for (const l of scope) {
    const shown = levelTable(plans.qualCard, l.levelId);
    expect({ level: l.levelId, ...shown }).toEqual({
      level: l.levelId,
      items: [l.items.done, l.items.required],
      hours: shown.hours.map(([c, , required]) => {
        const h = l.hours.find((x) => x.category === c);
        return [c, h ? h.done : '', required];
      }),
      exams: [l.exams.done, l.exams.required],
      certifications: [l.certifications.done, l.certifications.required],
      percent: l.percent,
    });
    for (const h of l.hours) {
      const label = `${l.title}: ${categoryLabel(h.category)}`;
      const row = plans.hours.cells.find((r) => r.includes(label));
      if (!row) continue; // a requirement of 0 hours has no totals row
      const at = row.indexOf(label);
      expect([label, ...row.slice(at + 1, at + 5)]).toEqual([
        label,
        h.required,
        h.done,
        h.priorCredit,
        Math.round(Math.max(0, h.required - h.done) * 100) / 100,
      ]);
    }
  }
  const target = engine.levels.find((l) => l.levelId === engine.targetLevelId)!;
  expect(rowOf(plans.qualCard, 'meta:progress')[2]).toBe(target.percent);
  const { out: expected, counted } = expectedStatuses(framework, merged, plans);
  const countedIds = new Set(counted.signOffs.map((x) => x.itemId));
  const inScope = new Set(scope.map((l) => l.levelId));
  for (const wf of framework.workFunctions) {
    const core = wf.items.filter((i) => i.core === 'core' && i.levels.some((x) => inScope.has(x)));
    const row = plans.qualCard.cells.find((r) => r[0] === `wf:${wf.id}`);
    if (!row || !core.length) continue;
    const confirmation = columnsFromHeader(rowOf(plans.qualCard, 'columns')).get('confirmation')!;
    expect([wf.id, String(row[confirmation]).replace(/^[█░]+ /, '')]).toEqual([
      wf.id,
      `${core.filter((i) => countedIds.has(i.id)).length} of ${core.length} core counted`,
    ]);
  }
  const dashboard = dashboardLevelRows({
    apprentice: sheets.roster.apprentice,
    progress: view.progress,
    cumulative: framework.program.levelsCumulative,
  });
  const at = (r: Cell[], h: Parameters<typeof dashboardIndex>[0]): Cell => r[dashboardIndex(h)]!;
  expect(dashboard.map((r) => ['Level', 'Percent', 'Items', 'Exams', 'Certifications'].map((h) => at(r, h)))).toEqual(
    scope.map((l) => [
      `${l.title} (${l.levelId})`,
      l.percent,
      `${l.items.done} of ${l.items.required}`,
      `${l.exams.done} of ${l.exams.required}`,
      `${l.certifications.done} of ${l.certifications.required}`,
    ]),
  );
  expect(Object.fromEntries(statuses(plans))).toEqual(Object.fromEntries(expected));
  for (const v of expected.values()) SEEN.add(String(v));
  if (engine.levels.some((l) => l.items.done > 0)) SEEN.add('items counted');
  if (engine.levels.some((l) => l.hours.some((h) => h.done > 0))) SEEN.add('hours counted');
}

test(`${RUNS} random sheets and service confirmations: the sheets show the engine's numbers and standing, cell for cell`, () => {
  fc.assert(fc.property(scenario, compare), { numRuns: RUNS });
  // The generators reach every case the comparison is about (a run of 100 sees each dozens of times).
  if (RUNS >= 100)
    expect([...SEEN].sort()).toEqual(
      [
        '',
        'attested',
        'changed since confirmed',
        'confirmed',
        'deleted from the sheet; still counts as confirmed',
        'flagged',
        'hours counted',
        'items counted',
        'pending',
      ].sort(),
    );
}, 120_000);

test('a flagged and a pending sheet (fixed example): nothing counts that the engine does not count', () => {
  const s: Scenario = {
    framework: 0,
    level: 'L2',
    ticks: [
      { date: '2026-02-02', by: COACH },
      { date: '2025-12-31', by: COACH },
      { date: '2026-02-02', by: APPRENTICE },
      null,
      null,
      null,
      { date: '2026-02-02', by: '' },
      null,
      null,
      null,
      null,
      null,
    ],
    hours: [
      {
        date: '2026-02-02',
        category: 'on-the-job-learning',
        credit: false,
        hours: 13,
        wf: true,
        verifiedBy: '',
        duplicateOf: null,
      },
      {
        date: '2026-02-02',
        category: 'on-the-job-learning',
        credit: false,
        hours: 13,
        wf: true,
        verifiedBy: '',
        duplicateOf: 0,
      },
      {
        date: '2026-02-03',
        category: 'related-instruction',
        credit: true,
        hours: 4,
        wf: false,
        verifiedBy: ADMIN,
        duplicateOf: null,
      },
    ],
    confirmations: Array.from({ length: 40 }, (_, i) =>
      i % 2
        ? null
        : ({
            kind: 'confirmed',
            by: COACH,
            role: 'coach',
            at: '2026-02-10T12:00:00.000Z',
            date: '2026-02-10',
          } as Confirmation),
    ),
    edited: Array.from({ length: 40 }, () => false),
    removed: true,
    service: true,
  };
  compare(s);
});
