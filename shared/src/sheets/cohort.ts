// The consultant's cohort: what the cohort route answers (one row per apprentice per sponsor, and each open gap), made
// from stored progress by one function each, and the "Cohort" and "Gaps" sheets the add-on writes from it. Both sheets
// are Qualcard's: a refresh replaces everything in them.
import * as z from 'zod';
import type { ProgressSummary } from '../engine/summary';
import { wageSummary } from '../engine/wages';
import type { Progress } from '../model/progress';
import { statusCells, statusFormatRules } from './apprentice-status';
import { type CohortProgress, gapRows, NOT_LISTED_CODE, openGapCount, pendingEntries } from './cohort-gaps';
import { type Cell, PlanBuilder, type SheetPlan } from './plan';

export const CohortSponsor = z.object({ id: z.string(), name: z.string(), role: z.string() });
export type CohortSponsor = z.infer<typeof CohortSponsor>;

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
  status: z.string().nullable(),
  statusReason: z.string().nullable(),
  openGaps: z.number().int(),
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
    status: label || null,
    statusReason: reason || null,
    openGaps: openGapCount(p as CohortProgress),
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
    severity: g.severity,
    code: g.code,
    message: g.message,
  }));

export const COHORT_SHEET = 'Cohort';
export const GAPS_SHEET = 'Gaps';
export const COHORT_COLUMNS = [
  'Sponsor',
  'Sponsor id',
  'Apprentice',
  'Apprentice id',
  'Framework',
  'Version',
  'Level',
  'Percent',
  'Status',
  'Open gaps',
  'Pending confirmations',
  'Projected completion',
  'Last activity',
  'Status reason',
  'Wage step',
] as const;
export const GAPS_COLUMNS = [
  'Sponsor',
  'Sponsor id',
  'Apprentice',
  'Apprentice id',
  'Level',
  'Severity',
  'Gap',
] as const;
/** Title, note, blank, header: data starts on row 5. */
export const COHORT_HEADER_ROW = 4;
const OWNED =
  'Qualcard writes this sheet: "Refresh cohort" replaces everything in it, so type notes in a sheet of your own.';

const cohortCells = (r: CohortRow): Cell[] => [
  r.sponsorName,
  r.sponsorId,
  r.name,
  r.apprenticeId,
  r.frameworkId,
  r.frameworkVersion,
  `${r.levelTitle} (${r.levelId})`,
  r.percent,
  r.status ?? '',
  r.openGaps,
  r.pending,
  r.projectedCompletion ?? 'no pace yet',
  r.lastActivity ?? 'none',
  r.statusReason ?? '',
  r.wage,
];

function heading(b: PlanBuilder, title: string, note: string, columns: readonly string[]): void {
  b.row([title], 'title');
  b.row([note], 'help');
  b.row();
  b.row([...columns], 'header');
}

export interface CohortView {
  sponsors: CohortSponsor[];
  apprentices: CohortRow[];
  gaps: CohortGap[];
  /** When the refresh ran (ISO), for the note. */
  refreshedAt: string;
}

const sponsorsText = (v: CohortView): string =>
  `${v.sponsors.length} sponsor(s): ${v.sponsors.map((s) => s.name).join(', ') || 'none'}`;

/** The Cohort sheet: one row per apprentice per sponsor, sorted by sponsor then apprentice; Status coloured by label. */
export function planCohort(v: CohortView): SheetPlan {
  const b = new PlanBuilder(COHORT_COLUMNS.length);
  const note = `${OWNED} Refreshed ${v.refreshedAt} from the Qualcard service for ${sponsorsText(v)}. Numbers count confirmed and attested entries only; pending ones wait for a coach or sponsor admin.`;
  heading(b, 'Qualcard cohort', note, COHORT_COLUMNS);
  for (const r of v.apprentices) b.style(b.row(cohortCells(r)), 8, 'percent');
  const rows = Math.max(1, v.apprentices.length);
  return b.build({
    name: COHORT_SHEET,
    tag: { kind: 'cohort' },
    columnWidths: [160, 90, 160, 100, 170, 70, 140, 70, 80, 70, 100, 110, 90, 260, 280],
    hiddenColumns: [],
    frozenRows: COHORT_HEADER_ROW,
    protections: [],
    conditional: statusFormatRules({ row: COHORT_HEADER_ROW + 1, col: 9, rows, cols: 1 }),
    charts: [],
  });
}

/** The Gaps sheet: each open gap with its sponsor and apprentice; says when the stored summaries left some out. */
export function planGaps(v: CohortView): SheetPlan {
  const b = new PlanBuilder(GAPS_COLUMNS.length);
  const omitted = v.gaps.filter((g) => g.code === NOT_LISTED_CODE).length;
  const cut = omitted
    ? ` For ${omitted} apprentice(s) the stored progress keeps only the first 50 findings: a row says how many more there are; their transcripts list every gap.`
    : ' Every open gap is listed.';
  heading(b, 'Qualcard gaps', `${OWNED}${cut} Refreshed ${v.refreshedAt}.`, GAPS_COLUMNS);
  for (const g of v.gaps)
    b.style(
      b.row([g.sponsorName, g.sponsorId, g.name, g.apprenticeId, g.levelId ?? '', g.severity, g.message]),
      7,
      'text',
    );
  return b.build({
    name: GAPS_SHEET,
    tag: { kind: 'gaps' },
    columnWidths: [160, 90, 160, 100, 70, 70, 520],
    hiddenColumns: [],
    frozenRows: COHORT_HEADER_ROW,
    protections: [],
    conditional: [],
    charts: [],
  });
}

/** The apprentices a Cohort sheet lists, read back from its grid (for the sidebar's transcript choice). */
export function cohortApprentices(
  grid: Cell[][],
): { sponsorId: string; sponsorName: string; id: string; name: string }[] {
  return grid.slice(COHORT_HEADER_ROW).flatMap((r) => {
    const [sponsorName, sponsorId, name, id] = r.map((c) => String(c ?? '').trim());
    return sponsorId && id ? [{ sponsorId, sponsorName: sponsorName ?? '', id, name: name ?? '' }] : [];
  });
}
