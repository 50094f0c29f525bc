// The qual card shows the work functions the program runs, plus any item of another work function that already
// holds something typed: regenerating after the program drops a work function keeps every tick, live (not archived).
import { rosterRow } from '../../addon/test-support/fixtures';
import { clone, logHours, setByKey, sign } from '../../addon/test-support/grid';
import { getFramework } from '../../shared/src';
import {
  type Cell,
  categoryLabel,
  hoursCol,
  parseRoster,
  planApprentice,
  ROSTER_HEADERS,
  readHours,
  readQualCard,
  type SheetPlan,
  type Validation,
  workFunctionIdOf,
  workFunctionLabel,
} from '../../shared/src/sheets';

const f = getFramework('it-generalist-competencies')!;
const roster = (plan?: string[]) =>
  rosterRow({ frameworkId: f.id, ...(plan ? { optionalWorkFunctionIds: plan } : {}) });
const keys = (grid: Cell[][], prefix: string): string[] =>
  grid.map((r) => String(r[0] ?? '')).filter((k) => k.startsWith(prefix));

test('only the work functions run are shown: the default runs all seven; a program may leave 3, 5 and 6 out', () => {
  const plan = planApprentice(f, roster()).qualCard.cells;
  expect(keys(plan, 'wf:')).toEqual(['wf:JF1', 'wf:JF2', 'wf:JF3', 'wf:JF4', 'wf:JF5', 'wf:JF6', 'wf:JF7']);
  const none = planApprentice(f, roster(), undefined, undefined, { optionalWorkFunctionIds: [] }).qualCard.cells;
  expect(keys(none, 'wf:')).toEqual(['wf:JF1', 'wf:JF2', 'wf:JF4', 'wf:JF7']);
  const withJf5 = planApprentice(f, roster(), undefined, undefined, { optionalWorkFunctionIds: ['JF5'] });
  expect(keys(withJf5.qualCard.cells, 'wf:')).toEqual(['wf:JF1', 'wf:JF2', 'wf:JF4', 'wf:JF5', 'wf:JF7']);
  expect(keys(withJf5.qualCard.cells, 'item:5')).toEqual(['item:5a', 'item:5b', 'item:5c', 'item:5d', 'item:5e']);
  // The apprentice's plan wins over the program.
  const own = planApprentice(f, roster(['JF6']), undefined, undefined, { optionalWorkFunctionIds: ['JF5'] });
  expect(keys(own.qualCard.cells, 'wf:')).toEqual(['wf:JF1', 'wf:JF2', 'wf:JF4', 'wf:JF6', 'wf:JF7']);
  // The level table's required count follows the program: the document's 22 by default, 20 without Job Functions
  // 5 and 6, 21 with 5c.
  const levelRow = (g: Cell[][]) => g.find((r) => r[0] === 'level:L1')!;
  expect(levelRow(plan)).toContain(22);
  expect(levelRow(none)).toContain(20);
  expect(levelRow(withJf5.qualCard.cells)).toContain(21);
});

test('a work function no longer run keeps its signed and typed items live; its untouched items go', () => {
  const v1 = planApprentice(f, roster(['JF5']));
  const qual = clone(v1.qualCard.cells);
  sign(qual, 'item:5c', '2026-02-01');
  setByKey(qual, 'item:5a', 'notes', 'Starts next month');
  const v2 = planApprentice(f, roster([]), { qualCard: readQualCard(qual), hours: readHours(v1.hours.cells) });
  const g = v2.qualCard.cells;
  expect(keys(g, 'item:5')).toEqual(['item:5a', 'item:5c']);
  expect(keys(g, 'wf:JF5')).toEqual(['wf:JF5']);
  expect(keys(g, 'archived')).toEqual([]);
  const kept = readQualCard(g).rows;
  expect(kept.get('item:5c')).toMatchObject({ signed: true, date: '2026-02-01' });
  expect(kept.get('item:5a')).toMatchObject({ notes: 'Starts next month' });
  // Run again: every item is back, the tick still there.
  const v3 = planApprentice(f, roster(['JF5']), { qualCard: readQualCard(g), hours: readHours(v2.hours.cells) });
  expect(keys(v3.qualCard.cells, 'item:5')).toHaveLength(5);
  expect(readQualCard(v3.qualCard.cells).rows.get('item:5c')).toMatchObject({ signed: true });
});

