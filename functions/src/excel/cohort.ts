// The cohort report: one row per apprentice and level, and a sheet with every gap. Written with exceljs' streaming
// WorkbookWriter, yielding to the event loop every few rows so committed rows are flushed and memory stays flat.
// It reads the stored progress: the engine's counted numbers (only confirmed or attested entries count) and, for a
// `ProgressSummary`, the counts it keeps for the findings it leaves out.

import type { Writable } from 'node:stream';
import { type Progress, type ProgressSummary, wageSummary } from '@qualcard/shared';
import { gapRows, levelGaps, pendingEntries } from '@qualcard/shared/sheets/cohort-gaps';
import type { Worksheet } from 'exceljs';
import { type Column, setupTable, sheetOptions } from './sheet';
import { addStatusFormatting, statusCells } from './status';

export interface CohortEntry {
  sponsorId: string;
  sponsorName: string;
  apprenticeId: string;
  name: string;
  frameworkId: string;
  /** The stored progress (a `ProgressSummary`: the first findings only, with counts), or a full `Progress`. */
  progress: Progress | ProgressSummary;
}

/** Called once per sheet: the source is read twice (rows, then gaps) rather than held in memory. */
export type CohortSource = () => AsyncIterable<CohortEntry>;

const YIELD_EVERY = 10;
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface CohortTotals {
  apprentices: number;
  rows: number;
  gaps: number;
}

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
  const totals: CohortTotals = { apprentices: 0, rows: 0, gaps: 0 };
  await cohortSheet(wb.addWorksheet('Cohort', sheetOptions(title)), source, totals);
  await gapsSheet(wb.addWorksheet('Gaps', sheetOptions(`${title}: gaps`)), source, totals);
  if (memory) await memory.xlsx.write(stream);
  else await (wb as InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>).commit();
  return totals;
}

/** Flushes a streamed sheet; an in-memory sheet has nothing to flush (and no commit). */
const commitSheet = (ws: Worksheet): void => {
  if (typeof ws.commit === 'function') ws.commit();
};

const COHORT_COLUMNS: Column[] = [
  { header: 'Sponsor', key: 'sponsor', width: 22 },
  { header: 'Apprentice id', key: 'apprenticeId', width: 16 },
  { header: 'Apprentice', key: 'name', width: 24 },
  { header: 'Status', key: 'status', width: 10 },
  { header: 'Framework', key: 'framework', width: 26 },
  { header: 'Version', key: 'version', width: 9 },
  { header: 'Level', key: 'level', width: 8 },
  { header: 'Target level', key: 'target', width: 12 },
  { header: 'Complete', key: 'complete', width: 10 },
  { header: 'Completion %', key: 'percent', width: 13, numFmt: '0.0' },
  { header: 'Items signed', key: 'itemsDone', width: 12 },
  { header: 'Items required', key: 'itemsRequired', width: 14 },
  { header: 'Hours done', key: 'hoursDone', width: 11, numFmt: '0.##' },
  { header: 'Hours required', key: 'hoursRequired', width: 14, numFmt: '0.##' },
  { header: 'Projected completion', key: 'projected', width: 20 },
  { header: 'Gaps', key: 'gaps', width: 8 },
  { header: 'Pending confirmations', key: 'pending', width: 14, wrap: true },
  { header: 'As of', key: 'asOf', width: 12 },
  { header: 'Reason', key: 'reason', width: 80 },
  { header: 'Wage step', key: 'wage', width: 50 },
];
/** The Status column's letter: its rules cover it from the first row under the header to the last. */
const STATUS_COL = String.fromCharCode(65 + COHORT_COLUMNS.findIndex((c) => c.key === 'status'));

async function cohortSheet(cohort: Worksheet, source: CohortSource, totals: CohortTotals): Promise<void> {
  setupTable(cohort, COHORT_COLUMNS);
  for await (const e of source()) {
    totals.apprentices++;
    const [status, reason] = statusCells(e.progress);
    for (const l of e.progress.levels) {
      // Per apprentice, not per level: on the target level's row only, so the column adds up.
      const target = l.levelId === e.progress.targetLevelId;
      cohort
        .addRow({
          sponsor: e.sponsorName,
          apprenticeId: e.apprenticeId,
          name: e.name,
          status: target ? status : '',
          framework: e.frameworkId,
          version: e.progress.frameworkVersion,
          level: l.levelId,
          target: target ? 'Yes' : '',
          complete: l.complete ? 'Yes' : 'No',
          percent: l.percent,
          itemsDone: l.items.done,
          itemsRequired: l.items.required,
          hoursDone: l.hours.reduce((s, h) => s + h.done, 0),
          hoursRequired: l.hours.reduce((s, h) => s + h.required, 0),
          projected: target ? (e.progress.projectedCompletion ?? '') : '',
          gaps: levelGaps(e.progress, l.levelId),
          pending: target ? pendingEntries(e.progress) : '',
          asOf: e.progress.asOf,
          reason: target ? reason : '',
          wage: target ? wageSummary(e.progress.wage) : '',
        })
        .commit();
      if (++totals.rows % YIELD_EVERY === 0) await tick();
    }
  }
  // The streaming writer keeps conditional formats until the sheet is committed: the range is known by then.
  if (totals.rows) addStatusFormatting(cohort, `${STATUS_COL}2:${STATUS_COL}${totals.rows + 1}`);
  commitSheet(cohort);
}

async function gapsSheet(gaps: Worksheet, source: CohortSource, totals: CohortTotals): Promise<void> {
  setupTable(gaps, [
    { header: 'Sponsor', key: 'sponsor', width: 22 },
    { header: 'Apprentice id', key: 'apprenticeId', width: 16 },
    { header: 'Apprentice', key: 'name', width: 24 },
    { header: 'Level', key: 'level', width: 8 },
    { header: 'Severity', key: 'severity', width: 10 },
    { header: 'Code', key: 'code', width: 26 },
    { header: 'Gap', key: 'message', width: 90, wrap: true },
  ]);
  for await (const e of source()) {
    for (const g of gapRows(e.progress)) {
      gaps
        .addRow({
          sponsor: e.sponsorName,
          apprenticeId: e.apprenticeId,
          name: e.name,
          level: g.levelId ?? '',
          severity: g.severity,
          code: g.code,
          message: g.message,
        })
        .commit();
      if (++totals.gaps % YIELD_EVERY === 0) await tick();
    }
  }
  commitSheet(gaps);
}
