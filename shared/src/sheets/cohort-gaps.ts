// A cohort's gaps from stored progress, one rule for the xlsx cohort report (functions/src/excel/cohort.ts) and the
// consultant's Gaps sheet (./cohort.ts). Stored progress is a `ProgressSummary`: it keeps the first findings and
// counts the rest, so the counts come from its tallies, never from the cut-short lists.
import { ENTRY_KINDS, isPendingFinding } from '../engine/provenance';
import type { EntryKind } from '../engine/rules';
import type { ProgressSummary } from '../engine/summary';
import type { Finding, Progress } from '../model/progress';

/** The stored progress (a `ProgressSummary`: the first findings only, with counts), or a full `Progress`. */
export type CohortProgress = Progress | ProgressSummary;

const summary = (p: CohortProgress): Partial<ProgressSummary> => p as Partial<ProgressSummary>;

/** A level's gaps: counted by the summary when it has the count (its list may be cut short), else listed. */
export const levelGaps = (p: CohortProgress, levelId: string): number =>
  summary(p).levelGapCounts?.[levelId] ?? p.gaps.filter((g) => g.levelId === levelId).length;

/** Entries typed in a sheet that wait for a confirmation, and are not counted: the engine's tallies. */
export const pendingEntries = (p: CohortProgress): number =>
  ENTRY_KINDS.reduce((n, kind) => n + (p.entries?.[kind]?.pending ?? 0), 0);

/** Every open gap (pending entries are not gaps here): level gaps and the one without a level (no recent activity). */
export function openGapCount(p: CohortProgress): number {
  const s = summary(p);
  if (!s.levelGapCounts) return p.gaps.filter((g) => !isPendingFinding(g)).length;
  return Object.values(s.levelGapCounts).reduce((n, c) => n + c, 0) + (s.findingCounts?.['activity.none'] ?? 0);
}

const PENDING_WORDS: Record<EntryKind, [string, string]> = {
  'sign-off': ['sign-off', 'sign-offs'],
  'hours-entry': ['hours entry', 'hours entries'],
  'prior-credit': ['prior credit', 'prior credits'],
  exam: ['exam result', 'exam results'],
  certification: ['certification', 'certifications'],
};

export type GapRow = Pick<Finding, 'code' | 'severity' | 'message' | 'levelId'>;
/** The code of the row that says how many gaps the stored summary left out. */
export const NOT_LISTED_CODE = 'gaps.not-listed';

/**
 * The gap rows of one apprentice: the listed gaps except the pending ones, one line for all pending entries, and
 * one for the gaps the stored summary left out (it keeps the first findings; pending ones come last).
 */
export function gapRows(p: CohortProgress): GapRow[] {
  const listed = p.gaps.filter((g) => !isPendingFinding(g));
  const rows: GapRow[] = [...listed];
  if (summary(p).levelGapCounts) {
    const left = openGapCount(p) - listed.length;
    if (left > 0)
      rows.push({
        code: NOT_LISTED_CODE,
        severity: 'info',
        message: `${left} more ${left === 1 ? 'gap is' : 'gaps are'} not listed here (the stored progress keeps the first findings); the apprentice's transcript lists every gap.`,
      });
  }
  const pending = pendingEntries(p);
  if (pending > 0) {
    const parts = ENTRY_KINDS.flatMap((kind) => {
      const n = p.entries?.[kind]?.pending ?? 0;
      return n ? [`${n} ${PENDING_WORDS[kind][n === 1 ? 0 : 1]}`] : [];
    });
    rows.push({
      code: 'pending',
      severity: 'info',
      message: `${pending} ${pending === 1 ? 'entry' : 'entries'} typed in a sheet ${pending === 1 ? 'is' : 'are'} not confirmed and not counted: ${parts.join(', ')}.`,
    });
  }
  return rows;
}
