// The sheet plan: everything a generated sheet holds, as plain data. The add-on adapter applies it to
// SpreadsheetApp in a few batched calls; the xlsx renderer writes the same plan with exceljs.
import styles from '../../../templates/styles.json';

/** A cell value; a string starting with "=" is a formula. */
export type Cell = string | number | boolean | null;

export type StyleName = keyof typeof styles;
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  color?: string;
  background?: string;
  numberFormat?: string;
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
}
export const STYLES: Record<StyleName, CellStyle> = styles as Record<StyleName, CellStyle>;

export type Validation =
  | { kind: 'checkbox' }
  | { kind: 'date'; help: string }
  | { kind: 'list'; values: string[]; help: string }
  | { kind: 'number'; min: number; max: number; help: string }
  | { kind: 'email'; help: string }
  /** A custom formula written for the top-left cell of the range (relative references). */
  | { kind: 'formula'; formula: string; help: string };

/** A rectangle, 1-based like SpreadsheetApp. */
export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface Protection {
  area: Area;
  description: string;
  warningOnly: boolean;
}
export interface ConditionalText {
  area: Area;
  textEquals: string;
  background: string;
  color?: string;
}
export interface Chart {
  title: string;
  labels: Area;
  values: Area;
  anchor: { row: number; col: number };
}

export type SheetKind =
  | 'qualcard'
  | 'hours'
  | 'roster'
  | 'dashboard'
  | 'cohort'
  | 'gaps'
  | 'gap-list'
  | 'wage-schedule';
export interface SheetTag {
  kind: SheetKind;
  apprenticeId?: string;
  frameworkId?: string;
  frameworkVersion?: string;
  levelId?: string;
}

export interface SheetPlan {
  name: string;
  tag: SheetTag;
  rows: number;
  cols: number;
  cells: Cell[][];
  styles: (StyleName | null)[][];
  validations: (Validation | null)[][];
  columnWidths: number[];
  hiddenColumns: number[];
  /** Header rows kept on screen, and repeated on every printed page. */
  frozenRows: number;
  /** Leading columns kept on screen when scrolling right (e.g. the item id). */
  frozenColumns?: number;
  /** Columns grouped and shown collapsed (a person expands them; printing leaves them out while collapsed). */
  collapsedColumns?: { col: number; cols: number };
  /**
   * Areas Qualcard writes and a person should not (Status, Confirmation): a note in the Excel workbook. The add-on
   * writes no range protection for them: it restricts each apprentice's whole sheet to named editors and rewrites
   * these areas from the service on every refresh.
   */
  protections: Protection[];
  conditional: ConditionalText[];
  charts: Chart[];
  /**
   * The values every sheet of this layout starts with (no apprentice data), when the plan has such a baseline:
   * the layout prototype holds them, and a plan whose cells equal them needs no value write at all.
   */
  baseCells?: Cell[][];
  /** Links a cell's item, exam or hours entry: row key -> 1-based row, for gap links. */
  rowOfKey: Record<string, number>;
  /**
   * The areas whose values come from the engine and the service (numbers, Status, Confirmation): what a refresh
   * rewrites in a sheet whose rows are where this plan puts them. Nothing a person types is in them.
   */
  computed?: Area[];
}

/** The cells of an area of a grid. */
export const cellsOf = (cells: Cell[][], a: Area): Cell[][] =>
  cells.slice(a.row - 1, a.row - 1 + a.rows).map((r) => {
    const row = r.slice(a.col - 1, a.col - 1 + a.cols);
    while (row.length < a.cols) row.push(null);
    return row;
  });

/** Whether 1-based (row, col) is inside an area. */
export const inArea = (a: Area, row: number, col: number): boolean =>
  row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols;

/** A grid under construction: rows are appended, columns are fixed. */
export class PlanBuilder {
  readonly cells: Cell[][] = [];
  readonly styles: (StyleName | null)[][] = [];
  readonly validations: (Validation | null)[][] = [];
  readonly rowOfKey: Record<string, number> = {};
  constructor(readonly cols: number) {}

  /** Appends a row; returns its 1-based number. `key` goes in the row-key column when keyCol is given. */
  row(values: Cell[] = [], style: StyleName | null = null): number {
    const cells: Cell[] = Array.from({ length: this.cols }, (_, i) => values[i] ?? null);
    this.cells.push(cells);
    this.styles.push(Array.from({ length: this.cols }, () => style));
    this.validations.push(Array.from({ length: this.cols }, () => null));
    return this.cells.length;
  }
  set(row: number, col: number, value: Cell, style?: StyleName | null, validation?: Validation | null): void {
    this.cells[row - 1]![col - 1] = value;
    if (style !== undefined) this.styles[row - 1]![col - 1] = style;
    if (validation !== undefined) this.validations[row - 1]![col - 1] = validation;
  }
  style(row: number, col: number, style: StyleName | null): void {
    this.styles[row - 1]![col - 1] = style;
  }
  validate(row: number, col: number, v: Validation): void {
    this.validations[row - 1]![col - 1] = v;
  }
  key(key: string, row: number): void {
    this.rowOfKey[key] = row;
  }
  get rowCount(): number {
    return this.cells.length;
  }

  build(
    rest: Omit<SheetPlan, 'rows' | 'cols' | 'cells' | 'styles' | 'validations' | 'rowOfKey' | 'baseCells'>,
  ): SheetPlan {
    return {
      ...rest,
      rows: this.cells.length,
      cols: this.cols,
      cells: this.cells,
      styles: this.styles,
      validations: this.validations,
      rowOfKey: this.rowOfKey,
    };
  }
}

/** Column number (1-based) to letters: 1 -> A, 27 -> AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
export const a1 = (row: number, col: number): string => `${columnLetter(col)}${row}`;
export const a1Area = (a: Area): string => `${a1(a.row, a.col)}:${a1(a.row + a.rows - 1, a.col + a.cols - 1)}`;
/** A sheet name quoted for a formula reference ('O''Brien'). */
export const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'`;
/** A string literal inside a formula. */
export const str = (s: string): string => `"${s.replace(/"/g, '""')}"`;
export const fill = (template: string, vars: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
/** Sheet names: at most 100 characters, no characters Sheets rejects. */
export const sheetName = (template: string, vars: Record<string, string>): string =>
  fill(template, vars)
    .replace(/[[\]*?:/\\]/g, ' ')
    .slice(0, 100);
