// The consultant's cohort: what the cohort route answers (one row per apprentice per sponsor, and each open gap), made
// from stored progress by one function each, and the "Cohort" and "Gaps" sheets the add-on writes from it. Both sheets
// are Qualcard's: a refresh replaces everything in them.
import * as z from 'zod';
import type { ProgressSummary } from '../engine/summary';
import { wageSummary } from '../engine/wages';
import { HoursCategory } from '../model/framework';
import type { Progress } from '../model/progress';
import { statusCells, statusFormatRules } from './apprentice-status';
import {
  attentionOrder,
  type CohortProgress,
  gapRows,
  isRoutineGap,
  NOT_LISTED_CODE,
  openGapCount,
  pendingEntries,
  ROUTINE_CODES,
  type RoutineGap,
  routineCounts,
} from './cohort-gaps';
import {
  APPRENTICE_ID_HEADER,
  cohortColumns,
  GAP_LIST_SHEET,
  type GapLine,
  gapColumns,
  HOURS_NOTE,
  type LayoutColumn,
  layoutRow,
  pixels,
  routineLine,
  SPONSOR_ID_HEADER,
  statusCounts,
  worstFirst,
} from './cohort-layout';
import { type Cell, PlanBuilder, type SheetPlan } from './plan';

export const CohortSponsor = z.object({ id: z.string(), name: z.string(), role: z.string() });
export type CohortSponsor = z.infer<typeof CohortSponsor>;

const Tally = z.object({ done: z.number(), required: z.number() });

export const CohortRow = z.object({
  sponsorId: z.string(),
  sponsorName: z.string(),
  apprenticeId: z.string(),
  name: z.string(),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  levelId: z.string(),
  levelTitle: z.string(),
  /** The target level's percent (the engine's: counted entries only). */
  percent: z.number(),
  /** The target level's items, hours per category (each against its own requirement), exams and certifications. */
  items: Tally,
  hours: z.array(Tally.extend({ category: HoursCategory })),
  exams: Tally,
  certifications: Tally,
  status: z.string().nullable(),
  statusReason: z.string().nullable(),
  openGaps: z.number().int(),
  /** The routine gaps (not signed off, hours short, exam, certification) per code, over every level in scope. */
  routine: z.record(z.enum(ROUTINE_CODES as [RoutineGap, ...RoutineGap[]]), z.number().int()),
  pending: z.number().int(),
  projectedCompletion: z.string().nullable(),
  lastActivity: z.string().nullable(),
  asOf: z.string(),
  /** The wage step reached (engine/wages.ts); null when the program has no wage schedule. */
  wageStep: z.number().int().nullable(),
  /** The step of the last raise recorded (1 before any); null without a wage schedule. */
  recordedWageStep: z.number().int().nullable(),
  /** "eligible for step N since DATE" while a raise is owed, else null. */
  wageEligible: z.string().nullable(),
  /** The Wage step cell: wageSummary's text ('' without a wage schedule). */
  wage: z.string(),
});
export type CohortRow = z.infer<typeof CohortRow>;

export const CohortGap = z.object({
  sponsorId: z.string(),
  sponsorName: z.string(),
  apprenticeId: z.string(),
  name: z.string(),
  levelId: z.string().nullable(),
  kind: z.enum(['integrity', 'pending', 'gap']),
  severity: z.string(),
  code: z.string(),
  message: z.string(),
});
export type CohortGap = z.infer<typeof CohortGap>;

/** One page of the cohort route's answer; `next` is the pageToken of the next page (null on the last). */
export const CohortAnswer = z.object({
  sponsors: z.array(CohortSponsor),
  apprentices: z.array(CohortRow),
  gaps: z.array(CohortGap),
  next: z.string().nullable(),
});
export type CohortAnswer = z.infer<typeof CohortAnswer>;

