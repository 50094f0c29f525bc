// The cohort report, in the add-on's layout (shared/src/sheets/cohort-layout.ts): "Cohort", the count per status
// and one row per apprentice at the level they work towards, the worst status first; "Gaps", integrity flags and
// entries waiting for a confirmation first and routine gaps counted per apprentice; "Levels", every level of every
// apprentice; "Gap list", every gap. Written with exceljs' streaming WorkbookWriter, yielding to the event loop every
// few rows. The first two sheets are sorted, so their rows (one per apprentice, and the few gaps that are not routine)
// are held until the source has been read; the other two stream in the source's order.
// It reads the stored progress: the engine's counted numbers (only confirmed or attested entries count) and, for a
// `ProgressSummary`, the counts it keeps for the findings it leaves out.

import type { Writable } from 'node:stream';
import type { Progress, ProgressSummary } from '@qualcard/shared';
import {
  attentionLines,
  type CohortGap,
  type CohortRow,
  cohortColumns,
  cohortGaps,
  cohortRow,
  columnLetter,
  GAP_LIST_SHEET,
  type GapLine,
  gapColumns,
  gapRows,
  HOURS_NOTE,
  isRoutineGap,
  type LayoutColumn,
  layoutRow,
  levelColumns,
  levelGaps,
  NOT_LISTED_CODE,
  severalSponsors,
  statusCounts,
  worstFirst,
  wrappedLines,
} from '@qualcard/shared/sheets';
import type { Worksheet } from 'exceljs';
import { headerCell, sheetOptions } from './sheet';
import { addStatusFormatting } from './status';

export interface CohortEntry {
  sponsorId: string;
  sponsorName: string;
  apprenticeId: string;
  name: string;
  frameworkId: string;
  /** The stored progress (a `ProgressSummary`: the first findings only, with counts), or a full `Progress`. */
  progress: Progress | ProgressSummary;
}

/** Called once per pass: the source is read three times (apprentices, levels, gaps). */
export type CohortSource = () => AsyncIterable<CohortEntry>;

const YIELD_EVERY = 10;
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface CohortTotals {
  apprentices: number;
  /** Rows on the Cohort sheet's table: one per apprentice. */
  rows: number;
  /** Rows on the Gaps sheet: flags, waiting entries and other gaps listed, routine gaps counted per apprentice. */
  gaps: number;
  /** Rows on the Gap list sheet: every gap. */
  gapList: number;
}

/** Title, note, blank: a table's header is on row 4 unless counts come first. */
const TOP_ROWS = 3;

/**
 * Writes the report into `stream` (and ends it). `inMemory` builds the same sheets and rows in exceljs' in-memory
 * Workbook and writes it at the end instead: the baseline bench/scale.ts measures the streaming writer against.
 */
export async function writeCohortReport(
  source: CohortSource,
  stream: Writable,
  title: string,
  opts: { inMemory?: boolean } = {},
): Promise<CohortTotals> {
  const ExcelJS = (await import('exceljs')).default;
  const memory = opts.inMemory ? new ExcelJS.Workbook() : undefined;
  const wb = memory ?? new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Qualcard';
  const totals: CohortTotals = { apprentices: 0, rows: 0, gaps: 0, gapList: 0 };
  const held = await readCohort(source, totals);
  const several = severalSponsors(held.sponsors, held.rows);
  /** A sheet whose header is on row `header`, printed without its hidden id columns (the last two). */
  const add = (name: string, heading: string, header: number, rows: number, columns: LayoutColumn<never>[]) => {
    const last = columnLetter(columns.filter((c) => !c.hidden).length);
    return wb.addWorksheet(name, sheetOptions(`${title}: ${heading}`, header, `A1:${last}${header + rows}`));
  };
  const counts = statusCounts(held.rows, held.sponsors);
  const cohortHeader = TOP_ROWS + counts.length + 2;
  const lines = attentionLines(held.rows, held.gaps, `the sheet "${GAP_LIST_SHEET}"`);
  const cohort = add('Cohort', 'apprentices', cohortHeader, held.rows.length, cohortColumns(several));
  cohortSheet(cohort, held.rows, counts, several, totals);
  gapsSheet(add('Gaps', 'gaps to look at', TOP_ROWS + 1, lines.length, gapColumns(several)), lines, several, totals);
  const levels = add('Levels', 'every level', TOP_ROWS + 1, held.levels, levelColumns(several));
  await levelsSheet(levels, source, several);
  const list = add(GAP_LIST_SHEET, 'every gap', TOP_ROWS + 1, held.gapList, gapColumns(several));
  await gapListSheet(list, source, several, totals);
  if (memory) await memory.xlsx.write(stream);
  else await (wb as InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>).commit();
  return totals;
}

