// Check progress: build each apprentice's record from the sheets, sync it to the functions (or, with no
// endpoint set, compute it with the same engine locally), and write the Dashboard sheet.
import { computeProgress, type Framework, type Progress } from '@qualcard/shared';
import {
  type ApprenticeSheets,
  buildSyncBody,
  type DashboardEntry,
  formatSheetErrors,
  planDashboard,
  type RosterRow,
  type SyncBody,
} from '@qualcard/shared/sheets';
import { send } from './api/client';
import { type SyncResponse, syncRequest } from './api/requests';
import { withLock } from './lock';
import { requireRoster } from './roster-io';
import { programFrameworks, readSettings, type Settings } from './settings';
import { findTagged, readValues, writeStandalone } from './sheets/adapter';
import type { CheckResult } from './sidebar-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
/** An apprentice's two sheets as read, with their sheet ids for the dashboard's links. */
type ReadSheets = ApprenticeSheets & { qualId: number; hoursId: number };

export function checkProgress(asOf?: string): CheckResult {
  return withLock('Check progress', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const settings = readSettings();
    const frameworks = programFrameworks(settings);
    const roster = requireRoster(ss, frameworks);
    const tz = ss.getSpreadsheetTimeZone();
    const day = asOf ?? Utilities.formatDate(new Date(), tz, 'yyyy-MM-dd');
    const { sheets, missing } = readApprenticeSheets(ss, roster, tz);
    if (!sheets.length)
      throw new Error(
        `Check progress: no generated qual cards yet${missing.length ? ` (not generated: ${missing.join(', ')})` : ''}; use Generate first`,
      );
    const built = buildSyncBody(sheets, {
      idempotencyKey: `sync-${Utilities.getUuid()}`,
      asOf: day,
      ...(settings.sponsorId ? { sponsorId: settings.sponsorId } : {}),
    });
    if (!built.ok) throw new Error(`Check progress: fix these cells first:\n${formatSheetErrors(built.errors)}`);

    const synced = !!(settings.endpoint && settings.sponsorId);
    const progress = synced ? syncProgress(settings, built.body) : localProgress(frameworks, built.body, day);
    const entries = dashboardEntries(sheets, progress, frameworks);
    writeStandalone(
      ss,
      planDashboard(entries, day),
      findTagged(ss, { kind: 'dashboard' }).get('dashboard')?.sheet ?? null,
    );
    return {
      apprentices: entries.length,
      synced,
      asOf: day,
      gaps: entries.reduce((n, e) => n + e.progress.gaps.length, 0),
      missing,
    };
  });
}

/** Each rostered apprentice's qual card and hours sheet; apprentices without both are listed as missing. */
function readApprenticeSheets(
  ss: Spreadsheet,
  roster: RosterRow[],
  tz: string,
): { sheets: ReadSheets[]; missing: string[] } {
  const sheets: ReadSheets[] = [];
  const missing: string[] = [];
  for (const row of roster) {
    const tagged = findTagged(ss, { apprenticeId: row.apprentice.id });
    const q = tagged.get('qualcard');
    const h = tagged.get('hours');
    if (!q || !h) {
      missing.push(row.apprentice.id);
      continue;
    }
    sheets.push({
      roster: row,
      qualId: q.sheet.getSheetId(),
      hoursId: h.sheet.getSheetId(),
      qualCard: { name: q.sheet.getName(), grid: readValues(q.sheet, tz) },
      hours: { name: h.sheet.getName(), grid: readValues(h.sheet, tz) },
    });
  }
  return { sheets, missing };
}

/** The functions store the records and answer with each apprentice's progress. */
function syncProgress(settings: Settings, body: SyncBody): Map<string, Progress> {
  const response = send<SyncResponse>(syncRequest({ baseUrl: settings.endpoint, sponsorId: settings.sponsorId }, body));
  return new Map(response.apprentices.map((a) => [a.apprenticeId, a.progress]));
}

/** No endpoint: the same engine, run here on the records the sync would have sent. */
function localProgress(frameworks: Framework[], body: SyncBody, day: string): Map<string, Progress> {
  return new Map(
    body.records.map((r) => [
      r.apprentice.id,
      computeProgress(frameworks.find((f) => f.id === r.apprentice.frameworkId)!, r, day),
    ]),
  );
}

function dashboardEntries(
  sheets: ReadSheets[],
  progress: Map<string, Progress>,
  frameworks: Framework[],
): DashboardEntry[] {
  return sheets
    .filter((s) => progress.has(s.roster.apprentice.id))
    .map((s) => ({
      apprentice: s.roster.apprentice,
      progress: progress.get(s.roster.apprentice.id)!,
      cumulative: frameworks.find((f) => f.id === s.roster.apprentice.frameworkId)!.program.levelsCumulative,
      qualCard: { sheetId: s.qualId, name: s.qualCard.name, grid: s.qualCard.grid },
      hours: { sheetId: s.hoursId, name: s.hours.name, grid: s.hours.grid },
    }));
}
