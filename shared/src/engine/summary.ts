// The progress that is stored and sent back: small whatever the record holds. Every tally, the levels and the
// projection are kept whole; findings are counted per code, and only the first ones of each list are kept.
import type { Finding, Progress } from '../model/progress';

export const SUMMARY_FINDINGS = 50;

export interface ProgressSummary extends Progress {
  /** How many findings of each code the full progress has (gaps and integrity flags, pending included). */
  findingCounts: Record<string, number>;
  /** How many gaps each level has (gaps not tied to a level, such as pending entries, are not in it). */
  levelGapCounts: Record<string, number>;
  /** Findings left out of `gaps` and `integrity` to keep the summary small. */
  omittedFindings: number;
}

export function summarizeProgress(progress: Progress, keep = SUMMARY_FINDINGS): ProgressSummary {
  const findingCounts: Record<string, number> = {};
  for (const f of [...progress.gaps, ...progress.integrity]) findingCounts[f.code] = (findingCounts[f.code] ?? 0) + 1;
  const levelGapCounts: Record<string, number> = {};
  for (const g of progress.gaps) if (g.levelId) levelGapCounts[g.levelId] = (levelGapCounts[g.levelId] ?? 0) + 1;
  const first = (list: Finding[]) => list.slice(0, keep);
  // The sponsor document holds the time zone: the stored summary stays as it was.
  const { timeZone: _, ...rest } = progress;
  return {
    ...rest,
    gaps: first(progress.gaps),
    integrity: first(progress.integrity),
    findingCounts,
    levelGapCounts,
    omittedFindings: Math.max(0, progress.gaps.length - keep) + Math.max(0, progress.integrity.length - keep),
  };
}