test("roster: the Optional work functions column is the apprentice's plan; a bad id is named by its cell", () => {
  const row = (id: string, plan: string) => [
    id,
    'Bo',
    `${id}@example.com`,
    'c@example.com',
    '2026-01-05',
    f.id,
    'L1',
    '',
    '',
    plan,
  ];
  const parsed = parseRoster(
    [['Roster'], ['help'], ROSTER_HEADERS, row('a1', ' JF3, JF6 '), row('a2', ''), row('a3', 'JF5, JF4')],
    [f],
  );
  expect(parsed.rows.map((r) => [r.apprentice.id, r.apprentice.optionalWorkFunctionIds])).toEqual([
    ['a1', ['JF3', 'JF6']],
    ['a2', undefined],
  ]);
  expect(parsed.errors.map((e) => [e.cell, e.column])).toEqual([['J6', 'Optional work functions']]);
  expect(parsed.errors[0]!.message).toBe(
    '"JF4" is not an optional work function of it-generalist-competencies (optional: JF3, JF5, JF6)',
  );
});

/** The work functions the hours log's Work function column offers (the same list on every log row). */
function offered(plan: SheetPlan): string[] {
  const lists = plan.validations
    .map((r) => r[hoursCol('workFunction') - 1])
    .filter((v): v is Validation & { kind: 'list' } => v?.kind === 'list');
  expect(lists.length).toBeGreaterThanOrEqual(100);
  expect(new Set(lists.map((v) => JSON.stringify(v.values))).size).toBe(1);
  return lists[0]!.values.map((label) => workFunctionIdOf(label)!);
}

test('the hours log offers the work functions run, plus any a typed row already names', () => {
  expect(offered(planApprentice(f, roster()).hours)).toEqual(['JF1', 'JF2', 'JF3', 'JF4', 'JF5', 'JF6', 'JF7']);
  const leftOut = { optionalWorkFunctionIds: [] };
  expect(offered(planApprentice(f, roster(), undefined, undefined, leftOut).hours)).toEqual([
    'JF1',
    'JF2',
    'JF4',
    'JF7',
  ]);
  const program = { optionalWorkFunctionIds: ['JF5'] };
  const v1 = planApprentice(f, roster(), undefined, undefined, program);
  expect(offered(v1.hours)).toEqual(['JF1', 'JF2', 'JF4', 'JF5', 'JF7']);
  expect(offered(planApprentice(f, roster(['JF6']), undefined, undefined, program).hours)).toEqual([
    'JF1',
    'JF2',
    'JF4',
    'JF6',
    'JF7',
  ]);
  // Hours logged against Job Function 5, then the program drops it: the typed row stays valid, nothing else is added.
  const hours = clone(v1.hours.cells);
  const jf5 = workFunctionLabel(f.workFunctions.find((wf) => wf.id === 'JF5')!);
  const row = logHours(hours, {
    date: '2026-02-02',
    category: categoryLabel('on-the-job-learning'),
    workFunction: jf5,
    hours: 4,
  });
  const kept = { qualCard: readQualCard(v1.qualCard.cells), hours: readHours(hours) };
  const v2 = planApprentice(f, roster(), kept, undefined, leftOut);
  expect(offered(v2.hours)).toEqual(['JF1', 'JF2', 'JF4', 'JF5', 'JF7']);
  expect(v2.hours.cells[row - 1]![hoursCol('workFunction') - 1]).toBe(jf5);
});
