// The apprentice status in the workbooks, opened by LibreOffice (a real spreadsheet application): the transcript's
// summary, the cohort report (exceljs' streaming writer) and the qual card workbook's Dashboard show the engine's
// status and reason, and LibreOffice reads the conditional formats keyed on the labels: saved back as xlsx by it,
// each workbook still holds one rule per status over the Status cells, with the shared colours.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { rosterRow } from '../../addon/test-support/fixtures';
import type { CohortEntry } from '../../functions/src/excel/cohort';
import { buildTranscript, SUMMARY_HEADER_ROW } from '../../functions/src/excel/transcript';
import { computeProgress, type Progress, RULES, STATUS_LABEL, summarizeProgress } from '../../shared/src';
import { ROW_STATUSES } from '../../shared/src/sheets';
import { cohortPlans } from '../../shared/src/sheets/workbook';
import { booksViaLibreOffice, tableRows } from '../emulator/helpers/libreoffice';
import { cohortReportBytes } from '../fixtures/demo-reports';
import { completeLevel1, ojl, record, typed } from '../fixtures/engine';
import { STATUS_RULES, textRules } from '../fixtures/status-format';
import { AS_OF, fw, transcriptInput } from '../fixtures/transcript-record';
import { AS_OF as WORKBOOK_AS_OF, fw as workbookFw, record as workbookRecord } from '../fixtures/workbook-record';

/** Saves each workbook again with LibreOffice's own xlsx filter, in one run: what it understood of them. */
async function resavedByLibreOffice(books: Buffer[]): Promise<ExcelJS.Workbook[]> {
  const dir = mkdtempSync(join(tmpdir(), 'qualcard-status-'));
  try {
    const files = books.map((b, i) => {
      writeFileSync(join(dir, `book${i}.xlsx`), b);
      return join(dir, `book${i}.xlsx`);
    });
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        join(dir, 'out'),
        ...files,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    return await Promise.all(
      books.map(async (_, i) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(readFileSync(join(dir, 'out', `book${i}.xlsx`)) as unknown as ArrayBuffer);
        return wb;
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cohortReport = (entries: CohortEntry[]): Promise<Buffer> => cohortReportBytes(entries);

const cohortEntry = (id: string, progress: Progress): CohortEntry => ({
  sponsorId: 'acme',
  sponsorName: 'Acme IT',
  apprenticeId: id,
  name: id,
  frameworkId: fw.id,
  progress: summarizeProgress(progress),
});

test('LibreOffice shows the status and reason, and keeps the conditional formats keyed on the labels', async () => {
  const input = transcriptInput();
  // Each status: complete and the transcript's (on track), many typed hours (at risk), idle for months (off track).
  const typedHours = Array.from({ length: RULES.status.pendingAtRisk }, () => typed(ojl('2026-02-25', 1)));
  const cohort = [
    cohortEntry('done', computeProgress(fw, completeLevel1(), AS_OF)),
    cohortEntry('ada', input.progress),
    cohortEntry('typed', computeProgress(fw, record({ hours: [ojl('2026-02-20', 20), ...typedHours] }), AS_OF)),
    cohortEntry('idle', computeProgress(fw, record({ hours: [ojl('2026-01-06', 5)] }), '2026-06-01')),
  ];
  expect(cohort.map((e) => e.progress.status.status)).toEqual(['on-track', 'on-track', 'at-risk', 'off-track']);
  const workbookPlans = cohortPlans(
    [{ roster: { ...rosterRow({ levelId: 'L2' }), priorCredit: [] }, record: workbookRecord }],
    [workbookFw],
    WORKBOOK_AS_OF,
  );
  const { excelNames, renderPlansToXlsx } = await import('../../shared/src/sheets/xlsx');
  const books = [await buildTranscript(input), await cohortReport(cohort), await renderPlansToXlsx(workbookPlans)];
  const [transcript, report, workbook] = booksViaLibreOffice(books);

  // The transcript's summary: the status and its reason below the projected completion.
  const top = Object.fromEntries(transcript!.Summary!.slice(0, SUMMARY_HEADER_ROW - 2).map((r) => [r[0], r[1]]));
  expect([top.Status, top['Status reason']]).toEqual([
    STATUS_LABEL[input.progress.status.status],
    input.progress.status.reason,
  ]);
  // The cohort report: one row per apprentice, the worst status first (then by name).
  const head = report!.Cohort!.findIndex((r) => r.includes('Apprentice id'));
  const rows = tableRows(report!.Cohort!, head);
  const byId = (id: string) => cohort.find((e) => e.apprenticeId === id)!.progress.status;
  expect(rows.map((r) => [r['Apprentice id'], r.Status, r['Status reason']])).toEqual(
    ['idle', 'typed', 'ada', 'done'].map((id) => [id, STATUS_LABEL[byId(id).status], byId(id).reason]),
  );
  // The workbook's Dashboard: the engine's status of the record, on the target row.
  const dashboard = tableRows(workbook!.Dashboard!, 3).filter((r) => r.Target === 'target');
  const expected = computeProgress(workbookFw, workbookRecord, WORKBOOK_AS_OF).status;
  expect(dashboard.map((r) => [r.Status, r.Reason])).toEqual([[STATUS_LABEL[expected.status], expected.reason]]);

  const [t, c, w] = await resavedByLibreOffice(books);
  const statusRow = transcript!.Summary!.findIndex((r) => r[0] === 'Status') + 1;
  expect(textRules(t!.getWorksheet('Summary')!)).toEqual([{ ref: `B${statusRow}`, rules: STATUS_RULES }]);
  // The counts' status headers and the Status column (row head + 2 is the first apprentice, 1-based).
  expect(textRules(c!.getWorksheet('Cohort')!)).toEqual([
    { ref: 'B4:D4', rules: STATUS_RULES },
    { ref: `B${head + 2}:B${head + 1 + rows.length}`, rules: STATUS_RULES },
  ]);
  const dash = workbook!.Dashboard!;
  const header = dash.findIndex((r) => r[0] === 'Apprentice ID');
  const col = String.fromCharCode(65 + dash[header]!.indexOf('Status'));
  const first = header + 2;
  const last = first + tableRows(dash, header).filter((r) => ['target', 'earlier'].includes(r.Target!)).length - 1;
  // The plan writes one rule per status (one range each); LibreOffice may merge them into one range: either way,
  // the Status cells of the level rows get the three rules.
  const dashRules = textRules(w!.getWorksheet('Dashboard')!).filter((f) => f.ref === `${col}${first}:${col}${last}`);
  expect(dashRules.flatMap((f) => f.rules)).toEqual(STATUS_RULES);
  // The same "cell equals text" rule colours a qual card's row Status (pending, confirmed, ...) once LibreOffice has
  // read it: each rule keeps its own word (exceljs' containsText rules lost it, and matched every cell).
  const qual = workbookPlans.findIndex((p) => p.tag.kind === 'qualcard');
  const qualRules = textRules(w!.getWorksheet(excelNames(workbookPlans.map((p) => p.name))[qual]!)!);
  expect(qualRules.flatMap((f) => f.rules.map((r) => r[0]))).toEqual([...ROW_STATUSES]);
}, 180_000);
