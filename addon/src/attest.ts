// The admin's "Attest paper-era entries": rows selected on one apprentice's qual card or hours sheet, typed from
// paper records kept before the sponsor used Qualcard, are attested with the reason and the evidence. The sheet is
// synced first (the service holds exactly what it shows), then the service attests them, audited.
import { requireAdmin, requireService } from './admin-check';
import { send } from './api/client';
import { type ConfirmResponse, confirmRequest } from './api/requests';
import { readApprentices } from './apprentice-sheets';
import { showAnswer } from './dashboard-rows';
import { withLock } from './lock';
import { sync, syncBody } from './progress';
import { requireRoster } from './roster-io';
import { activeApprenticeSheet, selectedKeys } from './selection';
import { programFrameworks, readSettings } from './settings';
import type { AttestInput, AttestResult } from './sidebar-api';

export function attestSelection(input: unknown): AttestResult {
  const action = 'Attest';
  const i = (input ?? {}) as Partial<AttestInput>;
  const reason = typeof i.reason === 'string' ? i.reason.trim() : '';
  const evidence = typeof i.evidence === 'string' ? i.evidence.trim() : '';
  if (!reason) throw new Error(`${action}: give the reason (e.g. "paper qual card signed before 2026")`);
  return withLock(action, () => {
    const settings = requireService(readSettings(), action);
    requireAdmin(settings, action);
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const active = activeApprenticeSheet(ss);
    if (!active)
      throw new Error(`${action}: open an apprentice's qual card or hours sheet and select the paper-era rows`);
    const frameworks = programFrameworks(settings);
    const row = requireRoster(ss, frameworks).find((r) => r.apprentice.id === active.apprenticeId);
    const tz = ss.getSpreadsheetTimeZone();
    const [read] = row ? readApprentices(ss, [row], frameworks, tz).sheets : [];
    if (!read) throw new Error(`${action}: ${active.apprenticeId} is not on the roster, or their sheets are missing`);
    const grid = active.kind === 'qualcard' ? read.qualSheet.grid : read.hoursSheet.grid;
    const keys = new Set(selectedKeys(ss, grid));
    const body = syncBody(action, [read], settings, tz);
    const record = body.records[0]!;
    const signOffs = record.signOffs.filter((s) => keys.has(`item:${s.itemId}`)).map((s) => s.itemId);
    const hours = record.hours.flatMap((h) => (h.id && keys.has(h.id) ? [h.id] : []));
    const priorCredit = record.priorCredit.flatMap((c) => (c.id && keys.has(c.id) ? [c.id] : []));
    if (!signOffs.length && !hours.length && !priorCredit.length)
      throw new Error(
        `${action}: the selection holds no typed entry; select the rows of ticked items (qual card) or logged hours (hours sheet)`,
      );
    sync(settings, body);
    const endpoint = { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
    const attest = { reason, ...(evidence ? { evidence } : {}) };
    const r = send<ConfirmResponse>(
      confirmRequest(endpoint, active.apprenticeId, { signOffs, hours, priorCredit, attest }),
    );
    showAnswer(ss, read, r.progress, r.confirmations);
    const attested = {
      signOffs: r.confirmed.signOffs.length,
      hours: r.confirmed.hours.length + r.confirmed.priorCredit.length,
    };
    const already = r.already.signOffs.length + r.already.hours.length + r.already.priorCredit.length;
    return {
      apprenticeId: active.apprenticeId,
      attested,
      already,
      message: `Attested ${attested.signOffs} sign-off(s) and ${attested.hours} hours row(s) of ${active.apprenticeId}${already ? `; ${already} already confirmed, left as they were` : ''}.`,
    };
  });
}
