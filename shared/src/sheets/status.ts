// What a row's Status and Confirmation cells say. Confirmation is written by Qualcard from the service's
// confirmations and starts with the row's standing under the engine's one rule (engine/provenance.ts); Status is a
// formula over it, so a fresh tick shows "pending" at once, before any sync. Conditional formatting colours Status.
import { confirmedOn, standing } from '../engine/provenance';
import { CONFIRMED_BY, type EntryKind } from '../engine/rules';
import { DEFAULT_TIME_ZONE } from '../model/time-zone';
import type { Confirmation, EndedConfirmation } from './model';
import type { Area, ConditionalText } from './plan';

export type RowStatus = 'pending' | 'confirmed' | 'attested' | 'flagged';
export const ROW_STATUSES: readonly RowStatus[] = ['pending', 'confirmed', 'attested', 'flagged'];

const COLOURS: Record<RowStatus, { background: string; color: string }> = {
  pending: { background: '#fef7e0', color: '#b06000' },
  confirmed: { background: '#e6f4ea', color: '#137333' },
  attested: { background: '#e8f0fe', color: '#1967d2' },
  flagged: { background: '#fce8e6', color: '#c5221f' },
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
  return `=IF(${confirmationCell}<>"",IF(${head}="flagged:","flagged",IF(${head}="pending:","pending",IF(${head}="attested","attested","confirmed"))),IF(${typed},"pending",""))`;
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
 * One ended confirmation in words: "confirmed by X on D, withdrawn by Y on D2 because R". The end's day is its UTC
 * day (an ended confirmation keeps the instant only). The sheets and the transcript say it the same way.
 */
export function endedText(e: EndedConfirmation): string {
  const c = e.confirmation;
  return `${c.kind} by ${c.by} on ${c.date}, ${e.ended.kind} by ${e.ended.by} on ${e.ended.at.slice(0, 10)} because ${e.ended.reason}`;
}

/** Every ended confirmation of an entry, oldest first, or empty. */
export const historyText = (history: readonly EndedConfirmation[] | undefined): string =>
  (history ?? []).map(endedText).join('; ');

/**
 * The Confirmation cell of an entry with no confirmation whose last one was withdrawn: pending, with who confirmed
 * it, who withdrew it and why (its Status reads "pending"). Empty when nothing was withdrawn.
 */
export function withdrawnText(history: readonly EndedConfirmation[] | undefined): string {
  const last = history?.at(-1);
  if (last?.ended.kind !== 'withdrawn') return '';
  return `pending: ${endedText(last)}`;
}
