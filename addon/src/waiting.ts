// What waits for a confirmation in one apprentice's sheets, as the sheets show it (pure): ticked items and logged
// hours rows without a Confirmation. The coach's home counts those that are theirs to confirm (one rule with
// Confirm my ticks: "Signed by" / "Verified by" blank or them); the apprentice's home lists their own. Rows whose
// Confirmation (written by the last Generate) says the sheet changed or deleted a confirmed row are listed apart.
import { isTheirsToConfirm } from '@qualcard/shared';
import { type Cell, disagreesWithRecord, readHours, readQualCard } from '@qualcard/shared/sheets';

export interface Waiting {
  /** Item rows ticked (or dated) and not confirmed: key, what the sheet says, who it names. */
  ticks: { key: string; text: string; signedBy: string }[];
  hours: { key: string; text: string; verifiedBy: string }[];
  /** Confirmed rows the sheet changed or deleted since: key and the Confirmation cell (confirmed and typed values). */
  changed: { key: string; text: string }[];
}

export function waitingIn(qualCard: Cell[][], hours: Cell[][]): Waiting {
  const cardRows = [...readQualCard(qualCard).rows.values()];
  const hoursRows = readHours(hours).rows;
  const changed = [...cardRows, ...hoursRows]
    .filter((r) => r.key && disagreesWithRecord(r.confirmation))
    .map((r) => ({ key: r.key, text: r.confirmation.slice(0, 300) }));
  const ticks = cardRows
    .filter((r) => r.key.startsWith('item:') && (r.signed || r.date) && !r.confirmation)
    .map((r) => ({
      key: r.key,
      text: `${r.key.slice('item:'.length)} ${r.label}`.trim().slice(0, 200),
      signedBy: r.signedBy,
    }));
  const logged = hoursRows
    .filter((r) => r.key && r.date && r.hours !== '' && !r.confirmation)
    .map((r) => ({ key: r.key, text: `${r.date}, ${r.hours} h ${r.category}`.trim(), verifiedBy: r.verifiedBy }));
  return { ticks, hours: logged, changed };
}

/** The rows a coach would confirm: theirs, or no one's yet. */
export function theirs(w: Waiting, coach: string): { ticks: number; hours: number } {
  return {
    ticks: w.ticks.filter((t) => isTheirsToConfirm(t.signedBy.toLowerCase() || undefined, coach)).length,
    hours: w.hours.filter((h) => isTheirsToConfirm(h.verifiedBy.toLowerCase() || undefined, coach)).length,
  };
}