interface Held {
  sponsors: { id: string; name: string }[];
  rows: CohortRow[];
  /** The gaps that are not routine (integrity flags, waiting entries, the rest): listed on the Gaps sheet. */
  gaps: CohortGap[];
  /** Rows the Levels and Gap list sheets will have (their print areas are set when they are created). */
  levels: number;
  gapList: number;
}

/** The first pass: one row per apprentice and the gaps the Gaps sheet lists, held to be sorted. */
async function readCohort(source: CohortSource, totals: CohortTotals): Promise<Held> {
  const held: Held = { sponsors: [], rows: [], gaps: [], levels: 0, gapList: 0 };
  for await (const e of source()) {
    const sponsor = { id: e.sponsorId, name: e.sponsorName };
    if (held.sponsors.at(-1)?.id !== sponsor.id && !held.sponsors.some((s) => s.id === sponsor.id))
      held.sponsors.push(sponsor);
    held.rows.push(cohortRow(sponsor, e));
    const gaps = cohortGaps(sponsor, e);
    held.gaps.push(...gaps.filter((g) => !isRoutineGap(g) && g.code !== NOT_LISTED_CODE));
    held.levels += e.progress.levels.length;
    held.gapList += gaps.length;
    if (++totals.apprentices % YIELD_EVERY === 0) await tick();
  }
  return held;
}

/** Flushes a streamed sheet; an in-memory sheet has nothing to flush (and no commit). */
const commitSheet = (ws: Worksheet): void => {
  if (typeof ws.commit === 'function') ws.commit();
};
const commitRow = (row: { commit?: () => void }): void => {
  if (typeof row.commit === 'function') row.commit();
};

/** Points of one wrapped line at the default 11 pt font. */
const LINE = 15;

/** The columns' widths (ids hidden), the title and a note; a blank row follows. */
function heading<R>(ws: Worksheet, columns: readonly LayoutColumn<R>[], text: [string, string]): void {
  ws.columns = columns.map((c) => ({
    width: c.width,
    hidden: c.hidden ?? false,
    style: {
      ...(c.percent ? { numFmt: '0.0' } : {}),
      alignment: { vertical: 'top', wrapText: c.wrap ?? false, ...(c.centre ? { horizontal: 'center' } : {}) },
    },
  }));
  const [title, note] = text;
  const t = ws.getRow(1);
  t.getCell(1).value = title;
  t.getCell(1).font = { bold: true, size: 14 };
  t.getCell(1).alignment = { wrapText: false };
  const n = ws.getRow(2);
  n.getCell(1).value = note;
  n.getCell(1).font = { italic: true };
  n.getCell(1).alignment = { wrapText: false };
}

/** A header row: bold on the header fill, wrapped, as tall as its longest header. */
function headerRow<R>(ws: Worksheet, columns: readonly LayoutColumn<R>[], at: number): void {
  const row = ws.getRow(at);
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    headerCell(cell, c.header);
    cell.alignment = { vertical: 'bottom', wrapText: true, ...(c.centre ? { horizontal: 'center' } : {}) };
  });
  row.height = LINE * Math.max(...columns.map((c) => wrappedLines(c.header, c.width, 0.9)));
}

