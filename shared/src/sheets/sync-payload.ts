// The body of POST /v1/sponsors/:sponsorId/sync built from sheet values: one ApprenticeRecord per roster
// row, or every sheet error found (and no body), so a bad cell syncs nothing.
import type { ApprenticeRecord } from './model';
import { recordFromSheets, type SheetError, type SheetValues } from './record';
import type { RosterRow } from './roster-row';

export interface ApprenticeSheets {
  roster: RosterRow;
  qualCard: SheetValues;
  hours: SheetValues;
}
export interface SyncBody {
  idempotencyKey: string;
  asOf?: string;
  records: ApprenticeRecord[];
}
export type SyncBodyResult = { ok: true; body: SyncBody } | { ok: false; errors: SheetError[] };

export function buildSyncBody(
  apprentices: ApprenticeSheets[],
  opts: { idempotencyKey: string; asOf?: string; sponsorId?: string },
): SyncBodyResult {
  const errors: SheetError[] = [];
  const records: ApprenticeRecord[] = [];
  for (const a of apprentices) {
    const r = recordFromSheets(a.roster, a.qualCard, a.hours);
    if (r.ok) records.push(opts.sponsorId ? { ...r.record, sponsorId: opts.sponsorId } : r.record);
    else errors.push(...r.errors);
  }
  if (errors.length) return { ok: false, errors };
  if (!records.length) return { ok: false, errors: [{ sheet: 'Roster', message: 'no apprentices to sync' }] };
  return {
    ok: true,
    body: { idempotencyKey: opts.idempotencyKey, ...(opts.asOf ? { asOf: opts.asOf } : {}), records },
  };
}
