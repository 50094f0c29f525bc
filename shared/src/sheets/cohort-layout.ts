// The layout of the cohort's tables, one definition for the add-on's Cohort and Gaps sheets (./cohort.ts) and the
// functions' cohort report (functions/src/excel/cohort.ts): their columns, the status counts at the top, the order
// (worst status first; integrity flags and waiting entries before gaps) and the per-level detail of the report.
import { HOURS_CATEGORY_LABEL } from '../engine/rules';
import { STATUS_LABEL, STATUS_WORST_FIRST, statusRank } from '../engine/status';
import { HoursCategory } from '../model/framework';
import type { LevelProgress, Tally } from '../model/progress';
import { type GapKind, ROUTINE_CODES, ROUTINE_GAPS, type RoutineGap } from './cohort-gaps';
import type { Cell } from './plan';

/** A column of a cohort table: width in characters (the add-on's pixels are derived), hidden for machine ids. */
export interface LayoutColumn<R> {
  header: string;
  width: number;
  wrap?: boolean;
  /** A number shown with one decimal (the percent). */
  percent?: boolean;
  /**
   * A count, centred with its header in the printed report: right-aligned numbers ran into the left-aligned text of
   * the next column ("48.4 15 of 31").
   */
  centre?: boolean;
  /** Kept for the add-on and scripts (which apprentice a row is), never printed or shown. */
  hidden?: boolean;
  cell: (r: R) => Cell;
}

/** A sheet's pixel width of a character-width column (exceljs and Excel count characters of about 7 px). */
export const pixels = (chars: number): number => Math.round(chars * 7 + 5);

/** What a level's row says of it. */
export const levelState = (l: Pick<LevelProgress, 'complete' | 'percent'>): string =>
  l.complete ? 'Complete' : l.percent > 0 ? 'In progress' : 'Not started';

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
export const tallyText = (t: Tally | undefined): string => (t?.required ? `${fmt(t.done)} of ${fmt(t.required)}` : '');

/** In the framework model's order (HOURS_CATEGORY_LABEL only names them). */
export const CATEGORIES: readonly HoursCategory[] = HoursCategory.options;

/**
 * Hours per category against that category's requirement, never one sum: on-the-job learning also counts towards
 * work experience (engine/rules.ts COUNTS_TOWARDS), so the categories overlap.
 */
const hoursColumns = <R>(hours: (r: R) => readonly (Tally & { category: HoursCategory })[]): LayoutColumn<R>[] =>
  CATEGORIES.map((c) => ({
    header: `${HOURS_CATEGORY_LABEL[c]} hours`,
    width: 14,
    centre: true,
    cell: (r: R) => tallyText(hours(r).find((h) => h.category === c)),
  }));

/**
 * The ids the add-on reads back (which sponsor and apprentice a row is): the last two columns, hidden and wrapped
 * (LibreOffice's PDF carried the text of a hidden unwrapped cell after an empty one).
 */
export const SPONSOR_ID_HEADER = 'Sponsor id';
export const APPRENTICE_ID_HEADER = 'Apprentice id';

/** What every cohort table row names: the apprentice and sponsor. */
export interface Whose {
  sponsorId: string;
  sponsorName: string;
  apprenticeId: string;
  name: string;
}

function table<R extends Whose>(several: boolean, middle: LayoutColumn<R>[]): LayoutColumn<R>[] {
  const sponsor: LayoutColumn<R>[] = several
    ? [{ header: 'Sponsor', width: 18, wrap: true, cell: (r) => r.sponsorName }]
    : [];
  return [
    { header: 'Apprentice', width: 20, wrap: true, cell: (r) => r.name },
    ...middle.slice(0, 1),
    ...sponsor,
    ...middle.slice(1),
    { header: SPONSOR_ID_HEADER, width: 12, hidden: true, wrap: true, cell: (r) => r.sponsorId },
    { header: APPRENTICE_ID_HEADER, width: 12, hidden: true, wrap: true, cell: (r) => r.apprenticeId },
  ];
}

/** What the main cohort table needs of a row (CohortRow holds it). */
export interface CohortLine extends Whose {
  frameworkId: string;
  frameworkVersion: string;
  levelId: string;
  levelTitle: string;
  percent: number;
  status: string | null;
  statusReason: string | null;
  items: Tally;
  hours: (Tally & { category: HoursCategory })[];
  exams: Tally;
  certifications: Tally;
  openGaps: number;
  pending: number;
  projectedCompletion: string | null;
  lastActivity: string | null;
  wage: string;
}

/** The main table: one row per apprentice at the level they work towards. Sponsor only when there are several. */
export const cohortColumns = (several: boolean): LayoutColumn<CohortLine>[] =>
  table<CohortLine>(several, [
    { header: 'Status', width: 10, cell: (r) => r.status ?? '' },
    {
      header: 'Level worked towards',
      width: 24,
      wrap: true,
      cell: (r) => `${r.levelTitle} (${r.levelId})\n${r.frameworkId} ${r.frameworkVersion}`,
    },
    { header: 'Percent', width: 8, percent: true, centre: true, cell: (r) => r.percent },
    { header: 'Items signed', width: 9, centre: true, cell: (r) => tallyText(r.items) },
    ...hoursColumns<CohortLine>((r) => r.hours),
    { header: 'Exams', width: 7, centre: true, cell: (r) => tallyText(r.exams) },
    { header: 'Certifications', width: 14, centre: true, cell: (r) => tallyText(r.certifications) },
    { header: 'Open gaps', width: 6, centre: true, cell: (r) => r.openGaps },
    { header: 'Pending', width: 8, centre: true, cell: (r) => r.pending },
    { header: 'Projected completion', width: 11, cell: (r) => r.projectedCompletion ?? 'no pace yet' },
    { header: 'Last activity', width: 11, cell: (r) => r.lastActivity ?? 'none' },
    { header: 'Status reason', width: 34, wrap: true, cell: (r) => r.statusReason ?? '' },
    { header: 'Wage step', width: 22, wrap: true, cell: (r) => r.wage },
  ]);

