// What a row's Status and Confirmation cells say. Confirmation is written by Qualcard from the service's
// confirmations and starts with the row's standing under the engine's one rule (engine/provenance.ts); Status is a
// formula over it, so a fresh tick shows "pending" at once, before any sync. Conditional formatting colours Status.
import { describeValues } from '../engine/changed';
import type { RowOnSheet } from '../engine/merge';
import { confirmedOn, standing } from '../engine/provenance';
import { CONFIRMED_BY, type EntryKind } from '../engine/rules';
import { DEFAULT_TIME_ZONE, localDate } from '../model/time-zone';
import type { Confirmation, EndedConfirmation } from './model';
import type { Area, ConditionalText } from './plan';

export type RowStatus = 'pending' | 'confirmed' | 'attested' | 'flagged' | typeof CHANGED | typeof DELETED;
/** A confirmed row the sheet no longer matches (engine/changed.ts): it counts as confirmed, with its confirmed values. */
const CHANGED = 'changed since confirmed';
const DELETED = 'deleted from the sheet; still counts as confirmed';
export const ROW_STATUSES: readonly RowStatus[] = ['pending', 'confirmed', 'attested', 'flagged', CHANGED, DELETED];
/** Whether a Confirmation cell says the sheet no longer matches a counted, confirmed row (the Status formula's test). */
export const disagreesWithRecord = (confirmationCell: string): boolean =>
  confirmationCell.startsWith('changed since confirmed') || confirmationCell.startsWith('deleted from the sheet');

const COLOURS: Record<RowStatus, { background: string; color: string }> = {
  pending: { background: '#fef7e0', color: '#b06000' },
  confirmed: { background: '#e6f4ea', color: '#137333' },
  attested: { background: '#e8f0fe', color: '#1967d2' },
  flagged: { background: '#fce8e6', color: '#c5221f' },
  [CHANGED]: { background: '#fce8e6', color: '#c5221f' },
  [DELETED]: { background: '#fce8e6', color: '#c5221f' },
};

/** One conditional format per status over a Status column. */
export const statusFormats = (area: Area): ConditionalText[] =>
  ROW_STATUSES.map((s) => ({ area, textEquals: s, ...COLOURS[s] }));

/**
 * The Status formula: the first word of the Confirmation cell when it has one, else "pending" when the row holds
 * something typed (`typed`, a condition), else blank.
 */
export const statusFormula = (confirmationCell: string, typed: string): string => {
  const head = `LEFT(${confirmationCell},8)`;
  const known = `IF(${head}="changed ","${CHANGED}",IF(${head}="deleted ","${DELETED}",IF(${head}="attested","attested","confirmed")))`;
  return `=IF(${confirmationCell}<>"",IF(${head}="flagged:","flagged",IF(${head}="pending:","pending",${known})),IF(${typed},"pending",""))`;
};

const evidence = (c: Confirmation): string => (c.evidence ? ` (evidence: ${c.evidence})` : '');

/**
 * The Confirmation cell for an entry the service confirmed. `counted`: whether the engine counted it (false: an
 * integrity flag keeps it out); undefined when the add-on cannot tell.
 */
export function confirmationText(
  kind: EntryKind,
  c: Confirmation,
  { asOf, timeZone }: { asOf: string; timeZone?: string | undefined },
  counted?: boolean,
): string {
  const what =
    c.kind === 'attested'
      ? `attested by ${c.by} on ${c.date}: ${c.reason}${evidence(c)}`
      : `confirmed by ${c.by} on ${c.date}${evidence(c)}`;
  const s = standing(kind, { confirmation: c }, asOf, timeZone);
  if (s === 'pending') {
    const why =
      confirmedOn(c, timeZone ?? DEFAULT_TIME_ZONE) > asOf
        ? `after ${asOf}, the date these numbers are as of`
        : `as ${c.role}; this needs a ${CONFIRMED_BY[kind]}`;
    return `pending: ${what}, ${why}`;
  }
  return counted === false ? `flagged: ${what}; not counted until corrected (see the Dashboard)` : what;
}

/**
 * One ended confirmation in words: "confirmed by X on D, withdrawn by Y on D2 because R". The sheets and the
 * transcript say it the same way; with the sponsor's `timeZone` (the transcript) both days are on its calendar,
 * without it the confirmation's stored day and the end's UTC day (an ended confirmation keeps the instant only).
 */
export function endedText(e: EndedConfirmation, timeZone?: string): string {
  const c = e.confirmation;
  const [on, ended] = timeZone
    ? [confirmedOn(c, timeZone), localDate(new Date(e.ended.at), timeZone)]
    : [c.date, e.ended.at.slice(0, 10)];
  return `${c.kind} by ${c.by} on ${on}, ${e.ended.kind} by ${e.ended.by} on ${ended} because ${e.ended.reason}`;
}

/** Every ended confirmation of an entry, oldest first, or empty. */
export const historyText = (history: readonly EndedConfirmation[] | undefined, timeZone?: string): string =>
  (history ?? []).map((e) => endedText(e, timeZone)).join('; ');

/**
 * The Confirmation cell of an entry with no confirmation whose last one was withdrawn: pending, with who confirmed
 * it, who withdrew it and why (its Status reads "pending"). Empty when nothing was withdrawn.
 */
export function withdrawnText(history: readonly EndedConfirmation[] | undefined): string {
  const last = history?.at(-1);
  if (last?.ended.kind !== 'withdrawn') return '';
  return `pending: ${endedText(last)}`;
}

/**
 * The Confirmation cell of a confirmed row: as confirmationText, led by "changed since confirmed" (the typed values
 * differ; the confirmed ones still count and are shown) or "deleted from the sheet" when the sheet no longer
 * matches and the row counts. A row that does not count (pending, flagged) keeps its standing and says what changed.
 */
export function rowConfirmationText(
  kind: EntryKind,
  row: { confirmation: Confirmation; confirmed?: Record<string, string | number | boolean>; onSheet?: RowOnSheet },
  day: { asOf: string; timeZone?: string | undefined },
  counted?: boolean,
): string {
  const text = confirmationText(kind, row.confirmation, day, counted);
  const sheet = row.onSheet;
  if (!sheet) return text;
  const change = sheet.kind === 'deleted' ? 'deleted from the sheet' : `changed on the sheet: ${sheet.differences}`;
  if (counted === false || standing(kind, row, day.asOf, day.timeZone) === 'pending') return `${text}; ${change}`;
  const values = row.confirmed ? ` (confirmed values: ${describeValues(row.confirmed)})` : '';
  return sheet.kind === 'deleted'
    ? `deleted from the sheet; still counts as ${text}${values}`
    : `changed since confirmed: ${sheet.differences}; still counts as ${text}${values} until the new values are confirmed`;
}
