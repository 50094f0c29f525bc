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
      return entry.qualCard ? { sheet: entry.qualCard, cell: 'C4' } : null;
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

/** An apprentice's dashboard rows: one per level in scope (the earlier levels of a cumulative framework first). */
export function dashboardLevelRows(e: DashboardEntry): Cell[][] {
  const p = e.progress;
  const target = p.levels.findIndex((l) => l.levelId === p.targetLevelId);
  const scope = e.cumulative ? p.levels.slice(0, target + 1) : p.levels.slice(target, target + 1);
  return scope.map((l) => {
    const isTarget = l.levelId === p.targetLevelId;
    return [
      e.apprentice.id,
      e.apprentice.name,
      `${l.title} (${l.levelId})`,
      isTarget ? 'target' : 'earlier',
      l.complete ? 'yes' : 'no',
      l.percent,
      bar(l.percent),
      `${l.items.done} of ${l.items.required}`,
      l.hours.map((h) => `${HOURS_CATEGORY_LABEL[h.category]} ${h.done} of ${h.required}`).join('; '),
      `${l.exams.done} of ${l.exams.required}`,
      `${l.certifications.done} of ${l.certifications.required}`,
      isTarget ? (p.projectedCompletion ?? 'no pace yet') : '',
      p.gaps.filter((g) => g.levelId === l.levelId).length,
      isTarget ? pendingCount(p) : '',
      p.asOf,
      ...(isTarget ? statusCells(p) : ['', '']),
      // Wage steps, when the program has a schedule: "eligible for step N since DATE" until a raise is recorded.
      isTarget ? wageSummary(p.wage) : '',
    ];
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
      b.style(r, 6, 'percent');
      b.style(r, 7, 'bar');
      b.style(r, DASHBOARD_STATUS_COL + 1, 'text');
      if (cells[3] === 'target') chart.push([chartLabel(e.apprentice), cells[5] as number]);
    }
  }
  return chart;
}

/** Every finding of every apprentice, with a link to the cell it concerns; a summary's left-out findings counted. */
function addFindingRows(b: PlanBuilder, entries: DashboardEntry[], links: LinkStyle): void {
  for (const e of entries) {
    for (const f of [...e.progress.integrity, ...e.progress.gaps]) {
      const r = b.row([e.apprentice.id, f.levelId ?? '', f.severity, f.message, link(f, e, links)]);
      b.style(r, 4, 'text');
      b.style(r, 5, 'link');
    }
    const omitted = (e.progress as Partial<ProgressSummary>).omittedFindings ?? 0;
    if (omitted)
      b.row([e.apprentice.id, '', 'info', fill(template.omitted, { n: String(omitted), id: e.apprentice.id })]);
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
    columnWidths: [100, 160, 160, 70, 70, 70, 170, 90, 320, 70, 90, 120, 60, 70, 90, 80, 420, 300],
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
