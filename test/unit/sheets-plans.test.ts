// Plan details that are not about formulas or merging: roster parsing, dashboard rows and gap links, and
// plans not growing in service-call shape with the framework.

import { rosterRow, smallFramework } from '../../addon/test-support/fixtures';
import {
  computeProgress,
  getFramework,
  STATUS_COLOURS,
  STATUS_LABEL,
  STATUS_LEVELS,
  shippedFrameworks,
} from '../../shared/src';
import {
  DASHBOARD_STATUS_COL,
  type DashboardEntry,
  dashboardIndex,
  locate,
  parseRoster,
  planApprentice,
  planDashboard,
  planRoster,
  ROSTER_HEADERS,
  statusFormatRules,
} from '../../shared/src/sheets';

test('roster: blank and example rows skipped, coach lists split, every bad cell named once', () => {
  const fw = smallFramework();
  const grid = [
    ['Roster'],
    ['help'],
    ROSTER_HEADERS,
    ['example-1', 'Ada', 'ada@example.com', 'coach@example.com', '2026-01-05', 'small', 'L1', '', ''],
    [
      'A1',
      ' Bo ',
      'BO@Example.com',
      'c1@example.com; c2@example.com',
      '2026-01-05',
      'small',
      'L2',
      '10 work-experience',
      '24',
    ],
    ['', '', '', '', '', '', '', '', ''],
    ['A2', 'Cy', 'cy@example.com', 'cy@example.com', '2026-13-01', 'nitas-help-desk', 'L1', '', '200'],
  ];
  const parsed = parseRoster(grid, [fw]);
  expect(parsed.rows).toEqual([
    {
      row: 5,
      apprentice: {
        id: 'A1',
        name: 'Bo',
        email: 'bo@example.com',
        coachEmails: ['c1@example.com', 'c2@example.com'],
        startDate: '2026-01-05',
        frameworkId: 'small',
        levelId: 'L2',
        maximumMonths: 24,
      },
      priorCredit: [{ category: 'work-experience', hours: 10 }],
    },
  ]);
  expect(parsed.errors.map((e) => e.cell)).toEqual(['F7', 'E7', 'I7']);
  expect(parsed.errors[0]!.message).toContain('"nitas-help-desk" is not a framework set up for this program');
});

test('roster plan: the framework list offers every program framework', () => {
  const plan = planRoster(shippedFrameworks());
  const v = plan.validations[4]![5]!;
  expect(v).toMatchObject({ kind: 'list', values: shippedFrameworks().map((f) => f.id) });
});

test('dashboard: one row per level in scope, every finding listed, links located by row key', () => {
  const fw = smallFramework();
  const roster = rosterRow({ levelId: 'L2' });
  const plans = planApprentice(fw, roster);
  const progress = computeProgress(
    fw,
    {
      schemaVersion: 1,
      apprentice: roster.apprentice,
      hours: [{ id: 'h-1', date: '2026-02-01', category: 'on-the-job-learning', hours: 30 }],
    },
    '2026-06-01',
  );
  const entry: DashboardEntry = {
    apprentice: roster.apprentice,
    progress,
    cumulative: true,
    qualCard: { sheetId: 7, name: plans.qualCard.name, grid: plans.qualCard.cells },
    hours: { sheetId: 8, name: plans.hours.name, grid: plans.hours.cells },
  };
  const plan = planDashboard([entry], '2026-06-01');
  const target = dashboardIndex('Target');
  expect(plan.cells.filter((r) => r[0] === 'A001' && (r[target] === 'target' || r[target] === 'earlier'))).toHaveLength(
    2,
  );
  const findings = progress.gaps.length + progress.integrity.length;
  const gapsAt = plan.cells.findIndex((r) => r[0] === 'Gaps');
  expect(plan.cells.slice(gapsAt + 2).filter((r) => r[0] === 'A001')).toHaveLength(findings);
  expect(locate({ kind: 'item', itemId: 'HD2.1.2' }, entry)!.cell).toMatch(
    new RegExp(`${plans.qualCard.rowOfKey['item:HD2.1.2']}$`),
  );
  expect(locate({ kind: 'exam', examId: 'exam-2' }, entry)!.cell).toMatch(
    new RegExp(`${plans.qualCard.rowOfKey['exam:L2:exam-2']}$`),
  );
  expect(locate({ kind: 'hours-entry', index: 0, id: 'h-1' }, entry)).toEqual({
    sheet: entry.hours,
    cell: `B${plans.hours.rowOfKey['hours:h-1']}`,
  });
  expect(locate({ kind: 'level', levelId: 'L1' }, entry)!.cell).toBe(`B${plans.qualCard.rowOfKey['level:L1']}`);
  expect(plan.charts).toEqual([
    {
      title: expect.any(String),
      labels: expect.objectContaining({ rows: 1 }),
      values: expect.objectContaining({ rows: 1 }),
      anchor: { row: 1, col: plan.cols + 1 },
    },
  ]);
});

