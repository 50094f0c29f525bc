// Which of an apprentice's typed rows "Confirm my ticks" sends for the signed-in coach (pure: no Apps Script).
// A ticked item or an hours row is sent when the service has not confirmed it yet, its "Signed by" / "Verified by"
// is blank or the coach, and the engine raises no flag on it: a confirmed entry can no longer be changed from the
// sheet, so a mistyped date is fixed first, not confirmed. Blank "Signed by" rows are confirmed as the coach.
import { countedEntries, type Framework, type RowConfirmations, type SheetRecord } from '@qualcard/shared';
import type { ConfirmBody } from './api/requests';

export interface TickSelection {
  /** The confirmations request, or null when nothing is left to confirm. */
  body: ConfirmBody | null;
  /** Rows left out, by reason, each as "<row>: <why>". */
  skipped: { otherSigner: string[]; noDate: string[]; flagged: string[] };
}

/** Flags the coach cannot be asked to confirm past; a missing coach is filled in by confirming. */
const FILLED_BY_CONFIRMING = new Set(['signoff.no-coach', 'signoff.no-date']);

export function selectMyTicks(
  framework: Framework,
  record: SheetRecord,
  confirmations: RowConfirmations | null,
  me: string,
  today: string,
): TickSelection {
  const flags = new Map<string, string[]>();
  for (const f of countedEntries(framework, record, today).flags) {
    if (FILLED_BY_CONFIRMING.has(f.code)) continue;
    const p = f.pointer;
    const key = p.kind === 'sign-off' ? `item:${p.itemId}` : p.kind === 'hours-entry' && p.id ? `hours:${p.id}` : '';
    if (key) flags.set(key, [...(flags.get(key) ?? []), f.message]);
  }
  const skipped: TickSelection['skipped'] = { otherSigner: [], noDate: [], flagged: [] };
  const signOffs: string[] = [];
  for (const s of record.signOffs) {
    if (confirmations?.signOffs[s.itemId]) continue;
    if (s.coachEmail && s.coachEmail !== me) skipped.otherSigner.push(`${s.itemId}: signed by ${s.coachEmail}`);
    else if (!s.date) skipped.noDate.push(`${s.itemId}: no date`);
    else if (flags.has(`item:${s.itemId}`)) skipped.flagged.push(`${s.itemId}: ${flags.get(`item:${s.itemId}`)![0]}`);
    else signOffs.push(s.itemId);
  }
  const hours: string[] = [];
  for (const h of record.hours) {
    const row = `hours ${h.date} ${h.hours} h`;
    if (h.id && confirmations?.hours[h.id]) continue;
    if (h.verifiedBy && h.verifiedBy !== me) skipped.otherSigner.push(`${row}: verified by ${h.verifiedBy}`);
    else if (!h.id) skipped.flagged.push(`${row}: the row lost its key (use Generate to give it one)`);
    else if (flags.has(`hours:${h.id}`)) skipped.flagged.push(`${row}: ${flags.get(`hours:${h.id}`)![0]}`);
    else hours.push(h.id);
  }
  const body: ConfirmBody = { ...(signOffs.length ? { signOffs } : {}), ...(hours.length ? { hours } : {}) };
  return { body: signOffs.length || hours.length ? body : null, skipped };
}
