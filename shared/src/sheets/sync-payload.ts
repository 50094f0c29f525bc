// The body of the sync route built from sheet values: one SheetRecord (typed cells only) per
// roster row, or every sheet error found (and no body), so a bad cell syncs nothing.
import type { Programs } from '../model/program';
import type { SheetRecord } from './model';
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
  /** The spreadsheet's time zone: the sponsor's calendar (an admin's sync stores it). */
  timeZone?: string;
  /** The sponsor's program per framework (optional work functions run); an admin's sync stores it. */
  programs?: Programs;
  records: SheetRecord[];
}
export type SyncBodyResult = { ok: true; body: SyncBody } | { ok: false; errors: SheetError[] };

export function buildSyncBody(
  apprentices: ApprenticeSheets[],
  opts: { idempotencyKey: string; asOf?: string; timeZone?: string; programs?: Programs; sponsorId?: string },
): SyncBodyResult {
  const errors: SheetError[] = [];
  const records: SheetRecord[] = [];
  for (const a of apprentices) {
    const r = recordFromSheets(a.roster, a.qualCard, a.hours);
    if (r.ok) records.push(opts.sponsorId ? { ...r.record, sponsorId: opts.sponsorId } : r.record);
    else errors.push(...r.errors);
  }
  if (errors.length) return { ok: false, errors };
  if (!records.length) return { ok: false, errors: [{ sheet: 'Roster', message: 'no apprentices to sync' }] };
  return {
    ok: true,
    body: {
      idempotencyKey: opts.idempotencyKey,
      ...(opts.asOf ? { asOf: opts.asOf } : {}),
      ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
      ...(opts.programs && Object.keys(opts.programs).length ? { programs: opts.programs } : {}),
      records,
    },
  };
}
