// The one definition of "which values of an entry count": a sheet row that differs from its confirmed entry in one
// of them is "changed since confirmed" (the sync keeps the confirmed entry and stores the row beside it, merge.ts);
// the engine reports it (counted.ts), the add-on offers it to confirm again, and confirming it supersedes the old
// confirmation. Evidence, notes, descriptions and who the sheet names as signer change nothing that counts.

import type { HoursCategory } from '../model/framework';
import type { Finding, Pointer } from '../model/progress';
import type { CertificationHeld, ExamResult, HoursEntry, PriorCredit, SignOff } from '../model/record';
import { type EntryKind, HOURS_CATEGORY_LABEL } from './rules';

interface Entries {
  'sign-off': SignOff;
  'hours-entry': HoursEntry;
  'prior-credit': PriorCredit;
  exam: ExamResult;
  certification: CertificationHeld;
}

/** Per kind of entry, the values that count (an item's sign-off is keyed by its item: another item is another row). */
export const COUNTED_FIELDS = {
  'sign-off': ['date'],
  'hours-entry': ['date', 'category', 'workFunctionId', 'levelId', 'hours'],
  'prior-credit': ['category', 'levelId', 'hours'],
  exam: ['date', 'passed'],
  certification: ['date'],
} as const satisfies { [K in EntryKind]: readonly (keyof Entries[K])[] };

/** The values that count, as confirmed: what the add-on shows beside a changed row. */
export type CountedValues = Record<string, string | number | boolean>;

export interface Difference {
  field: string;
  confirmed: string | number | boolean | undefined;
  typed: string | number | boolean | undefined;
}

export function countedValues<K extends EntryKind>(kind: K, entry: Entries[K]): CountedValues {
  const values: CountedValues = {};
  for (const f of COUNTED_FIELDS[kind] as readonly string[]) {
    const v = (entry as Record<string, unknown>)[f] as string | number | boolean | undefined;
    if (v !== undefined && v !== '') values[f] = v;
  }
  return values;
}

/** Where the typed row differs from the confirmed entry in a value that counts; none: the sheet agrees. */
export function countedDifferences<K extends EntryKind>(
  kind: K,
  confirmed: Entries[K],
  typed: Omit<Entries[K], 'confirmation' | 'history' | 'onSheet'>,
): Difference[] {
  const [c, t] = [countedValues(kind, confirmed), countedValues(kind, typed as Entries[K])];
  return (COUNTED_FIELDS[kind] as readonly string[]).flatMap((field) =>
    c[field] === t[field] ? [] : [{ field, confirmed: c[field], typed: t[field] }],
  );
}

/** How a field that counts is named to people (sheets, findings, history). */
const FIELD_LABEL: Record<string, string> = { workFunctionId: 'work function', levelId: 'level', passed: 'result' };
export const fieldLabel = (field: string): string => FIELD_LABEL[field] ?? field;
/** A value as the sheet shows it: a category by its label, a result as passed or failed. */
export function shownValue(field: string, v: string | number | boolean | undefined): string {
  if (v === undefined) return '(blank)';
  if (typeof v === 'boolean') return v ? 'passed' : 'failed';
  if (field === 'category' && v in HOURS_CATEGORY_LABEL) return HOURS_CATEGORY_LABEL[v as HoursCategory];
  return String(v);
}

/** "hours 8 → 20, date 2026-03-02 → 2026-03-03": the reason a superseded confirmation ended, and a finding's text. */
export const describeDifferences = (diffs: Difference[]): string =>
  diffs
    .map((d) => `${fieldLabel(d.field)} ${shownValue(d.field, d.confirmed)} → ${shownValue(d.field, d.typed)}`)
    .join(', ');

/** "date 2026-03-02, category On-the-job learning, hours 8": the values an entry counts with. */
export const describeValues = (values: CountedValues): string =>
  Object.entries(values)
    .map(([field, v]) => `${fieldLabel(field)} ${shownValue(field, v)}`)
    .join(', ');

export const CHANGED_CODE = 'entry.changed-since-confirmed';
export const DELETED_CODE = 'entry.deleted-since-confirmed';
export const isChangedSinceConfirmed = (f: { code: string }): boolean =>
  f.code === CHANGED_CODE || f.code === DELETED_CODE;

/**
 * The finding for a confirmed entry the sheet no longer matches, or none. It still counts with its confirmed values:
 * the finding says so, with the confirmed and the typed values.
 */
export function changedFinding<K extends EntryKind>(
  kind: K,
  entry: Entries[K],
  pointer: Pointer,
  what: string,
): Finding | null {
  const sheet = entry.onSheet;
  if (!sheet || !entry.confirmation) return null;
  const by = `confirmed by ${entry.confirmation.by} on ${entry.confirmation.date}`;
  if (sheet.kind === 'deleted')
    return {
      code: DELETED_CODE,
      severity: 'warning',
      pointer,
      message: `${what} was deleted from the sheet; it still counts as ${by}. Withdraw the confirmation to remove it.`,
    };
  const diffs = countedDifferences(kind, entry, sheet.entry as never);
  return {
    code: CHANGED_CODE,
    severity: 'warning',
    pointer,
    message: `${what} changed on the sheet since it was ${by} (${describeDifferences(diffs)}); it counts with the confirmed values until the new ones are confirmed.`,
  };
}
