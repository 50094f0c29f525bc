// "Confirm my ticks" (a coach: for every apprentice they coach) and "Record results" (a sponsor admin: for the
// roster): sync what the sheets hold (so the service has the typed rows), ask the service to confirm the rows that
// are the caller's to confirm (confirm-select.ts), one request per apprentice, and show the answer (numbers, Status,
// Confirmation) in the sheets and the Dashboard.
import type { RowConfirmations, SheetRecord } from '@qualcard/shared';
import type { ProgressView, RosterRow } from '@qualcard/shared/sheets';
import { requireAdmin } from './admin-check';
import { send } from './api/client';
import { type ConfirmResponse, confirmRequest } from './api/requests';
import { type ReadApprentice, readApprentices, viewOf } from './apprentice-sheets';
import { selectMyTicks, selectResults, type TickSelection } from './confirm-select';
import { refreshDashboard } from './dashboard-rows';
import { signedInEmail } from './identity';
import { withLock } from './lock';
import { showViews, sync, syncBody, writeDashboard } from './progress';
import { requireRoster } from './roster-io';
import { programFrameworks, readSettings, type Settings } from './settings';
import type { ConfirmResult } from './sidebar-api';

const NOTES = 8;
type Select = (a: ReadApprentice, record: SheetRecord, c: RowConfirmations | null, today: string) => TickSelection;

export function confirmMyTicks(): ConfirmResult {
  const action = 'Confirm my ticks';
  return withLock(action, () => {
    const settings = requireService(action);
    const me = signedInEmail(action);
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const mine = requireRoster(ss, programFrameworks(settings)).filter((r) => r.apprentice.coachEmails.includes(me));
    if (!mine.length) throw new Error(`${action}: ${me} is not a coach of any apprentice on the roster`);
    const run = confirmRun(action, settings, mine, me, (a, record, c, today) =>
      selectMyTicks(a.framework, record, c, me, today),
    );
    refreshDashboard(ss, run.entries);
    return run.result;
  });
}

export function recordResults(): ConfirmResult {
  const action = 'Record results';
  return withLock(action, () => {
    const settings = requireService(action);
    const email = requireAdmin(settings, action);
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const run = confirmRun(action, settings, requireRoster(ss, programFrameworks(settings)), email, (a, r, c, t) =>
      selectResults(a.framework, r, a.qualSheet.grid, c, email, t),
    );
    writeDashboard(ss, run.entries, run.today, true);
    return run.result;
  });
}

function requireService(action: string): Settings {
  const settings = readSettings();
  if (!settings.endpoint || !settings.sponsorId)
    throw new Error(
      `${action}: set the Qualcard endpoint and sponsor id in set-up first: only the Qualcard service confirms`,
    );
  return settings;
}

/** The sync, one confirmations request per apprentice with something to confirm, the sheets shown, the counts. */
function confirmRun(action: string, settings: Settings, rows: RosterRow[], me: string, select: Select) {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const { sheets, missing } = readApprentices(ss, rows, programFrameworks(settings), tz);
  if (!sheets.length) throw new Error(`${action}: the qual cards are not generated yet; use Generate`);
  const body = syncBody(action, sheets, settings, tz);
  const synced = sync(settings, body);
  // The service's "today" (its time zone), which a confirmed date may not be after.
  const today = Utilities.formatDate(new Date(), synced.timeZone, 'yyyy-MM-dd');
  const result: ConfirmResult = {
    by: me,
    apprentices: sheets.length,
    confirmed: { signOffs: 0, hours: 0, priorCredit: 0, exams: 0, certifications: 0 },
    already: 0,
    skipped: { otherSigner: 0, noDate: 0, noEvidence: 0, flagged: 0 },
    notes: [],
    missing,
  };
  const views = new Map<string, ProgressView>();
  for (const a of sheets) {
    const id = a.roster.apprentice.id;
    const answer = synced.apprentices.find((x) => x.apprenticeId === id);
    const selection = select(
      a,
      body.records.find((r) => r.apprentice.id === id)!,
      answer?.confirmations ?? null,
      today,
    );
    for (const [k, notes] of Object.entries(selection.skipped) as [keyof ConfirmResult['skipped'], string[]][]) {
      result.skipped[k] += notes.length;
      result.notes.push(...notes.map((n) => `${id} ${n}`));
    }
    let view = viewOf(a, answer?.progress, answer?.confirmations);
    if (selection.body) {
      const endpoint = { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
      const r = send<ConfirmResponse>(confirmRequest(endpoint, id, selection.body));
      for (const k of Object.keys(result.confirmed) as (keyof ConfirmResult['confirmed'])[]) {
        result.confirmed[k] += r.confirmed[k].length;
        result.already += r.already[k].length;
      }
      view = viewOf(a, r.progress, r.confirmations);
    }
    if (view) views.set(id, view);
  }
  result.notes = result.notes.slice(0, NOTES);
  return { result, entries: showViews(ss, sheets, views), today };
}
