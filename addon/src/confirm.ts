// "Confirm my ticks": for every apprentice the signed-in coach coaches, sync what the sheets hold (so the service
// has the typed rows), then ask the service to confirm the ticked items and hours rows that are the coach's to
// confirm (confirm-select.ts), and show the answer (numbers, Status, Confirmation) in the sheets and the Dashboard.

import type { ProgressView } from '@qualcard/shared/sheets';
import { send } from './api/client';
import { type ConfirmResponse, confirmRequest, type SyncResponse } from './api/requests';
import { readApprentices, viewOf } from './apprentice-sheets';
import { selectMyTicks } from './confirm-select';
import { refreshDashboard } from './dashboard-rows';
import { signedInEmail } from './identity';
import { withLock } from './lock';
import { showViews, sync, syncBody } from './progress';
import { requireRoster } from './roster-io';
import { programFrameworks, readSettings } from './settings';
import type { ConfirmResult } from './sidebar-api';

const ACTION = 'Confirm my ticks';
const NOTES = 8;

export function confirmMyTicks(): ConfirmResult {
  return withLock(ACTION, () => {
    const settings = readSettings();
    if (!settings.endpoint || !settings.sponsorId)
      throw new Error(
        `${ACTION}: set the Qualcard endpoint and sponsor id in set-up first: only the Qualcard service confirms ticks`,
      );
    const me = signedInEmail(ACTION);
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const frameworks = programFrameworks(settings);
    const mine = requireRoster(ss, frameworks).filter((r) => r.apprentice.coachEmails.includes(me));
    if (!mine.length) throw new Error(`${ACTION}: ${me} is not a coach of any apprentice on the roster`);
    const tz = ss.getSpreadsheetTimeZone();
    const { sheets, missing } = readApprentices(ss, mine, frameworks, tz);
    if (!sheets.length) throw new Error(`${ACTION}: your apprentices' qual cards are not generated yet; use Generate`);
    const body = syncBody(ACTION, sheets, settings, tz);
    const synced = sync(settings, body);
    const result = confirmEach(settings, sheets, body.records, synced, me);
    const entries = showViews(ss, sheets, result.views);
    refreshDashboard(ss, entries);
    return { ...result.report, apprentices: sheets.length, missing };
  });
}

type Sheets = ReturnType<typeof readApprentices>['sheets'];

/** One confirmations request per apprentice with something to confirm; the views to show and the counts. */
function confirmEach(
  settings: { endpoint: string; sponsorId: string },
  sheets: Sheets,
  records: Parameters<typeof selectMyTicks>[1][],
  synced: SyncResponse,
  me: string,
): { views: Map<string, ProgressView>; report: Omit<ConfirmResult, 'apprentices' | 'missing'> } {
  // The service's "today" (its time zone), which a confirmed date may not be after.
  const today = Utilities.formatDate(new Date(), synced.timeZone, 'yyyy-MM-dd');
  const report: Omit<ConfirmResult, 'apprentices' | 'missing'> = {
    coachEmail: me,
    confirmed: { signOffs: 0, hours: 0 },
    already: 0,
    skipped: { otherSigner: 0, noDate: 0, flagged: 0 },
    notes: [],
  };
  const views = new Map<string, ProgressView>();
  for (const a of sheets) {
    const id = a.roster.apprentice.id;
    const answer = synced.apprentices.find((x) => x.apprenticeId === id);
    const record = records.find((r) => r.apprentice.id === id)!;
    const selection = selectMyTicks(a.framework, record, answer?.confirmations ?? null, me, today);
    for (const k of ['otherSigner', 'noDate', 'flagged'] as const) {
      report.skipped[k] += selection.skipped[k].length;
      report.notes.push(...selection.skipped[k].map((n) => `${id} ${n}`));
    }
    let view = viewOf(a, answer?.progress, answer?.confirmations);
    if (selection.body) {
      const endpoint = { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
      const r = send<ConfirmResponse>(confirmRequest(endpoint, id, selection.body));
      report.confirmed.signOffs += r.confirmed.signOffs.length;
      report.confirmed.hours += r.confirmed.hours.length;
      report.already += r.already.signOffs.length + r.already.hours.length;
      view = viewOf(a, r.progress, r.confirmations);
    }
    if (view) views.set(id, view);
  }
  report.notes = report.notes.slice(0, NOTES);
  return { views, report };
}
