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

/**
 * What a gap row is: an integrity flag (a confirmed entry that does not count), entries waiting for a confirmation,
 * or a gap. The Gaps sheets list the first two, then the gaps that are not routine, before routine ones.
 */
export type GapKind = 'integrity' | 'pending' | 'gap';
export type GapRow = Pick<Finding, 'code' | 'severity' | 'message' | 'levelId'> & { kind: GapKind };

/**
 * The routine gaps: what is simply not done yet (an item not signed off, hours short, an exam or certification
 * outstanding). The Gaps sheets count them per apprentice and list them on a sheet of their own.
 */
export const ROUTINE_GAPS = {
  'items.missing': 'Items not signed off',
  'hours.short': 'Hours categories short',
  'exam.missing': 'Exams not passed',
  'certification.missing': 'Certifications not held',
} as const;
export type RoutineGap = keyof typeof ROUTINE_GAPS;
export const ROUTINE_CODES = Object.keys(ROUTINE_GAPS) as RoutineGap[];
export const isRoutineGap = (g: { code: string }): boolean => g.code in ROUTINE_GAPS;

/** How many routine gaps of each code an apprentice has: the summary's counts (its list may be cut short). */
export function routineCounts(p: CohortProgress): Record<RoutineGap, number> {
  const counts = summary(p).findingCounts;
  return Object.fromEntries(
    ROUTINE_CODES.map((code) => [code, counts ? (counts[code] ?? 0) : p.gaps.filter((g) => g.code === code).length]),
  ) as Record<RoutineGap, number>;
}

const KIND_ORDER: Record<GapKind, number> = { integrity: 0, pending: 1, gap: 2 };
const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };
/** Integrity flags, then entries waiting for a confirmation, then gaps; errors before warnings within each. */
type Ordered = { kind: GapKind; severity: string };
export const attentionOrder = (a: Ordered, b: Ordered): number =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3);
/** The code of the row that says how many gaps the stored summary left out. */
export const NOT_LISTED_CODE = 'gaps.not-listed';

const row = (f: Finding, kind: GapKind): GapRow => ({
  kind,
  code: f.code,
  severity: f.severity,
  message: f.message,
  ...(f.levelId ? { levelId: f.levelId } : {}),
});

/**
 * The gap rows of one apprentice: its integrity flags, the listed gaps except the pending ones, one line for all
 * pending entries, and one for the gaps the stored summary left out (it keeps the first findings).
 */
export function gapRows(p: CohortProgress): GapRow[] {
  const listed = p.gaps.filter((g) => !isPendingFinding(g));
  const rows: GapRow[] = [...(p.integrity ?? []).map((f) => row(f, 'integrity')), ...listed.map((g) => row(g, 'gap'))];
  if (summary(p).levelGapCounts) {
    const left = openGapCount(p) - listed.length;
    if (left > 0)
      rows.push({
        kind: 'gap',
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
      kind: 'pending',
      code: 'pending',
      severity: 'info',
      message: `${pending} ${pending === 1 ? 'entry' : 'entries'} typed in a sheet ${pending === 1 ? 'is' : 'are'} not confirmed and not counted: ${parts.join(', ')}.`,
    });
  }
  return rows;
}
