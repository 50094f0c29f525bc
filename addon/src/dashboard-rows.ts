// After a sign-off or Confirm my ticks, the Dashboard's rows for the apprentices that changed are rewritten in place
// with the service's new numbers (their level rows and chart values; each row says its "as of" date), so the
// dashboard never shows other numbers than their sheets. Their gap lists change length: Check progress rebuilds
// those, and the help row says so.

import type { ProgressSummary, RowConfirmations } from '@qualcard/shared';
import {
  type Cell,
  chartLabel,
  DASHBOARD_CHART_HEADER,
  DASHBOARD_GAPS_TITLE,
  type DashboardEntry,
  dashboardIndex,
  dashboardLevelRows,
} from '@qualcard/shared/sheets';
import { type ReadApprentice, showView, viewOf } from './apprentice-sheets';
import { findTagged, readValues } from './sheets/adapter';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Where each changed apprentice's rows are, and what to write there (pure, for tests). */
export function dashboardUpdates(
  grid: Cell[][],
  entries: DashboardEntry[],
): { row: number; cells: Cell[][]; stale: string[] }[] {
  // A dashboard of an earlier layout (other columns) is left to Check progress, which rebuilds it.
  const header = grid.find((r) => r[0] === 'Apprentice ID');
  if (!['Level', 'Target', 'Percent'].every((h) => header?.[dashboardIndex(h)] === h)) return [];
  const gapsAt = grid.findIndex((r) => r[0] === DASHBOARD_GAPS_TITLE);
  const chartAt = grid.findIndex((r) => r[0] === DASHBOARD_CHART_HEADER);
  const updates: { row: number; cells: Cell[][]; stale: string[] }[] = [];
  const level = dashboardIndex('Level');
  for (const e of entries) {
    const rows = dashboardLevelRows(e);
    const first = grid.findIndex((r, i) => (gapsAt < 0 || i < gapsAt) && r[0] === e.apprentice.id);
    const planned = first < 0 ? [] : grid.slice(first, first + rows.length);
    const same =
      planned.length === rows.length &&
      planned.every((r, i) => r[0] === e.apprentice.id && r[level] === rows[i]![level]);
    if (!same) continue; // not on the dashboard yet, or its levels changed: Check progress rebuilds it
    updates.push({ row: first + 1, cells: rows, stale: [e.apprentice.id] });
    const target = rows.find((r) => r[dashboardIndex('Target')] === 'target');
    const chartRow = chartAt < 0 ? -1 : grid.findIndex((r, i) => i > chartAt && r[0] === chartLabel(e.apprentice));
    if (target && chartRow >= 0)
      updates.push({
        row: chartRow + 1,
        cells: [[chartLabel(e.apprentice), target[dashboardIndex('Percent')]!]],
        stale: [],
      });
  }
  return updates;
}

export function refreshDashboard(ss: Spreadsheet, entries: DashboardEntry[]): void {
  const found = findTagged(ss, { kind: 'dashboard' }).get('dashboard');
  if (!found) return;
  const grid = readValues(found.sheet, ss.getSpreadsheetTimeZone());
  const updates = dashboardUpdates(grid, entries);
  if (!updates.length) return;
  for (const u of updates) found.sheet.getRange(u.row, 1, u.cells.length, u.cells[0]!.length).setValues(u.cells);
  const ids = updates.flatMap((u) => u.stale);
  const note = `Rows of ${ids.join(', ')} were refreshed after a confirmation (their "As of" column says when); their gaps below are as of the last Check progress.`;
  const help = String(grid[1]?.[0] ?? '').replace(/ Rows of .*$/, '');
  found.sheet.getRange(2, 1).setValues([[`${help} ${note}`]]);
}

/**
 * One apprentice's answer from the service (a sign-off, an attestation, a withdrawal) shown where people look: their
 * sheets' numbers, Status and Confirmation, and their Dashboard rows.
 */
export function showAnswer(
  ss: Spreadsheet,
  read: ReadApprentice,
  progress: ProgressSummary | null | undefined,
  confirmations: RowConfirmations | null | undefined,
): void {
  const view = viewOf(read, progress, confirmations);
  const shown = showView(ss, read, view, new Map());
  if (view)
    refreshDashboard(ss, [{ ...shown, progress: view.progress, cumulative: read.framework.program.levelsCumulative }]);
}
