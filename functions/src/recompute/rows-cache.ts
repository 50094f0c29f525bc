// The daily recompute's copy of each apprentice's rows (sponsors/{sid}/recomputeRows/{aid}), so that a day's run reads
// one document per apprentice instead of one per sign-off and hours entry. A copy is valid while the apprentice
// document's update time is the one it was taken at: every change of a row touches that document
// (commitApprentice), so a stale copy is never used; it is simply read again from the rows and replaced.
// Only the functions read or write it (firestore.rules denies clients everything not listed).
import type { HoursEntry, SignOff } from '@qualcard/shared';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { MAX_DOCUMENT_BYTES } from '../db';
import type { Row } from '../store/rows';

export interface CachedRows {
  signOffs: Row<SignOff>[];
  hours: Row<HoursEntry>[];
}

/** What the copy is keyed on: the apprentice document's last update (Firestore's own, nanoseconds included). */
export const versionOf = (apprentice: DocumentSnapshot): string => apprentice.updateTime?.valueOf() ?? '';

/**
 * A copy taken at `version`, or undefined when there is none, it is older, or it is not one this code wrote. Its rows
 * were parsed by the zod model when they were read to take the copy (store/apprentice.ts readRows).
 */
export function cachedRows(snap: DocumentSnapshot, version: string): CachedRows | undefined {
  const json = snap.get('rows');
  if (!version || snap.get('version') !== version || typeof json !== 'string') return undefined;
  try {
    const rows = JSON.parse(json) as CachedRows;
    return Array.isArray(rows.signOffs) && Array.isArray(rows.hours) ? rows : undefined;
  } catch {
    return undefined; // An unreadable copy is simply taken again.
  }
}

/** Room left for the version and the field names in a document of at most 1 MiB. */
const MAX_ROWS_BYTES = MAX_DOCUMENT_BYTES - 4096;

/** The copy's document, or undefined when the rows are too many for one document (they are then read every day). */
export function rowsDoc(rows: CachedRows, version: string): { version: string; rows: string } | undefined {
  const json = JSON.stringify(rows);
  return Buffer.byteLength(json) <= MAX_ROWS_BYTES ? { version, rows: json } : undefined;
}
