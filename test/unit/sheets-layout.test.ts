// The sheets fit the hand: on a 1,366 px wide window (46 px of row numbers) the qual card shows the item, its
// competency, the tick, date, "Signed by" and Status; the hours log its date, hours, category and Status. The frozen
// block stays small, Do/Know/Exit are a collapsed group after Status, and the .xlsx prints landscape, one page wide,
// its frozen rows repeated.
import ExcelJS from 'exceljs';
import { getFramework } from '../../shared/src';
import { columnsFromHeader, hoursCol, inArea, planApprentice, type SheetPlan } from '../../shared/src/sheets';
import { renderPlansToXlsx } from '../../shared/src/sheets/xlsx';

const WINDOW = 1366;
const ROW_NUMBERS = 46;
const nitas = getFramework('nitas-help-desk')!;
const roster = {
  row: 5,
  priorCredit: [],
  apprentice: {
    id: 'N001',
    name: 'Nia Lopez',
    email: 'nia@example.com',
    startDate: '2026-01-05',
    frameworkId: nitas.id,
    levelId: 'L1',
    coachEmails: ['coach@example.com'],
  },
};
const plans = planApprentice(nitas, roster, { qualCard: null, hours: null });

/** Where a column (1-based) starts on screen, hidden columns taking no room. */
const x = (plan: SheetPlan, col: number): number =>
  ROW_NUMBERS +
  plan.columnWidths.slice(0, col - 1).reduce((s, w, i) => s + (plan.hiddenColumns.includes(i + 1) ? 0 : w), 0);

test('qual card: item, competency, tick, date, Signed by and Status on the first screen; small frozen block', () => {
  const plan = plans.qualCard;
  const headerRow = plan.cells.findIndex((r) => r[0] === 'columns');
  const cols = columnsFromHeader(plan.cells[headerRow]!);
  const at = (c: Parameters<typeof cols.get>[0]): number => cols.get(c)! + 1;
  // (The header "Item" is the item id here; columnsFromHeader reads it as a statement-only framework's text.)
  expect(plan.cells[headerRow]!.indexOf('Item') + 1).toBe(2);
  const first = ['text:competency', 'signed', 'signedDate', 'signedBy', 'status'] as const;
  expect(first.map(at)).toEqual([3, 4, 5, 6, 7]);
  expect(x(plan, at('signed'))).toBe(386);
  expect(x(plan, at('status'))).toBe(696);
  expect(x(plan, at('status') + 1)).toBeLessThanOrEqual(WINDOW - 300); // even beside the 300 px sidebar
  // Frozen: the title, progress and column headers, and the item column.
  expect(plan.frozenRows).toBe(headerRow + 1);
  expect(plan.frozenRows).toBeLessThanOrEqual(3);
  expect(plan.frozenColumns).toBe(2);
  // Do, Know and Exit after Status, collapsed; no number of the level table sits in a collapsed column.
  const g = plan.collapsedColumns!;
  expect([at('text:do'), at('text:know'), at('text:exit')]).toEqual([g.col, g.col + 1, g.col + 2]);
  expect(g.col).toBeGreaterThan(at('status'));
  const levelRow = plan.cells[plan.rowOfKey['level:L1']! - 1]!;
  const lastUsed = levelRow.reduce<number>((last, v, i) => (v !== null && v !== '' ? i + 1 : last), 0);
  expect(lastUsed).toBeLessThan(g.col);
  // The Dashboard's links and the engine's areas still find their rows.
  expect(plan.cells[plan.rowOfKey['item:HD1.1.1']! - 1]![0]).toBe('item:HD1.1.1');
  // The engine's areas hold the level table's numbers and the rows' Status, never a cell a person types.
  const computed = (r: number, c: number): boolean => plan.computed!.some((a) => inArea(a, r, c));
  expect(computed(plan.rowOfKey['level:L1']!, 3)).toBe(true);
  const item = plan.rowOfKey['item:HD1.1.1']!;
  expect(computed(item, at('status'))).toBe(true);
  for (const c of ['signed', 'signedDate', 'signedBy', 'evidence', 'notes'] as const)
    expect(computed(item, at(c))).toBe(false);
});

test('hours log: date, hours, category and Status on the first screen, headers frozen', () => {
  const plan = plans.hours;
  expect(['date', 'hours', 'category'].map((c) => hoursCol(c as 'date'))).toEqual([2, 3, 4]);
  expect(x(plan, hoursCol('status') + 1)).toBeLessThanOrEqual(WINDOW - 20);
  expect(plan.cells[plan.frozenRows - 1]![0]).toBe('Row key');
});

test('the workbook prints every sheet landscape, one page wide, its frozen rows repeated; panes frozen', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderPlansToXlsx([plans.qualCard, plans.hours])) as unknown as ArrayBuffer);
  const [card, hours] = wb.worksheets;
  for (const ws of [card!, hours!])
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  expect(card!.pageSetup.printTitlesRow).toBe(`1:${plans.qualCard.frozenRows}`);
  expect(card!.views[0]).toMatchObject({ state: 'frozen', ySplit: plans.qualCard.frozenRows, xSplit: 2 });
  const g = plans.qualCard.collapsedColumns!;
  expect([card!.getColumn(g.col).hidden, card!.getColumn(g.col).outlineLevel]).toEqual([true, 1]);
});
