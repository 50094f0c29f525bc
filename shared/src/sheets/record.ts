// The sync payload: a SheetRecord built from the roster row and what the qual card and hours sheets hold: the typed
// cells only (tick, date, signed by, evidence, notes; the hours log), never Status or Confirmation, which are
// Qualcard's. Pure, so the add-on, the emulator test and the CLI build the same payload from the same values.

import { formatIssues } from '../model/errors';
import { categoryLabel, HOURS_CATEGORIES, priorCreditLabel, workFunctionIdOf } from './hours';
import { type HoursCategory, type HoursEntry, IsoDate, type PriorCredit, SheetRecord } from './model';
import type { Cell } from './plan';
import { type HoursRow, hasTyped, type KeptSignOff, readHours, readQualCard } from './read';
import type { RosterRow } from './roster-row';

export interface SheetError {
  sheet: string;
  row?: number;
  message: string;
}
export type RecordResult = { ok: true; record: SheetRecord } | { ok: false; errors: SheetError[] };

export interface SheetValues {
  name: string;
  grid: Cell[][];
}

export function recordFromSheets(roster: RosterRow, qualCard: SheetValues, hours: SheetValues): RecordResult {
  const errors: SheetError[] = [];
  const card = qualCardParts(qualCard, errors);
  const logged = hoursParts(hours, errors);
  if (errors.length) return { ok: false, errors };

  const parsed = SheetRecord.safeParse({
    schemaVersion: 1,
    apprentice: roster.apprentice,
    signOffs: card.signOffs,
    hours: logged.entries,
    priorCredit: logged.priorCredit,
    exams: card.exams,
    certifications: card.certifications,
  });
  if (!parsed.success) return { ok: false, errors: [{ sheet: qualCard.name, message: formatIssues(parsed.error) }] };
  return { ok: true, record: parsed.data };
}

type CardParts = Pick<SheetRecord, 'signOffs' | 'exams' | 'certifications'>;

/** The signed rows of the qual card: item sign-offs, passed exams and certifications. */
function qualCardParts(qualCard: SheetValues, errors: SheetError[]): CardParts {
  const parts: CardParts = { signOffs: [], exams: [], certifications: [] };
  const rowOf = new Map(qualCard.grid.map((r, i) => [String(r[0] ?? ''), i + 1]));
  for (const k of readQualCard(qualCard.grid).rows.values()) {
    if (!rowOf.has(k.key) || !k.signed) continue; // archived rows stay in the sheet, not in the record
    if (k.date && !IsoDate.safeParse(k.date).success) {
      const message = `signed date "${k.date}" is not a date (YYYY-MM-DD)`;
      errors.push({ sheet: qualCard.name, row: rowOf.get(k.key)!, message });
      continue;
    }
    addSigned(parts, k);
  }
  return parts;
}

/** A signed row goes where its key says: item:<id>, exam:<level>:<id> or cert:<level>:<id>. */
function addSigned(parts: CardParts, k: KeptSignOff): void {
  const [kind, ...rest] = k.key.split(':');
  if (kind === 'item') {
    parts.signOffs.push({
      itemId: rest.join(':'),
      ...(k.date ? { date: k.date } : {}),
      ...(k.signedBy ? { coachEmail: k.signedBy } : {}),
      ...(k.evidence ? { evidence: k.evidence } : {}),
      ...(k.notes ? { notes: k.notes } : {}),
    });
    return;
  }
  const id = rest.slice(1).join(':');
  const list = kind === 'exam' ? parts.exams : parts.certifications;
  if (list.some((e) => e.id === id)) return; // the same exam can be required by two levels
  if (kind === 'exam') parts.exams.push({ id, passed: true, ...(k.date ? { date: k.date } : {}) });
  else parts.certifications.push({ id, ...(k.date ? { date: k.date } : {}) });
}

/** Category labels as the hours sheet lists them, lower-cased, for logged hours and for prior credit. */
const BY_LABEL = new Map<string, { category: HoursCategory; credit: boolean }>(
  HOURS_CATEGORIES.flatMap((c) => [
    [categoryLabel(c).toLowerCase(), { category: c, credit: false }],
    [priorCreditLabel(c).toLowerCase(), { category: c, credit: true }],
  ]),
);

/** The hours log: logged hours and prior credit, every bad cell of a row reported before the row is skipped. */
function hoursParts(hours: SheetValues, errors: SheetError[]): { entries: HoursEntry[]; priorCredit: PriorCredit[] } {
  const entries: HoursEntry[] = [];
  const priorCredit: PriorCredit[] = [];
  const keyRow = new Map(hours.grid.map((r, i) => [String(r[0] ?? ''), i + 1]));
  for (const h of readHours(hours.grid).rows.filter(hasTyped)) {
    const row = keyRow.get(h.key);
    const err = (message: string): void => {
      errors.push({ sheet: hours.name, ...(row ? { row } : {}), message });
    };
    const category = BY_LABEL.get(h.category.toLowerCase());
    const n = typeof h.hours === 'number' ? h.hours : Number(h.hours);
    const before = errors.length;
    if (!IsoDate.safeParse(h.date).success) err(`date "${h.date}" is not a date (YYYY-MM-DD)`);
    if (!category) err(`category "${h.category}" is not one of the listed categories`);
    if (h.hours === '' || !Number.isFinite(n)) err(`hours "${h.hours}" is not a number`);
    if (errors.length > before || !category) continue;
    if (category.credit) priorCredit.push(creditFromRow(h, category.category, n));
    else entries.push(entryFromRow(h, category.category, n));
  }
  return { entries, priorCredit };
}

/** A row whose key someone cleared has no id: it syncs, but nothing can point at it until it is regenerated. */
const rowId = (h: HoursRow): { id?: string } => (h.key ? { id: h.key } : {});

const creditFromRow = (h: HoursRow, category: HoursCategory, hours: number): PriorCredit => ({
  ...rowId(h),
  category,
  hours,
  description: h.description || 'Prior credit',
  ...(h.verifiedBy ? { approvedBy: h.verifiedBy } : {}),
});

function entryFromRow(h: HoursRow, category: HoursCategory, hours: number): HoursEntry {
  const workFunctionId = workFunctionIdOf(h.workFunction);
  return {
    ...rowId(h),
    date: h.date,
    category,
    hours,
    ...(workFunctionId ? { workFunctionId } : {}),
    ...(h.description ? { description: h.description } : {}),
    ...(h.verifiedBy ? { verifiedBy: h.verifiedBy } : {}),
  };
}

export const formatSheetErrors = (errors: SheetError[]): string =>
  errors.map((e) => `${e.sheet}${e.row ? ` row ${e.row}` : ''}: ${e.message}`).join('\n');
