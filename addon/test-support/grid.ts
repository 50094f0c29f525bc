// Helpers to treat a plan's cells as a sheet's values: set cells by row key and column header, as a person would.
import {
  type Cell,
  columnsFromHeader,
  type HoursColumn,
  hoursCol,
  type QualCardColumn,
  type SheetPlan,
} from '../../shared/src/sheets';

export const clone = (grid: Cell[][]): Cell[][] => grid.map((r) => [...r]);

export function setByKey(grid: Cell[][], key: string, column: QualCardColumn, value: Cell): void {
  const header = grid.find((r) => r[0] === 'columns')!;
  const c = columnsFromHeader(header).get(column);
  const r = grid.find((row) => row[0] === key);
  if (c === undefined || !r) throw new Error(`no ${key} / ${column}`);
  r[c] = value;
}

/** A coach's confirmed sign-off as the add-on stamps it. */
export function sign(grid: Cell[][], key: string, date = '2026-02-01', by = 'coach@example.com'): void {
  setByKey(grid, key, 'signed', true);
  setByKey(grid, key, 'signedDate', date);
  setByKey(grid, key, 'signedBy', by);
}

/** Fills the next empty log row of an hours grid. */
export function logHours(grid: Cell[][], entry: Partial<Record<HoursColumn, Cell>>): number {
  const header = grid.findIndex((r) => r[0] === 'Row key');
  const i = grid.findIndex(
    (r, k) => k > header && (r[hoursCol('date') - 1] ?? '') === '' && (r[hoursCol('category') - 1] ?? '') === '',
  );
  for (const [k, v] of Object.entries(entry)) grid[i]![hoursCol(k as HoursColumn) - 1] = v;
  return i + 1;
}

export const valuesOf = (plan: SheetPlan): Cell[][] => clone(plan.cells);