/** Writes one table row: its cells, and a height for its wrapped text (LibreOffice does not measure rows on load). */
function tableRow<R>(ws: Worksheet, columns: readonly LayoutColumn<R>[], r: R): void {
  const { cells, lines } = layoutRow(columns, r);
  const row = ws.addRow(cells);
  if (lines > 1) row.height = Math.min(409, LINE * lines);
  commitRow(row);
}

function cohortSheet(
  ws: Worksheet,
  rows: CohortRow[],
  counts: ReturnType<typeof statusCounts>,
  several: boolean,
  totals: CohortTotals,
): void {
  const columns = cohortColumns(several);
  const header = TOP_ROWS + counts.length + 2;
  heading(ws, columns, [
    'Apprentices, the worst status first',
    `Confirmed and attested entries count, pending ones do not. ${HOURS_NOTE} Every level: sheet "Levels"; every gap: "${GAP_LIST_SHEET}".`,
  ]);
  counts.forEach((line, i) => {
    const row = ws.getRow(TOP_ROWS + 1 + i);
    line.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      cell.value = v;
      cell.numFmt = '0';
      // Each count centred under its centred status: the columns are the table's, of differing widths.
      cell.alignment = { wrapText: false, ...(j > 0 ? { horizontal: 'center' } : {}) };
      if (i === 0) cell.font = { bold: true };
    });
  });
  const [h1] = counts;
  addStatusFormatting(ws, `B${TOP_ROWS + 1}:${String.fromCharCode(65 + h1!.length - 2)}${TOP_ROWS + 1}`);
  headerRow(ws, columns, header);
  for (const r of [...rows].sort(worstFirst)) tableRow(ws, columns, r);
  totals.rows = rows.length;
  const status = String.fromCharCode(65 + columns.findIndex((c) => c.header === 'Status'));
  if (rows.length) addStatusFormatting(ws, `${status}${header + 1}:${status}${header + rows.length}`);
  commitSheet(ws);
}

function gapsSheet(ws: Worksheet, lines: GapLine[], several: boolean, totals: CohortTotals): void {
  const columns = gapColumns(several);
  heading(ws, columns, [
    'Gaps to look at',
    `Integrity flags and entries waiting for a confirmation first, then the other gaps that need a look; routine gaps (not signed off, hours short, exams, certifications) counted per apprentice, each one on the sheet "${GAP_LIST_SHEET}".`,
  ]);
  headerRow(ws, columns, TOP_ROWS + 1);
  for (const line of lines) {
    tableRow(ws, columns, line);
    totals.gaps++;
  }
  commitSheet(ws);
}

async function levelsSheet(ws: Worksheet, source: CohortSource, several: boolean): Promise<void> {
  const columns = levelColumns(several);
  heading(ws, columns, ['Every level of every apprentice', HOURS_NOTE]);
  headerRow(ws, columns, TOP_ROWS + 1);
  let n = 0;
  for await (const e of source())
    for (const level of e.progress.levels) {
      const target = level.levelId === e.progress.targetLevelId;
      tableRow(ws, columns, { ...e, level, target, openGaps: levelGaps(e.progress, level.levelId) });
      if (++n % YIELD_EVERY === 0) await tick();
    }
  commitSheet(ws);
}

async function gapListSheet(
  ws: Worksheet,
  source: CohortSource,
  several: boolean,
  totals: CohortTotals,
): Promise<void> {
  const columns = gapColumns(several);
  heading(ws, columns, [
    'Every gap',
    'Each apprentice’s integrity flags, gaps and entries waiting for a confirmation, in sponsor order.',
  ]);
  headerRow(ws, columns, TOP_ROWS + 1);
  for await (const e of source())
    for (const g of gapRows(e.progress)) {
      tableRow(ws, columns, { ...e, ...g, levelId: g.levelId ?? null });
      if (++totals.gapList % YIELD_EVERY === 0) await tick();
    }
  commitSheet(ws);
}
