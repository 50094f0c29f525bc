// Whether the entries an apprentice asked their coaches to confirm are confirmed, read from the stored rows (pure).
// A sign-off is named by its item id and is confirmed when every row for that item has a confirmation (what the
// confirmations route calls "already confirmed"); an hours row is named by its row id.
import { type HoursEntry, isArchived, type SignOff } from '@qualcard/shared';
import type { EntryRef } from '@qualcard/shared/api';

export interface Rows {
  signOffs: SignOff[];
  hours: HoursEntry[];
}

/** The stored rows an entry names (an archived sign-off is history, never asked about). */
function rowsOf(rows: Rows, entry: EntryRef): { confirmation?: unknown }[] {
  return entry.kind === 'signOff'
    ? rows.signOffs.filter((s) => s.itemId === entry.id && !isArchived(s))
    : rows.hours.filter((h) => h.id === entry.id);
}

export function isConfirmed(rows: Rows, entry: EntryRef): boolean {
  const named = rowsOf(rows, entry);
  return named.length > 0 && named.every((r) => r.confirmation !== undefined);
}

/** Each entry with whether it is confirmed now. */
export const withConfirmed = <E extends EntryRef>(rows: Rows, entries: E[]): (E & { confirmed: boolean })[] =>
  entries.map((e) => ({ ...e, confirmed: isConfirmed(rows, e) }));

/** A request is open while some entry in it is not confirmed. */
export const isOpen = (rows: Rows, entries: EntryRef[]): boolean => entries.some((e) => !isConfirmed(rows, e));