test("dashboard: each apprentice's status and reason on the target row, coloured by rules keyed on the label", () => {
  const fw = smallFramework();
  const entry = (id: string, asOf: string): DashboardEntry => {
    const roster = rosterRow({ id, levelId: 'L2' });
    const hours = [{ date: '2026-01-06', category: 'on-the-job-learning' as const, hours: 30 }];
    return {
      apprentice: roster.apprentice,
      progress: computeProgress(fw, { schemaVersion: 1, apprentice: roster.apprentice, hours }, asOf),
      cumulative: true,
    };
  };
  // Nothing counted: on track in the first weeks, at risk after 60 days, off track after 120.
  const entries = [entry('A001', '2026-01-20'), entry('A002', '2026-03-20'), entry('A003', '2026-06-01')];
  expect(entries.map((e) => e.progress.status.status)).toEqual(['on-track', 'at-risk', 'off-track']);
  const plan = planDashboard(entries, '2026-06-01');
  const header = plan.cells.findIndex((r) => r[0] === 'Apprentice ID');
  const [status, reason] = ['Status', 'Reason'].map((h) => plan.cells[header]!.indexOf(h));
  expect(status! + 1).toBe(DASHBOARD_STATUS_COL);
  const t = dashboardIndex('Target');
  const levelRows = plan.cells.slice(header + 1).filter((r) => r[t] === 'target' || r[t] === 'earlier');
  expect(levelRows).toHaveLength(6);
  expect(levelRows.map((r) => [r[0], r[t], r[status!], r[reason!]])).toEqual(
    entries.flatMap((e) => [
      [e.apprentice.id, 'earlier', '', ''],
      [e.apprentice.id, 'target', STATUS_LABEL[e.progress.status.status], e.progress.status.reason],
    ]),
  );
  expect(plan.conditional).toEqual(statusFormatRules({ row: header + 2, col: DASHBOARD_STATUS_COL, rows: 6, cols: 1 }));
  expect(plan.conditional.map((c) => [c.textEquals, c.background, c.color])).toEqual(
    STATUS_LEVELS.map((s) => [STATUS_LABEL[s], STATUS_COLOURS[s].background, STATUS_COLOURS[s].font]),
  );
  // No fill is typed per cell: the status cells carry no style of their own.
  expect(plan.styles.slice(header + 1, header + 7).map((r) => r[status!])).toEqual(Array(6).fill(null));
  expect(planDashboard([], '2026-06-01').conditional).toEqual([]);
});

test('plans for every shipped framework and level build, with the texts the framework uses as columns', () => {
  for (const f of shippedFrameworks()) {
    for (const l of f.levels) {
      const plans = planApprentice(f, rosterRow({ frameworkId: f.id, levelId: l.id }));
      const header = plans.qualCard.cells.find((r) => r[0] === 'columns')!;
      const items = plans.qualCard.cells.filter((r) => String(r[0]).startsWith('item:')).length;
      // The work functions the program runs by default: every one not marked optional, plus the default's.
      const run = f.workFunctions.filter(
        (w) => w.core !== 'optional' || f.program.optionalWorkFunctionsDefault.includes(w.id),
      );
      expect(items).toBe(
        run
          .flatMap((w) => w.items)
          .filter((i) =>
            i.levels.some((x) =>
              (f.program.levelsCumulative
                ? f.levels.slice(0, f.levels.indexOf(l) + 1).map((y) => y.id)
                : [l.id]
              ).includes(x),
            ),
          ).length,
      );
      expect(header).toContain(f.id === 'nitas-help-desk' ? 'Exit' : 'Item');
    }
  }
  expect(getFramework('nitas-help-desk')).toBeDefined();
});
