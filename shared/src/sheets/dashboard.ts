// The Dashboard plan: one row per apprentice and level in scope, the gaps with links to the cell each
// concerns, and a chart of completion by apprentice. Numbers come from the engine's Progress, not formulas: only
// confirmed and attested entries count, and each apprentice's row says how many wait for a confirmation.

import template from '../../../templates/dashboard.json';
import { HOURS_CATEGORY_LABEL } from '../engine/rules';
import type { ProgressSummary } from '../engine/summary';
import { wageSummary } from '../engine/wages';
import { statusCells, statusFormatRules } from './apprentice-status';
import { columnsFromHeader } from './columns';
import { bar } from './level-table';
import type { Apprentice, Finding, Pointer, Progress } from './model';
import type { SheetPlan } from './plan';
import { a1, type Cell, fill, PlanBuilder, str } from './plan';
import type { ViewSource } from './view';

export interface SheetRef {
  sheetId: number;
  name: string;
  grid: Cell[][];
}
export interface DashboardEntry {
  apprentice: Apprentice;
  progress: Progress;
  qualCard?: SheetRef;
  hours?: SheetRef;
  /** Cumulative frameworks show every level up to the target. */
  cumulative: boolean;
}

/** The cell a finding points at, found by row key in the sheets as they are now. */
export function locate(pointer: Pointer, entry: DashboardEntry): { sheet: SheetRef; cell: string } | null {
  const find = (
    sheet: SheetRef | undefined,
    key: string,
    column: (header: Cell[]) => number,
  ): { sheet: SheetRef; cell: string } | null => {
    if (!sheet) return null;
    const row = sheet.grid.findIndex((r) => String(r[0] ?? '') === key);
    if (row < 0) return null;
    const headerRow = sheet.grid.find((r) => ['columns', 'Row key'].includes(String(r[0] ?? ''))) ?? [];
    return { sheet, cell: a1(row + 1, Math.max(1, column(headerRow))) };
  };
  const signedCol = (h: Cell[]): number => (columnsFromHeader(h).get('signed') ?? 1) + 1;
  const levelOf = (kind: string, id: string): string => {
    const row = entry.qualCard?.grid.find((r) =>
      new RegExp(`^${kind}:[^:]+:${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(String(r[0] ?? '')),
    );
    return String(row?.[0] ?? '');
  };
  switch (pointer.kind) {
    case 'item':
    case 'sign-off':
      return find(entry.qualCard, `item:${pointer.itemId}`, signedCol);
    case 'exam':
      return find(entry.qualCard, levelOf('exam', pointer.examId), signedCol);
    case 'certification':
      return find(entry.qualCard, levelOf('cert', pointer.certificationId), signedCol);
    case 'level':
      return find(entry.qualCard, `level:${pointer.levelId}`, () => 2);
    case 'hours-entry':
      return pointer.id ? find(entry.hours, pointer.id, () => 2) : null;
    case 'hours-category':
      return entry.hours ? { sheet: entry.hours, cell: 'B5' } : null;
    default:
      // The card's progress, in its frozen rows.
      return find(entry.qualCard, 'meta:progress', () => 3);
  }
}

/** Where a link goes: Sheets links by sheet id; a workbook (xlsx) links by sheet name. */
export type LinkStyle = 'sheets' | 'workbook';
const link = (f: Finding, entry: DashboardEntry, style: LinkStyle): Cell => {
  const at = locate(f.pointer, entry);
  if (!at) return '';
  const target =
    style === 'sheets'
      ? `#gid=${at.sheet.sheetId}&range=${at.cell}`
      : `#'${at.sheet.name.replace(/'/g, "''")}'!${at.cell}`;
  return `=HYPERLINK(${str(target)},${str(`${at.sheet.name}!${at.cell}`)})`;
};

/** Entries of every kind waiting for a confirmation. */
export const pendingCount = (p: Progress): number => Object.values(p.entries).reduce((n, e) => n + e.pending, 0);

export type DashboardColumn = (typeof template.columns)[number];
/** A level row's cell by its column header (0-based), so no reader depends on the column order. */
export const dashboardIndex = (header: DashboardColumn): number => template.columns.indexOf(header);
/** Widths: ids, names and levels; then Status and a wide Reason (the gaps' wrapped text below sits in it too). */
const WIDTHS: Record<DashboardColumn, number> = {
  'Apprentice ID': 100,
  Name: 160,
  Level: 160,
  Status: 130,
  Reason: 420,
  Target: 70,
  Complete: 70,
  Percent: 70,
  Progress: 170,
  Items: 90,
  Hours: 320,
  Exams: 70,
  Certifications: 90,
  'Projected completion': 120,
  Gaps: 60,
  Pending: 70,
  'As of': 90,
  'Wage step': 300,
};

/** An apprentice's dashboard rows: one per level in scope (the earlier levels of a cumulative framework first). */
export function dashboardLevelRows(e: DashboardEntry): Cell[][] {
  const p = e.progress;
  const target = p.levels.findIndex((l) => l.levelId === p.targetLevelId);
  const scope = e.cumulative ? p.levels.slice(0, target + 1) : p.levels.slice(target, target + 1);
  return scope.map((l) => {
    const isTarget = l.levelId === p.targetLevelId;
    const [status, reason] = isTarget ? statusCells(p) : ['', ''];
    const row: Record<DashboardColumn, Cell> = {
      'Apprentice ID': e.apprentice.id,
      Name: e.apprentice.name,
      Level: `${l.title} (${l.levelId})`,
      Status: status ?? '',
      Reason: reason ?? '',
      Target: isTarget ? 'target' : 'earlier',
      Complete: l.complete ? 'yes' : 'no',
      Percent: l.percent,
      Progress: bar(l.percent),
      Items: `${l.items.done} of ${l.items.required}`,
      Hours: l.hours.map((h) => `${HOURS_CATEGORY_LABEL[h.category]} ${h.done} of ${h.required}`).join('; '),
      Exams: `${l.exams.done} of ${l.exams.required}`,
      Certifications: `${l.certifications.done} of ${l.certifications.required}`,
      'Projected completion': isTarget ? (p.projectedCompletion ?? 'no pace yet') : '',
      Gaps: p.gaps.filter((g) => g.levelId === l.levelId).length,
      Pending: isTarget ? pendingCount(p) : '',
      'As of': p.asOf,
      // Wage steps, when the program has a schedule: "eligible for step N since DATE" until a raise is recorded.
      'Wage step': isTarget ? wageSummary(p.wage) : '',
    };
    return template.columns.map((c) => row[c] ?? null);
  });
}

/** The chart's label for an apprentice (its data row holds the target level's percent). */
export const chartLabel = (a: { id: string; name: string }): string => `${a.name} (${a.id})`;
export const DASHBOARD_GAPS_TITLE = template.gapsTitle;
export const DASHBOARD_CHART_HEADER = 'Chart: apprentice';

/** The Status column (1-based): the apprentice's status on the target level's row, next to its Reason. */
export const DASHBOARD_STATUS_COL = template.columns.indexOf('Status') + 1;

/** One row per apprentice and level in scope; returns the chart's data (target level percent per apprentice). */
function addLevelRows(b: PlanBuilder, entries: DashboardEntry[]): [string, number][] {
  const chart: [string, number][] = [];
  for (const e of entries) {
    for (const cells of dashboardLevelRows(e)) {
      const r = b.row(cells);
      b.style(r, dashboardIndex('Percent') + 1, 'percent');
      b.style(r, dashboardIndex('Progress') + 1, 'bar');
      b.style(r, dashboardIndex('Reason') + 1, 'text');
      if (cells[dashboardIndex('Target')] === 'target')
        chart.push([chartLabel(e.apprentice), cells[dashboardIndex('Percent')] as number]);
    }
  }
  return chart;
}

/** Every finding of every apprentice, with a link to the cell it concerns; a summary's left-out findings counted. */
function addFindingRows(b: PlanBuilder, entries: DashboardEntry[], links: LinkStyle): void {
  for (const e of entries) {
    for (const f of [...e.progress.integrity, ...e.progress.gaps]) {
      // The message in the wide Reason column, wrapped; the link beside it in Status's.
      const r = b.row([e.apprentice.id, f.levelId ?? '', f.severity, link(f, e, links), f.message]);
      b.style(r, 4, 'link');
      b.style(r, 5, 'text');
    }
    const omitted = (e.progress as Partial<ProgressSummary>).omittedFindings ?? 0;
    if (omitted)
      b.style(
        b.row([e.apprentice.id, '', 'info', '', fill(template.omitted, { n: String(omitted), id: e.apprentice.id })]),
        5,
        'text',
      );
  }
}

export function planDashboard(
  entries: DashboardEntry[],
  asOf: string,
  links: LinkStyle = 'sheets',
  source: ViewSource = 'synced',
): SheetPlan {
  const b = new PlanBuilder(template.columns.length);
  b.row([template.title], 'title');
  b.row([fill(template.help, { asOf, source: template.source[source] })], 'help');
  b.row();
  const header = b.row(template.columns, 'header');
  const chart = addLevelRows(b, entries);
  const levelRows = b.rowCount - header;
  b.row();
  b.row([template.gapsTitle], 'section');
  b.row(template.gapColumns, 'header');
  addFindingRows(b, entries, links);
  // Chart data: target level percent per apprentice, below the gaps.
  b.row();
  const chartHeader = b.row([DASHBOARD_CHART_HEADER, 'Target level %'], 'header');
  for (const [name, pct] of chart) b.row([name, pct]);
  const n = chart.length;
  return b.build({
    name: template.sheetName,
    tag: { kind: 'dashboard' },
    columnWidths: template.columns.map((c) => WIDTHS[c] ?? 90),
    hiddenColumns: [],
    frozenRows: 4,
    protections: [],
    conditional: levelRows
      ? statusFormatRules({ row: header + 1, col: DASHBOARD_STATUS_COL, rows: levelRows, cols: 1 })
      : [],
    charts: n
      ? [
          {
            title: template.chartTitle,
            labels: { row: chartHeader + 1, col: 1, rows: n, cols: 1 },
            values: { row: chartHeader + 1, col: 2, rows: n, cols: 1 },
            anchor: { row: 1, col: template.columns.length + 1 },
          },
        ]
      : [],
  });
}