/** Worst status first, then sponsor and apprentice name: the order of the Cohort and Gaps sheets. */
export const worstFirst = (a: CohortLine, b: CohortLine): number =>
  statusRank(a.status) - statusRank(b.status) ||
  a.sponsorName.localeCompare(b.sponsorName) ||
  a.name.localeCompare(b.name);

/**
 * The counts at the top of the Cohort sheet: a header row (the statuses, worst first, and the total) and one row
 * per sponsor when there are several, then the whole cohort's.
 */
export function statusCounts(rows: readonly CohortLine[], sponsors: readonly { id: string; name: string }[]): Cell[][] {
  const labels: (string | null)[] = STATUS_WORST_FIRST.map((s) => STATUS_LABEL[s]);
  if (rows.some((r) => statusRank(r.status) === STATUS_WORST_FIRST.length)) labels.push(null);
  const line = (name: string, of: readonly CohortLine[]): Cell[] => [
    name,
    ...labels.map(
      (l) => of.filter((r) => (l === null ? statusRank(r.status) === labels.length - 1 : r.status === l)).length,
    ),
    of.length,
  ];
  const per =
    sponsors.length > 1
      ? sponsors.map((s) =>
          line(
            s.name,
            rows.filter((r) => r.sponsorId === s.id),
          ),
        )
      : [];
  const all = line(sponsors.length === 1 ? sponsors[0]!.name : 'All sponsors', rows);
  return [['Apprentices by status', ...labels.map((l) => l ?? 'No status yet'), 'Total'], ...per, all];
}

/** A row of the Gaps sheets: one gap or flag, or an apprentice's routine gaps counted. */
export interface GapLine extends Whose {
  kind: GapKind | 'routine';
  levelId: string | null;
  severity: string;
  message: string;
}

const KIND_TEXT: Record<GapLine['kind'], string> = {
  integrity: 'Integrity flag',
  pending: 'Waiting for confirmation',
  gap: 'Gap',
  routine: 'Not done yet',
};

export const gapColumns = (several: boolean): LayoutColumn<GapLine>[] =>
  table<GapLine>(several, [
    { header: 'Kind', width: 14, wrap: true, cell: (g) => KIND_TEXT[g.kind] },
    { header: 'Level', width: 7, cell: (g) => g.levelId ?? '' },
    { header: 'Severity', width: 8, cell: (g) => g.severity },
    { header: 'Gap', width: 98, wrap: true, cell: (g) => g.message },
  ]);

/** The sheet every single gap is on (the report's); the Gaps sheets count routine ones per apprentice. */
export const GAP_LIST_SHEET = 'Gap list';

/** An apprentice's routine gaps as one row ("21 items not signed off, ..."), or none when there are none. */
export function routineLine(who: Whose, counts: Record<RoutineGap, number>, listedOn: string): GapLine[] {
  const parts = ROUTINE_CODES.filter((c) => counts[c] > 0).map((c) => `${ROUTINE_GAPS[c]}: ${counts[c]}`);
  if (!parts.length) return [];
  return [
    {
      ...who,
      kind: 'routine',
      levelId: null,
      severity: 'warning',
      message: `${parts.join('; ')} (each one on ${listedOn}).`,
    },
  ];
}

/** What the per-level detail table needs of a level (the report's "Levels" sheet). */
export interface LevelLine extends Whose {
  level: LevelProgress;
  target: boolean;
  openGaps: number;
}

export const levelColumns = (several: boolean): LayoutColumn<LevelLine>[] =>
  table<LevelLine>(several, [
    { header: 'Level', width: 26, wrap: true, cell: (r) => `${r.level.title} (${r.level.levelId})` },
    { header: 'Worked towards', width: 9, cell: (r) => (r.target ? 'Yes' : '') },
    { header: 'State', width: 11, cell: (r) => levelState(r.level) },
    { header: 'Percent', width: 8, percent: true, centre: true, cell: (r) => r.level.percent },
    { header: 'Items signed', width: 9, centre: true, cell: (r) => tallyText(r.level.items) },
    ...hoursColumns<LevelLine>((r) => r.level.hours),
    { header: 'Exams', width: 7, centre: true, cell: (r) => tallyText(r.level.exams) },
    { header: 'Certifications', width: 14, centre: true, cell: (r) => tallyText(r.level.certifications) },
    { header: 'Open gaps', width: 6, centre: true, cell: (r) => r.openGaps },
  ]);

/** The note every cohort table carries on the hours columns. */
export const HOURS_NOTE =
  'Hours: each category against its own requirement (on-the-job learning also counts towards work experience).';

/**
 * Lines a wrapped cell takes at `width` characters (fitRowHeight's estimate: about 1.15 characters of body text per
 * width unit; bold headers take `perUnit` 0.9).
 */
export const wrappedLines = (text: string, width: number, perUnit = 1.15): number => {
  const perLine = Math.max(1, Math.floor(width * perUnit));
  return text.split('\n').reduce((s, part) => s + Math.max(1, Math.ceil(part.length / perLine)), 0);
};

/** The cells of one row, and the lines its tallest wrapped cell takes. */
export function layoutRow<R>(columns: readonly LayoutColumn<R>[], r: R): { cells: Cell[]; lines: number } {
  const cells = columns.map((c) => c.cell(r));
  const lines = columns.reduce(
    (n, c, i) => (c.wrap ? Math.max(n, wrappedLines(String(cells[i] ?? ''), c.width)) : n),
    1,
  );
  return { cells, lines };
}
