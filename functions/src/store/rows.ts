// Sheet rows as Firestore documents: one per sign-off and per hours entry, keyed by what identifies the row in the
// sheet (the item id; the hours row's stable id, else its content), so a re-sent row maps onto the same document.
import type { HoursEntry, SignOff } from '@qualcard/shared';
import { canonicalJson, safeKey, sha256 } from '../canonical';

/** A stored row: the entry (its provenance is the entry's own `confirmation`) and its place in the sheet. */
export interface Row<T> {
  key: string;
  /** Position in the record (the sheet's order), so the engine's row pointers stay meaningful. */
  order: number;
  data: T;
}

function withOrdinals<T>(rows: T[], baseKey: (row: T) => string): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const base = baseKey(row);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}~${n}`;
  });
}

export const signOffKeys = (signOffs: SignOff[]): string[] => withOrdinals(signOffs, (s) => safeKey(s.itemId));

export const hoursKeys = (hours: HoursEntry[]): string[] =>
  withOrdinals(hours, (h) =>
    // By content without its provenance, so confirming or withdrawing a row does not move it.
    h.id
      ? safeKey(h.id)
      : `h-${sha256(canonicalJson({ ...h, confirmation: undefined, history: undefined })).slice(0, 24)}`,
  );

export const sameContent = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
