// The sync payload: an ApprenticeRecord built from the roster row and what the qual card and hours sheets
// hold. Pure, so the add-on, the emulator test and the CLI build the same payload from the same values.

import { formatIssues } from '../model/errors';
import { categoryLabel, HOURS_CATEGORIES, priorCreditLabel } from './hours';
import {
  ApprenticeRecord,
  type HoursCategory,
  type HoursEntry,
  IsoDate,
  type PriorCredit,
  type SignOff,
} from './model';
import type { Cell } from './plan';
import { readHours, readQualCard } from './read';
import type { RosterRow } from './roster-row';

export interface SheetError {
  sheet: string;
  row?: number;
  message: string;
}
export type RecordResult = { ok: true; record: ApprenticeRecord } | { ok: false; errors: SheetError[] };

export interface SheetValues {
  name: string;
  grid: Cell[][];
}

export function recordFromSheets(roster: RosterRow, qualCard: SheetValues, hours: SheetValues): RecordResult {
  const errors: SheetError[] = [];
  const signOffs: SignOff[] = [];
  const exams: ApprenticeRecord['exams'] = [];
  const certifications: ApprenticeRecord['certifications'] = [];
  const rowOf = new Map(qualCard.grid.map((r, i) => [String(r[0] ?? ''), i + 1]));
  for (const k of readQualCard(qualCard.grid).rows.values()) {
    if (!rowOf.has(k.key) || !k.signed) continue; // archived rows stay in the sheet, not in the record
    const row = rowOf.get(k.key)!;
    if (k.date && !IsoDate.safeParse(k.date).success) {
      errors.push({ sheet: qualCard.name, row, message: `signed date "${k.date}" is not a date (YYYY-MM-DD)` });
      continue;
    }
    const [kind, ...rest] = k.key.split(':');
    if (kind === 'item') {
      signOffs.push({
        itemId: rest.join(':'),
        ...(k.date ? { date: k.date } : {}),
        ...(k.signedBy ? { coachEmail: k.signedBy } : {}),
        ...(k.evidence ? { evidence: k.evidence } : {}),
        ...(k.notes ? { notes: k.notes } : {}),
      });
    } else {
      const id = rest.slice(1).join(':');
      const list = kind === 'exam' ? exams : certifications;
      if (list.some((e) => e.id === id)) continue; // the same exam can be required by two levels
      if (kind === 'exam') exams.push({ id, passed: true, ...(k.date ? { date: k.date } : {}) });
      else certifications.push({ id, ...(k.date ? { date: k.date } : {}) });
    }
  }

  const entries: HoursEntry[] = [];
  const priorCredit: PriorCredit[] = [];
  const byLabel = new Map<string, { category: HoursCategory; credit: boolean }>(
    HOURS_CATEGORIES.flatMap((c) => [
      [categoryLabel(c).toLowerCase(), { category: c, credit: false }],
      [priorCreditLabel(c).toLowerCase(), { category: c, credit: true }],
    ]),
  );
  const hourRows = readHours(hours.grid).rows;
  const keyRow = new Map(hours.grid.map((r, i) => [String(r[0] ?? ''), i + 1]));
  hourRows.forEach((h) => {
    const row = keyRow.get(h.key);
    const err = (message: string): void => {
      errors.push({ sheet: hours.name, ...(row ? { row } : {}), message });
    };
    const category = byLabel.get(h.category.toLowerCase());
    const n = typeof h.hours === 'number' ? h.hours : Number(h.hours);
    const before = errors.length;
    if (!IsoDate.safeParse(h.date).success) err(`date "${h.date}" is not a date (YYYY-MM-DD)`);
    if (!category) err(`category "${h.category}" is not one of the listed categories`);
    if (h.hours === '' || !Number.isFinite(n)) err(`hours "${h.hours}" is not a number`);
    if (errors.length > before || !category) return;
    const workFunctionId = h.workFunction ? h.workFunction.split(' — ')[0]!.trim() : undefined;
    if (category.credit) {
      priorCredit.push({
        id: h.key,
        category: category.category,
        hours: n,
        description: h.description || 'Prior credit',
        approved: h.verifiedBy !== '',
        ...(h.verifiedBy ? { approvedBy: h.verifiedBy } : {}),
      });
    } else {
      entries.push({
        id: h.key,
        date: h.date,
        category: category.category,
        hours: n,
        ...(workFunctionId ? { workFunctionId } : {}),
        ...(h.description ? { description: h.description } : {}),
        ...(h.verifiedBy ? { verifiedBy: h.verifiedBy } : {}),
      });
    }
  });
  if (errors.length) return { ok: false, errors };

  const parsed = ApprenticeRecord.safeParse({
    schemaVersion: 1,
    apprentice: roster.apprentice,
    signOffs,
    hours: entries,
    priorCredit,
    exams,
    certifications,
  });
  if (!parsed.success) return { ok: false, errors: [{ sheet: qualCard.name, message: formatIssues(parsed.error) }] };
  return { ok: true, record: parsed.data };
}

export const formatSheetErrors = (errors: SheetError[]): string =>
  errors.map((e) => `${e.sheet}${e.row ? ` row ${e.row}` : ''}: ${e.message}`).join('\n');
