// Coach sign-off from the sidebar: the selected item rows go to the backend with the coach's identity token; the
// backend signs them (confirmed as it signs: verified coach, server time, the sponsor's day) and answers with the
// day, the coach, the progress and every row's confirmation. Only then is the sheet written: the ticks, the
// service's date and coach in the typed columns, and the engine's numbers, Status and Confirmation.
import { columnsFromHeader } from '@qualcard/shared/sheets';
import { send } from './api/client';
import { type SignOffResponse, signOffRequest } from './api/requests';
import { readApprentices } from './apprentice-sheets';
import { showAnswer } from './dashboard-rows';
import { withLock } from './lock';
import { requireRoster } from './roster-io';
import { activeApprenticeSheet, selectedRows } from './selection';
import { programFrameworks, readSettings } from './settings';
import type { SignOffResult } from './sidebar-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The active sheet's apprentice, when it is a qual card Qualcard generated. */
function activeQualCard(ss: Spreadsheet): string {
  const active = activeApprenticeSheet(ss);
  if (active?.kind !== 'qualcard')
    throw new Error("Sign off: open an apprentice's qual card sheet and select the item rows to sign");
  return active.apprenticeId;
}

export function signOffSelection(): SignOffResult {
  return withLock('Sign off', () => {
    const settings = readSettings();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const apprenticeId = activeQualCard(ss);
    if (!settings.endpoint || !settings.sponsorId)
      throw new Error('Sign off: set the Qualcard endpoint and sponsor id in set-up first');
    const frameworks = programFrameworks(settings);
    const row = requireRoster(ss, frameworks).find((r) => r.apprentice.id === apprenticeId);
    const tz = ss.getSpreadsheetTimeZone();
    const [read] = row ? readApprentices(ss, [row], frameworks, tz).sheets : [];
    if (!read) throw new Error(`Sign off: apprentice ${apprenticeId} is not on the roster (or has no hours sheet)`);
    const values = read.qualSheet.grid;
    const rowOf = new Map<string, number>();
    for (const r of selectedRows(ss)) {
      const key = String(values[r - 1]?.[0] ?? '');
      if (key.startsWith('item:')) rowOf.set(key.slice(5), r);
    }
    if (!rowOf.size)
      throw new Error('Sign off: the selection holds no item rows; select the rows of the items to sign');
    const cols = columnsFromHeader(values.find((r) => r[0] === 'columns') ?? []);
    const [signed, signedDate, signedBy] = (['signed', 'signedDate', 'signedBy'] as const).map((c) => cols.get(c));
    if (signed === undefined || signedDate !== signed + 1 || signedBy !== signed + 2)
      throw new Error(
        "Sign off: the qual card's Signed / Signed date / Signed by columns were moved; regenerate the sheet",
      );

    const response = send<SignOffResponse>(
      signOffRequest({ baseUrl: settings.endpoint, sponsorId: settings.sponsorId }, apprenticeId, [...rowOf.keys()]),
    );
    // One write for the block of rows between the first and last signed item.
    const rows = response.signed.map((id) => rowOf.get(id)!).filter(Boolean);
    if (rows.length) {
      const first = Math.min(...rows);
      const last = Math.max(...rows);
      for (const r of rows) values[r - 1]!.splice(signed, 3, true, response.date, response.coachEmail);
      const block = values.slice(first - 1, last).map((r) => [r[signed]!, r[signedDate]!, r[signedBy]!]);
      read.qualSheet.sheet.getRange(first, signed + 1, last - first + 1, 3).setValues(block);
    }
    showAnswer(ss, read, response.progress, response.confirmations);
    const target = response.progress?.levels.find((l) => l.levelId === response.progress.targetLevelId);
    return {
      apprenticeId,
      signed: response.signed,
      alreadySigned: response.alreadySigned,
      coachEmail: response.coachEmail,
      date: response.date,
      percent: target?.percent ?? null,
    };
  });
}
