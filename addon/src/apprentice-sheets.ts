// An apprentice's two generated sheets as the add-on reads them (one read each), and the engine's view of the
// apprentice shown in them: numbers, Status and Confirmation rewritten in place, or the sheets regenerated when
// their rows moved. Every action that talks to the service (or, without one, runs the engine here) ends here.
import type { Framework, ProgramChoice, ProgressSummary, RowConfirmations } from '@qualcard/shared';
import {
  type ApprenticeSheets,
  type Cell,
  type DashboardEntry,
  type ProgressView,
  planApprentice,
  type RosterRow,
  readHours,
  readQualCard,
  type SheetTag,
  syncedView,
} from '@qualcard/shared/sheets';
import { programOf, readPrograms } from './program-settings';
import { findTagged, type LayoutCache, readValues, refreshSheet } from './sheets/adapter';
import { readWageSchedules, withWageSchedules } from './wage-schedule';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface ReadSheet {
  sheet: Sheet;
  tag: SheetTag;
  grid: Cell[][];
  id: number;
  name: string;
}
/** What the sync payload needs (roster row, names and values) plus the sheets themselves. */
export interface ReadApprentice extends ApprenticeSheets {
  framework: Framework;
  /** The sponsor's program for the framework (the apprentice's own plan is on the roster row). */
  program: ProgramChoice;
  qualSheet: ReadSheet;
  hoursSheet: ReadSheet;
}

/** Each rostered apprentice's qual card and hours sheet; apprentices without both are listed as missing. */
export function readApprentices(
  ss: Spreadsheet,
  roster: RosterRow[],
  frameworks: Framework[],
  tz: string,
): { sheets: ReadApprentice[]; missing: string[] } {
  const sheets: ReadApprentice[] = [];
  const missing: string[] = [];
  // The sponsor's programs with the Wage schedule sheet's schedules (an error naming a cell stops here).
  const programs = withWageSchedules(readPrograms(), readWageSchedules(ss, frameworks), frameworks);
  for (const row of roster) {
    const tagged = findTagged(ss, { apprenticeId: row.apprentice.id });
    const q = tagged.get('qualcard');
    const h = tagged.get('hours');
    const framework = frameworks.find((f) => f.id === row.apprentice.frameworkId);
    if (!q || !h || !framework) {
      missing.push(row.apprentice.id);
      continue;
    }
    const read = (t: { sheet: Sheet; tag: SheetTag }): ReadSheet => ({
      ...t,
      grid: readValues(t.sheet, tz),
      id: t.sheet.getSheetId(),
      name: t.sheet.getName(),
    });
    const qualSheet = read(q);
    const hoursSheet = read(h);
    sheets.push({
      roster: row,
      framework,
      program: programOf(programs, framework),
      qualSheet,
      hoursSheet,
      qualCard: { name: qualSheet.name, grid: qualSheet.grid },
      hours: { name: hoursSheet.name, grid: hoursSheet.grid },
    });
  }
  return { sheets, missing };
}

/** The service's answer for one apprentice as a view; none when a (replayed) answer lacks progress or confirmations. */
export function viewOf(
  a: { framework: Framework; roster: RosterRow },
  progress: ProgressSummary | null | undefined,
  confirmations: RowConfirmations | null | undefined,
): ProgressView | undefined {
  if (!progress || !confirmations) return undefined;
  // The service counts what was confirmed by the end of the as-of day in the sponsor's time zone, which the
  // admin's spreadsheet sets: this spreadsheet's, as the Confirmation cells read it.
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return syncedView(a.framework, a.roster.apprentice, { ...progress, timeZone }, confirmations);
}

/**
 * Shows a view in an apprentice's sheets: each is planned from what it holds now, then its computed areas are
 * rewritten (or it is regenerated). Returns what the dashboard needs to link to the sheets as they are now.
 */
export function showView(
  ss: Spreadsheet,
  a: ReadApprentice,
  view: ProgressView | undefined,
  cache: LayoutCache,
): Omit<DashboardEntry, 'progress' | 'cumulative'> {
  const plans = planApprentice(
    a.framework,
    a.roster,
    { qualCard: readQualCard(a.qualSheet.grid), hours: readHours(a.hoursSheet.grid) },
    view,
    a.program,
  );
  const shown = (read: ReadSheet, plan: typeof plans.hours) => {
    const sheet = refreshSheet(ss, plan, read, cache);
    // A regenerated sheet is a new sheet (new id) under the plan's name.
    return sheet === read.sheet
      ? { sheetId: read.id, name: read.name, grid: plan.cells }
      : { sheetId: sheet.getSheetId(), name: plan.name, grid: plan.cells };
  };
  const hours = shown(a.hoursSheet, plans.hours);
  return { apprentice: a.roster.apprentice, qualCard: shown(a.qualSheet, plans.qualCard), hours };
}