/** An apprentice's stored progress (functions/src/progress.ts StoredProgress), as much as a cohort row needs. */
export interface StoredCohortProgress {
  apprenticeId: string;
  name: string;
  frameworkId: string;
  frameworkVersion?: string;
  /** Progress stored before the engine gave a status and a last activity has neither (statusCells: blank). */
  progress: Progress | ProgressSummary;
}

const tally = (t: { done: number; required: number } | undefined) => ({
  done: t?.done ?? 0,
  required: t?.required ?? 0,
});

/** THE mapping from stored progress to a cohort row: a new stored field is one change here. */
export function cohortRow(sponsor: { id: string; name: string }, s: StoredCohortProgress): CohortRow {
  const p = s.progress;
  const target = p.levels.find((l) => l.levelId === p.targetLevelId);
  const [label, reason] = statusCells(p);
  return {
    sponsorId: sponsor.id,
    sponsorName: sponsor.name,
    apprenticeId: s.apprenticeId,
    name: s.name,
    frameworkId: s.frameworkId,
    frameworkVersion: s.frameworkVersion ?? p.frameworkVersion,
    levelId: p.targetLevelId,
    levelTitle: target?.title ?? p.targetLevelId,
    percent: target?.percent ?? 0,
    items: tally(target?.items),
    hours: (target?.hours ?? []).map((h) => ({ category: h.category, done: h.done, required: h.required })),
    exams: tally(target?.exams),
    certifications: tally(target?.certifications),
    status: label || null,
    statusReason: reason || null,
    openGaps: openGapCount(p as CohortProgress),
    routine: routineCounts(p),
    pending: pendingEntries(p),
    projectedCompletion: p.projectedCompletion ?? null,
    lastActivity: p.lastActivity ?? null,
    asOf: p.asOf,
    wageStep: p.wage?.currentStep ?? null,
    recordedWageStep: p.wage?.recordedStep ?? null,
    wageEligible: p.wage?.eligible?.text ?? null,
    wage: wageSummary(p.wage),
  };
}

/** An apprentice's rows on the Gaps sheet: each open gap, the pending entries, and how many the summary left out. */
export const cohortGaps = (sponsor: { id: string; name: string }, s: StoredCohortProgress): CohortGap[] =>
  gapRows(s.progress).map((g) => ({
    sponsorId: sponsor.id,
    sponsorName: sponsor.name,
    apprenticeId: s.apprenticeId,
    name: s.name,
    levelId: g.levelId ?? null,
    kind: g.kind,
    severity: g.severity,
    code: g.code,
    message: g.message,
  }));

export const COHORT_SHEET = 'Cohort';
export const GAPS_SHEET = 'Gaps';
const OWNED =
  'Qualcard writes this sheet: "Refresh cohort" replaces everything in it, so type notes in a sheet of your own.';

export interface CohortView {
  sponsors: CohortSponsor[];
  apprentices: CohortRow[];
  gaps: CohortGap[];
  /** When the refresh ran (ISO), for the note. */
  refreshedAt: string;
}

/** Whether the tables name the sponsor of each row: only when the cohort spans several. */
export const severalSponsors = (sponsors: readonly unknown[], rows: readonly { sponsorId: string }[]): boolean =>
  sponsors.length > 1 || new Set(rows.map((r) => r.sponsorId)).size > 1;

/** Rows of a table, styled alike column by column (wrapped text, the percent): the add-on writes them by column. */
function dataRows<R>(b: PlanBuilder, columns: readonly LayoutColumn<R>[], rows: readonly R[]): void {
  const wrap = columns.flatMap((c, i) => (c.wrap ? [i + 1] : []));
  const percent = columns.findIndex((c) => c.percent) + 1;
  for (const r of rows) {
    const n = b.row(layoutRow(columns, r).cells);
    for (const col of wrap) b.style(n, col, 'text');
    if (percent) b.style(n, percent, 'percent');
  }
}

/** A table's header and rows under a title and note; returns the header's row number. */
function tableRows<R>(b: PlanBuilder, columns: readonly LayoutColumn<R>[], rows: readonly R[]): number {
  const head = b.row(
    columns.map((c) => c.header),
    'header',
  );
  dataRows(b, columns, rows);
  return head;
}

