// Check progress: build each apprentice's record from the sheets' typed cells, sync it to the functions (or, with no
// endpoint set, run the same engine here, where nothing is confirmed), show the engine's numbers and the service's
// confirmations in every apprentice's sheets, and write the Dashboard sheet.
import type { Framework, SheetRecord } from '@qualcard/shared';
import {
  buildSyncBody,
  type DashboardEntry,
  formatSheetErrors,
  localView,
  type ProgressView,
  planDashboard,
  type SyncBody,
} from '@qualcard/shared/sheets';
import { send } from './api/client';
import { type MeResponse, meRequest, type SyncResponse, syncRequest } from './api/requests';
import { type ReadApprentice, readApprentices, showView, viewOf } from './apprentice-sheets';
import { refreshDashboard } from './dashboard-rows';
import { withLock } from './lock';
import { programsToSync } from './program-settings';
import { requireRoster } from './roster-io';
import { programFrameworks, readSettings, type Settings } from './settings';
import { findTagged, type LayoutCache, writeStandalone } from './sheets/adapter';
import type { CheckResult } from './sidebar-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Today in the spreadsheet's time zone. */
export const today = (tz: string): string => Utilities.formatDate(new Date(), tz, 'yyyy-MM-dd');

export function checkProgress(asOf?: string): CheckResult {
  return withLock('Check progress', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const settings = readSettings();
    const frameworks = programFrameworks(settings);
    const roster = requireRoster(ss, frameworks);
    const tz = ss.getSpreadsheetTimeZone();
    const day = asOf ?? today(tz);
    const synced = !!(settings.endpoint && settings.sponsorId);
    // A coach syncs only their own apprentices (the service refuses the others); an admin syncs the roster.
    const coach = synced ? coachScope(settings) : null;
    const scope = coach ? roster.filter((r) => r.apprentice.coachEmails.includes(coach)) : roster;
    const { sheets, missing } = readApprentices(ss, scope, frameworks, tz);
    if (!sheets.length)
      throw new Error(
        `Check progress: no generated qual cards yet${missing.length ? ` (not generated: ${missing.join(', ')})` : ''}${coach ? ` among ${coach}'s apprentices` : ''}; use Generate first`,
      );
    // The service computes what it stores as of the sponsor's today: only an explicit asOf is sent (an admin's).
    const body = syncBody('Check progress', sheets, settings, tz, asOf);
    const views = synced ? syncViews(settings, body, sheets) : localViews(body, sheets, day);
    const entries = showViews(ss, sheets, views);
    if (coach && findTagged(ss, { kind: 'dashboard' }).get('dashboard')) refreshDashboard(ss, entries);
    else writeDashboard(ss, entries, day, synced);
    return {
      apprentices: entries.length,
      ...(coach ? { coachEmail: coach } : {}),
      synced,
      asOf: day,
      gaps: entries.reduce((n, e) => n + e.progress.gaps.length, 0),
      pending: entries.reduce((n, e) => n + Object.values(e.progress.entries).reduce((m, x) => m + x.pending, 0), 0),
      missing,
    };
  });
}

/** The sync body from the sheets' typed cells, or an error naming every bad cell (nothing is sent then). */
export function syncBody(
  action: string,
  sheets: ReadApprentice[],
  settings: Settings,
  tz: string,
  asOf?: string,
): SyncBody {
  const built = buildSyncBody(sheets, {
    idempotencyKey: `sync-${Utilities.getUuid()}`,
    ...(asOf ? { asOf } : {}),
    timeZone: tz,
    // Like the time zone, the service stores the programs from an admin's sync only.
    programs: programsToSync(sheets),
    ...(settings.sponsorId ? { sponsorId: settings.sponsorId } : {}),
  });
  if (!built.ok) throw new Error(`${action}: fix these cells first:\n${formatSheetErrors(built.errors)}`);
  return built.body;
}

/** The caller's email when the service knows them as a coach of this sponsor (not an admin), else null. */
function coachScope(settings: Settings): string | null {
  const me = send<MeResponse>(meRequest({ baseUrl: settings.endpoint, sponsorId: settings.sponsorId }));
  return me.sponsors[settings.sponsorId]?.role === 'coach' ? me.email : null;
}

/** The functions store the records and answer with each apprentice's progress and row confirmations. */
export function sync(settings: Settings, body: SyncBody): SyncResponse {
  return send<SyncResponse>(syncRequest({ baseUrl: settings.endpoint, sponsorId: settings.sponsorId }, body));
}

function syncViews(settings: Settings, body: SyncBody, sheets: ReadApprentice[]): Map<string, ProgressView> {
  const response = sync(settings, body);
  const views = new Map<string, ProgressView>();
  for (const a of response.apprentices) {
    const read = sheets.find((s) => s.roster.apprentice.id === a.apprenticeId);
    const view = read && viewOf(read, a.progress, a.confirmations);
    if (view) views.set(a.apprenticeId, view);
  }
  return views;
}

/** No endpoint: the same engine, run here on the records the sync would have sent. */
export function localViews(body: SyncBody, sheets: ReadApprentice[], day: string): Map<string, ProgressView> {
  const byId = new Map<string, SheetRecord>(body.records.map((r) => [r.apprentice.id, r]));
  return new Map(
    sheets.map((s) => [
      s.roster.apprentice.id,
      localView(s.framework, byId.get(s.roster.apprentice.id)!, day, s.program),
    ]),
  );
}

/** Each apprentice's view in their sheets; the dashboard's entries for those with one. */
export function showViews(
  ss: Spreadsheet,
  sheets: ReadApprentice[],
  views: Map<string, ProgressView>,
): (DashboardEntry & { framework: Framework })[] {
  const cache: LayoutCache = new Map();
  return sheets.flatMap((s) => {
    const view = views.get(s.roster.apprentice.id);
    const shown = showView(ss, s, view, cache);
    if (!view) return [];
    return [
      { ...shown, progress: view.progress, cumulative: s.framework.program.levelsCumulative, framework: s.framework },
    ];
  });
}

export function writeDashboard(ss: Spreadsheet, entries: DashboardEntry[], day: string, synced: boolean): void {
  writeStandalone(
    ss,
    planDashboard(entries, day, 'sheets', synced ? 'synced' : 'local'),
    findTagged(ss, { kind: 'dashboard' }).get('dashboard')?.sheet ?? null,
  );
}
