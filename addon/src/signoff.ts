// Coach sign-off from the sidebar: the selected item rows go to the backend with the coach's identity token;
// the backend answers with the verified coach email and server time, and only then is the sheet stamped.
import { columnsFromHeader, type SheetTag } from '@qualcard/shared/sheets';
import { send } from './api/client';
import { type SignOffResponse, signOffRequest } from './api/requests';
import { withLock } from './lock';
import { readSettings } from './settings';
import { tagKey } from './sheets/adapter';
import type { SignOffResult } from './sidebar-api';

export function signOffSelection(): SignOffResult {
  return withLock('Sign off', () => {
    const settings = readSettings();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getActiveSheet();
    const meta = sheet.getDeveloperMetadata().find((m) => m.getKey().startsWith('qualcard.sheet.'));
    const tag = meta ? (JSON.parse(meta.getValue() ?? '{}') as SheetTag) : null;
    if (tag?.kind !== 'qualcard' || !tag.apprenticeId || meta?.getKey() !== tagKey(tag))
      throw new Error("Sign off: open an apprentice's qual card sheet and select the item rows to sign");
    if (!settings.endpoint || !settings.sponsorId)
      throw new Error('Sign off: set the Qualcard endpoint and sponsor id in set-up first');

    const values = sheet.getDataRange().getValues();
    const selected = new Set<number>();
    for (const r of ss.getActiveRangeList()?.getRanges() ?? []) {
      for (let i = r.getRow(); i < r.getRow() + r.getNumRows(); i += 1) selected.add(i);
    }
    const rowOf = new Map<string, number>();
    for (const row of selected) {
      const key = String(values[row - 1]?.[0] ?? '');
      if (key.startsWith('item:')) rowOf.set(key.slice(5), row);
    }
    if (!rowOf.size)
      throw new Error('Sign off: the selection holds no item rows; select the rows of the items to sign');

    const response = send<SignOffResponse>(
      signOffRequest({ baseUrl: settings.endpoint, sponsorId: settings.sponsorId }, tag.apprenticeId, [
        ...rowOf.keys(),
      ]),
    );
    const date = response.signedAt.slice(0, 10);
    const header = values.find((r) => r[0] === 'columns') ?? [];
    const cols = columnsFromHeader(header);
    const [signed, signedDate, signedBy] = (['signed', 'signedDate', 'signedBy'] as const).map((c) => cols.get(c));
    if (signed === undefined || signedDate !== signed + 1 || signedBy !== signed + 2)
      throw new Error(
        "Sign off: the qual card's Signed / Signed date / Signed by columns were moved; regenerate the sheet",
      );
    // One write for the block of rows between the first and last signed item.
    const rows = response.signed.map((id) => rowOf.get(id)!).filter(Boolean);
    if (rows.length) {
      const first = Math.min(...rows);
      const last = Math.max(...rows);
      const block = values.slice(first - 1, last).map((r) => [r[signed], r[signedDate], r[signedBy]]);
      for (const r of rows) block[r - first] = [true, date, response.coachEmail];
      sheet.getRange(first, signed + 1, last - first + 1, 3).setValues(block);
    }
    return {
      apprenticeId: tag.apprenticeId,
      signed: response.signed,
      alreadySigned: response.alreadySigned,
      coachEmail: response.coachEmail,
      date,
    };
  });
}
