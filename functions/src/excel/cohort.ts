// The cohort report: one row per apprentice and level, and a sheet with every gap. Written with exceljs' streaming
// WorkbookWriter, yielding to the event loop every few rows so committed rows are flushed and memory stays flat.

import type { Writable } from 'node:stream';
import type { Progress } from '@qualcard/shared';
import { setupTable, sheetOptions } from './sheet';

export interface CohortEntry {
  sponsorId: string;
  sponsorName: string;
  apprenticeId: string;
  name: string;
  frameworkId: string;
  progress: Progress;
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

export async function writeCohortReport(source: CohortSource, stream: Writable, title: string): Promise<CohortTotals> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Qualcard';
  const totals: CohortTotals = { apprentices: 0, rows: 0, gaps: 0 };

  const cohort = wb.addWorksheet('Cohort', sheetOptions(title));
  setupTable(cohort, [
    { header: 'Sponsor', key: 'sponsor', width: 22 },
    { header: 'Apprentice id', key: 'apprenticeId', width: 16 },
    { header: 'Apprentice', key: 'name', width: 24 },
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
    { header: 'As of', key: 'asOf', width: 12 },
  ]);
  for await (const e of source()) {
    totals.apprentices++;
    for (const l of e.progress.levels) {
      cohort
        .addRow({
          sponsor: e.sponsorName,
          apprenticeId: e.apprenticeId,
          name: e.name,
          framework: e.frameworkId,
          version: e.progress.frameworkVersion,
          level: l.levelId,
          target: l.levelId === e.progress.targetLevelId ? 'Yes' : '',
          complete: l.complete ? 'Yes' : 'No',
          percent: l.percent,
          itemsDone: l.items.done,
          itemsRequired: l.items.required,
          hoursDone: l.hours.reduce((s, h) => s + h.done, 0),
          hoursRequired: l.hours.reduce((s, h) => s + h.required, 0),
          projected: l.levelId === e.progress.targetLevelId ? (e.progress.projectedCompletion ?? '') : '',
          gaps: e.progress.gaps.filter((g) => g.levelId === l.levelId).length,
          asOf: e.progress.asOf,
        })
        .commit();
      if (++totals.rows % YIELD_EVERY === 0) await tick();
    }
  }
  cohort.commit();

  const gaps = wb.addWorksheet('Gaps', sheetOptions(`${title}: gaps`));
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
    for (const g of e.progress.gaps) {
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
  gaps.commit();
  await wb.commit();
  return totals;
}
