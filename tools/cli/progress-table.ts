// `qualcard progress`: the stored progress the API answers, checked at the boundary and shown as a table.
import * as z from 'zod';
import { isPendingFinding, type ProgressSummary } from '../../shared/src';
import { levelGaps, pendingEntries } from '../../shared/src/sheets/cohort-gaps';
import { table } from './format';
import { wrap } from './framework-detail';

/**
 * Stored status (`{status, reason}`), present once the API computes it; absent on older stored progress. Another
 * shape is shown as no status rather than failing the table: the other columns do not depend on it.
 */
const Status = z.object({ status: z.string(), reason: z.string().nullish() }).optional().catch(undefined);

const Summary = z.object({
  frameworkVersion: z.string().optional(),
  targetLevelId: z.string(),
  levels: z.array(
    z.object({
      levelId: z.string(),
      title: z.string(),
      percent: z.number(),
      complete: z.boolean(),
      items: z.object({ done: z.number(), required: z.number() }),
    }),
  ),
  gaps: z.array(z.object({ code: z.string(), message: z.string(), levelId: z.string().optional() })),
  projectedCompletion: z.string().nullable(),
  status: Status,
});

/** One apprentice's stored progress (`sponsors/{sid}/progress/{aid}`): the fields the table reads. */
export const StoredProgressView = z.object({
  apprenticeId: z.string(),
  name: z.string(),
  frameworkId: z.string(),
  /** The published version the progress was computed against (stored since the framework registry). */
  frameworkVersion: z.string().optional(),
  progress: z.looseObject(Summary.shape),
  status: Status,
});
export type StoredProgressView = z.infer<typeof StoredProgressView>;

export const SponsorProgressAnswer = z.object({ sponsorId: z.string(), apprentices: z.array(StoredProgressView) });

// The cohort report's own counts, so the terminal and the workbook agree.
const summary = (p: StoredProgressView): ProgressSummary => p.progress as unknown as ProgressSummary;
const statusOf = (p: StoredProgressView) => p.progress.status ?? p.status;

function row(p: StoredProgressView, withStatus: boolean): string[] {
  const s = p.progress;
  const target = s.levels.find((l) => l.levelId === s.targetLevelId);
  const cells = [
    p.apprenticeId,
    p.name,
    [p.frameworkId, p.frameworkVersion ?? s.frameworkVersion].filter(Boolean).join(' '),
    s.targetLevelId,
    target ? target.percent.toFixed(1) : '-',
    String(levelGaps(summary(p), s.targetLevelId)),
    String(pendingEntries(summary(p))),
    s.projectedCompletion ?? 'cannot project',
  ];
  return withStatus ? [...cells, statusOf(p)?.status ?? '-'] : cells;
}

/** One row per apprentice; STATUS only when the API stores one, with each reason below the table. */
export function progressTable(list: StoredProgressView[], width: number): string {
  const withStatus = list.some((p) => statusOf(p));
  const header = ['APPRENTICE', 'NAME', 'FRAMEWORK', 'LEVEL', '%', 'GAPS', 'PENDING', 'PROJECTED'];
  const lines = [table([withStatus ? [...header, 'STATUS'] : header, ...list.map((p) => row(p, withStatus))])];
  const reasons = list.flatMap((p) => {
    const reason = statusOf(p)?.reason;
    return reason ? wrap(reason, width, `  ${p.apprenticeId}: `) : [];
  });
  if (reasons.length) lines.push('', 'Status reasons:', ...reasons);
  return lines.join('\n');
}

/** One apprentice: the row, each level, and the gaps the stored progress lists. */
export function apprenticeProgress(p: StoredProgressView, width: number): string {
  const levels = table([
    ['LEVEL', 'ITEMS', '%', 'COMPLETE'],
    ...p.progress.levels.map((l) => [
      `${l.levelId}${l.levelId === p.progress.targetLevelId ? '*' : ''} ${l.title}`,
      `${l.items.done}/${l.items.required}`,
      l.percent.toFixed(1),
      l.complete ? 'yes' : 'no',
    ]),
  ]);
  const gaps = p.progress.gaps.filter((g) => !isPendingFinding(g));
  const omitted = summary(p).omittedFindings ?? 0;
  return [
    progressTable([p], width),
    '',
    levels,
    '',
    gaps.length
      ? `Gaps listed (${gaps.length}${omitted ? `; ${omitted} more findings not stored` : ''}):`
      : 'Gaps: none',
    ...gaps.flatMap((g) => wrap(g.message, width, `  ${g.code}: `)),
  ].join('\n');
}