/**
 * The last row of a cohort plan above the rows styled alike column by column, which the add-on writes by column
 * (writeTable's `head`): the Cohort sheet's header, the Gaps sheet's heading of every gap. At least the frozen header.
 */
export function uniformFrom(plan: SheetPlan): number {
  const last = plan.styles.at(-1) ?? [];
  let n = plan.rows;
  while (n > 0 && plan.styles[n - 1]!.every((s, i) => s === last[i])) n -= 1;
  return Math.max(n, plan.frozenRows);
}

/** Each row's place in the cohort's order (worst status first), by sponsor and apprentice id. */
function cohortOrder(apprentices: readonly CohortRow[]): (g: { sponsorId: string; apprenticeId: string }) => number {
  const place = new Map([...apprentices].sort(worstFirst).map((a, i) => [`${a.sponsorId}/${a.apprenticeId}`, i]));
  return (g) => place.get(`${g.sponsorId}/${g.apprenticeId}`) ?? apprentices.length;
}

/** Sorted by a key computed once per element (a comparator's keys would be built at every comparison). */
const sortedBy = <T>(list: readonly T[], key: (t: T) => number): T[] =>
  list
    .map((t, i) => ({ t, k: key(t), i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.t);

const layout = <R>(columns: readonly LayoutColumn<R>[]) => ({
  columnWidths: columns.map((c) => pixels(c.width)),
  hiddenColumns: columns.flatMap((c, i) => (c.hidden ? [i + 1] : [])),
});

const sponsorsText = (v: CohortView): string =>
  `${v.sponsors.length} sponsor(s): ${v.sponsors.map((s) => s.name).join(', ') || 'none'}`;

/**
 * The Cohort sheet: the count per status (and per sponsor when there are several) at the top, then one row per
 * apprentice at the level they work towards, the worst status first; Status coloured by label.
 */
export function planCohort(v: CohortView): SheetPlan {
  const columns = cohortColumns(severalSponsors(v.sponsors, v.apprentices));
  const b = new PlanBuilder(columns.length);
  b.row(['Qualcard cohort'], 'title');
  b.row(
    [
      `${OWNED} Refreshed ${v.refreshedAt} from the Qualcard service for ${sponsorsText(v)}. Numbers count confirmed and attested entries only; pending ones wait for a coach or sponsor admin. ${HOURS_NOTE}`,
    ],
    'help',
  );
  b.row();
  const counts = statusCounts(v.apprentices, v.sponsors);
  b.row(counts[0], 'header');
  for (const c of counts.slice(1)) b.row(c);
  b.row();
  const head = tableRows(b, columns, [...v.apprentices].sort(worstFirst));
  const status = columns.findIndex((c) => c.header === 'Status') + 1;
  return b.build({
    name: COHORT_SHEET,
    tag: { kind: 'cohort' },
    ...layout(columns),
    frozenRows: head,
    protections: [],
    conditional: [
      ...statusFormatRules({ row: head + 1, col: status, rows: Math.max(1, v.apprentices.length), cols: 1 }),
      ...statusFormatRules({ row: 4, col: 2, rows: 1, cols: counts[0]!.length - 2 }),
    ],
    charts: [],
  });
}

/**
 * An apprentice's lines on the Gaps sheet, in the cohort's order: integrity flags, entries waiting for a
 * confirmation and the gaps that are not routine, each listed; the routine ones counted in one line.
 */
export function attentionLines(
  apprentices: readonly CohortRow[],
  gaps: readonly CohortGap[],
  listedOn: string,
): GapLine[] {
  const listed = sortedBy(
    gaps.filter((g) => !isRoutineGap(g) && g.code !== NOT_LISTED_CODE),
    cohortOrder(apprentices),
  ).sort(attentionOrder);
  const order = [...apprentices].sort(worstFirst);
  return [...listed, ...order.flatMap((a) => routineLine(a, a.routine, listedOn))];
}

/**
 * The Gaps sheet: integrity flags and entries waiting for a confirmation first, then the other gaps that need a
 * look, then each apprentice's routine gaps counted in one row (every gap, one per row, is on the Gap list sheet).
 */
export function planGaps(v: CohortView): SheetPlan {
  const columns = gapColumns(severalSponsors(v.sponsors, v.apprentices));
  const b = new PlanBuilder(columns.length);
  const omitted = v.gaps.filter((g) => g.code === NOT_LISTED_CODE).length;
  const cut = omitted
    ? ` For ${omitted} apprentice(s) the stored progress keeps only the first 50 findings: a row of "${GAP_LIST_SHEET}" says how many more there are; their transcripts list every gap.`
    : '';
  b.row(['Qualcard gaps'], 'title');
  b.row(
    [
      `${OWNED} Integrity flags and entries waiting for a confirmation first; routine gaps (not signed off, hours short, exams, certifications) are counted per apprentice; every gap is on the sheet "${GAP_LIST_SHEET}".${cut} Refreshed ${v.refreshedAt}.`,
    ],
    'help',
  );
  b.row();
  const lines = attentionLines(v.apprentices, v.gaps, `the sheet "${GAP_LIST_SHEET}"`);
  const head = tableRows(b, columns, lines);
  return b.build({
    name: GAPS_SHEET,
    tag: { kind: 'gaps' },
    ...layout(columns),
    frozenRows: head,
    protections: [],
    conditional: [],
    charts: [],
  });
}

/** The Gap list sheet: every gap, one per row, in the cohort's order (worst status first). */
export function planGapList(v: CohortView): SheetPlan {
  const columns = gapColumns(severalSponsors(v.sponsors, v.apprentices));
  const b = new PlanBuilder(columns.length);
  const omitted = v.gaps.filter((g) => g.code === NOT_LISTED_CODE).length;
  const cut = omitted
    ? ` For ${omitted} apprentice(s) the stored progress keeps only the first 50 findings: a row says how many more there are; their transcripts list every gap.`
    : '';
  b.row([`Qualcard gap list (${v.gaps.length})`], 'title');
  b.row([`${OWNED} Every gap, one per row, the worst status first.${cut} Refreshed ${v.refreshedAt}.`], 'help');
  b.row();
  const head = tableRows(b, columns, sortedBy(v.gaps, cohortOrder(v.apprentices)));
  return b.build({
    name: GAP_LIST_SHEET,
    tag: { kind: 'gap-list' },
    ...layout(columns),
    frozenRows: head,
    protections: [],
    conditional: [],
    charts: [],
  });
}

/**
 * The apprentices a Cohort sheet lists, read back from its grid (for the sidebar's transcript choice). A sheet of one
 * sponsor has no Sponsor column: its name comes from `sponsors` (the last refresh's).
 */
export function cohortApprentices(
  grid: Cell[][],
  sponsors: readonly { id: string; name: string }[] = [],
): { sponsorId: string; sponsorName: string; id: string; name: string }[] {
  const text = (r: Cell[] | undefined, i: number): string => String(r?.[i] ?? '').trim();
  const head = grid.findIndex((r) => r.some((c) => c === APPRENTICE_ID_HEADER));
  if (head < 0) return [];
  const col = (h: string) => grid[head]!.indexOf(h);
  const [sponsorId, id, name, sponsor] = [SPONSOR_ID_HEADER, APPRENTICE_ID_HEADER, 'Apprentice', 'Sponsor'].map(col);
  const sponsorNames = new Map(sponsors.map((s) => [s.id, s.name]));
  return grid.slice(head + 1).flatMap((r) => {
    const [sid, aid] = [text(r, sponsorId!), text(r, id!)];
    if (!sid || !aid) return [];
    const sponsorName = sponsor! >= 0 ? text(r, sponsor!) : (sponsorNames.get(sid) ?? '');
    return [{ sponsorId: sid, sponsorName, id: aid, name: text(r, name!) }];
  });
}
