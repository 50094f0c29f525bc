// Check progress: build each apprentice's record from the sheets, sync it to the functions (or, with no
// endpoint set, compute it with the same engine locally), and write the Dashboard sheet.
import { computeProgress, type Progress } from '@qualcard/shared';
import {
  type ApprenticeSheets,
  buildSyncBody,
  type DashboardEntry,
  formatSheetErrors,
  planDashboard,
} from '@qualcard/shared/sheets';
import { send } from './api/client';
import { type SyncResponse, syncRequest } from './api/requests';
import { withLock } from './lock';
import { requireRoster } from './roster-io';
import { programFrameworks, readSettings } from './settings';
import { findTagged, readValues, writeStandalone } from './sheets/adapter';
import type { CheckResult } from './sidebar-api';

export function checkProgress(asOf?: string): CheckResult {
  return withLock('Check progress', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const settings = readSettings();
    const frameworks = programFrameworks(settings);
    const roster = requireRoster(ss, frameworks);
    const tz = ss.getSpreadsheetTimeZone();
    const day = asOf ?? Utilities.formatDate(new Date(), tz, 'yyyy-MM-dd');
    const sheets: (ApprenticeSheets & { qualId: number; hoursId: number })[] = [];
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

    let progress: Map<string, Progress>;
    const synced = !!(settings.endpoint && settings.sponsorId);
    if (synced) {
      const response = send<SyncResponse>(
        syncRequest({ baseUrl: settings.endpoint, sponsorId: settings.sponsorId }, built.body),
      );
      progress = new Map(response.apprentices.map((a) => [a.apprenticeId, a.progress]));
    } else {
      progress = new Map(
        built.body.records.map((r) => [
          r.apprentice.id,
          computeProgress(frameworks.find((f) => f.id === r.apprentice.frameworkId)!, r, day),
        ]),
      );
    }
    const entries: DashboardEntry[] = sheets
      .filter((s) => progress.has(s.roster.apprentice.id))
      .map((s) => ({
        apprentice: s.roster.apprentice,
        progress: progress.get(s.roster.apprentice.id)!,
        cumulative: frameworks.find((f) => f.id === s.roster.apprentice.frameworkId)!.program.levelsCumulative,
        qualCard: { sheetId: s.qualId, name: s.qualCard.name, grid: s.qualCard.grid },
        hours: { sheetId: s.hoursId, name: s.hours.name, grid: s.hours.grid },
      }));
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
