import ExcelJS from 'exceljs';
import type { CohortEntry } from '../../functions/src/excel/cohort';
import {
  ApprenticeRecord,
  computeProgress,
  getFramework,
  HOURS_CATEGORY_LABEL,
  isPendingFinding,
  type Progress,
  STATUS_LABEL,
  STATUS_LEVELS,
  summarizeProgress,
} from '../../shared/src';
import { APPRENTICE_ID_HEADER, GAP_LIST_SHEET } from '../../shared/src/sheets';
import { cohortReportBytes } from '../fixtures/demo-reports';
import { ojl, record, sign, typed } from '../fixtures/engine';
import { STATUS_RULES, textRules } from '../fixtures/status-format';
import { AS_OF, fw, transcriptRecord } from '../fixtures/transcript-record';

const nitas = getFramework('nitas-help-desk')!;
/** Level 2 of NITAS with one item confirmed and 80 hours typed: more than 50 gaps, and 80 pending entries. */
const behind = ApprenticeRecord.parse({
  ...record({
    levelId: 'L2',
    signOffs: [sign('HD1.1.1', '2026-01-12')],
    hours: Array.from({ length: 80 }, (_, i) => typed(ojl('2026-02-02', 0.25, { id: `h${i}`, description: `t${i}` }))),
  }),
  apprentice: { ...record().apprentice, id: 'ben', name: 'Ben', frameworkId: 'nitas-help-desk', levelId: 'L2' },
});

function entry(id: string, progress: Progress): CohortEntry {
  return { sponsorId: 'acme', sponsorName: 'Acme IT', apprenticeId: id, name: id, frameworkId: 'x', progress };
}

const reportBytes = (entries: CohortEntry[]): Promise<Buffer> => cohortReportBytes(entries);

type Table = Record<string, string>[] & { header: number };

/** Each sheet's table: the rows under its header (the row naming the hidden "Apprentice id" column). */
async function report(entries: CohortEntry[]): Promise<Record<string, Table>> {
  const bytes = await reportBytes(entries);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return Object.fromEntries(
    wb.worksheets.map((ws) => {
      const grid: string[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        grid[n - 1] = (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));
      });
      const header = grid.findIndex((r) => r?.includes(APPRENTICE_ID_HEADER));
      const names = grid[header]!;
      const rows = grid
        .slice(header + 1)
        .filter((r) => r?.some((c) => c !== ''))
        .map((r) => Object.fromEntries(names.map((h, i) => [h, r[i] ?? '']))) as Table;
      rows.header = header + 1;
      return [ws.name, rows];
    }),
  );
}

const ann = computeProgress(fw, transcriptRecord, AS_OF);
const ben = computeProgress(nitas, behind, AS_OF);

test('one row per apprentice at the target level; figures from the counts, hours per category against its own', async () => {
  expect(ben.gaps.filter((g) => !isPendingFinding(g)).length).toBeGreaterThan(50);
  const stored = summarizeProgress(ben);
  expect(stored.gaps).toHaveLength(50);
  const [full, summary] = await Promise.all([report([entry('ben', ben)]), report([entry('ben', stored)])]);
  const hours = ['related-instruction', 'on-the-job-learning', 'work-experience'] as const;
  const figures = (rows: Record<string, string>[]) =>
    rows.map((r) => [
      r['Level worked towards']!.split('\n')[0],
      r['Items signed'],
      ...hours.map((c) => r[`${HOURS_CATEGORY_LABEL[c]} hours`]),
      r['Open gaps'],
      r.Pending,
    ]);
  expect(figures(summary.Cohort!)).toEqual(figures(full.Cohort!));
  const l2 = ben.levels.find((l) => l.levelId === 'L2')!;
  const of = (c: (typeof hours)[number]) => {
    const h = l2.hours.find((x) => x.category === c)!;
    return `${h.done.toLocaleString('en-US')} of ${h.required.toLocaleString('en-US')}`;
  };
  expect(figures(summary.Cohort!)).toEqual([
    [
      'Level 2 - Full Working (L2)',
      `0 of ${l2.items.required}`,
      ...hours.map(of),
      String(ben.gaps.filter((g) => !isPendingFinding(g)).length),
      '80',
    ],
  ]);
  // Every level on a sheet of its own, its gaps counted per level by the summary.
  const levels = (rows: Record<string, string>[]) => rows.map((r) => [r.Level, r['Worked towards'], r['Open gaps']]);
  expect(levels(summary.Levels!)).toEqual(levels(full.Levels!));
  expect(levels(summary.Levels!)).toEqual(
    ben.levels.map((l) => [
      `${l.title} (${l.levelId})`,
      l.levelId === 'L2' ? 'Yes' : '',
      String(ben.gaps.filter((g) => g.levelId === l.levelId).length),
    ]),
  );
});

test('the Gaps sheet: waiting entries first, routine gaps counted per apprentice; every gap on the Gap list', async () => {
  const stored = summarizeProgress(ben);
  const report_ = await report([entry('ben', stored), entry('ann', summarizeProgress(ann))]);
  const gaps = report_.Gaps!;
  const bens = gaps.filter((g) => g['Apprentice id'] === 'ben');
  const count = (code: string) => ben.gaps.filter((g) => g.code === code).length;
  expect(bens.map((g) => [g.Kind, g.Gap])).toEqual([
    ['Waiting for confirmation', '80 entries typed in a sheet are not confirmed and not counted: 80 hours entries.'],
    ...ben.gaps.filter((g) => g.code === 'level.previous-incomplete').map((g) => ['Gap', g.message]),
    [
      'Not done yet',
      `Items not signed off: ${count('items.missing')}; Hours categories short: ${count('hours.short')}; Exams not passed: ${count('exam.missing')}; Certifications not held: ${count('certification.missing')} (each one on the sheet "${GAP_LIST_SHEET}").`,
    ],
  ]);
  // Ann's integrity flags come before anyone's waiting entries; the routine lines come last.
  const kinds = gaps.map((g) => g.Kind);
  const firstOf = (k: string) => kinds.indexOf(k);
  expect(ann.integrity.length).toBeGreaterThan(0);
  expect(kinds.slice(0, ann.integrity.length)).toEqual(ann.integrity.map(() => 'Integrity flag'));
  expect(firstOf('Integrity flag')).toBeLessThan(firstOf('Waiting for confirmation'));
  expect(kinds.lastIndexOf('Waiting for confirmation')).toBeLessThan(firstOf('Not done yet'));
  expect(gaps.find((g) => g['Apprentice id'] === 'ann' && g.Kind === 'Waiting for confirmation')!.Gap).toBe(
    '6 entries typed in a sheet are not confirmed and not counted: 1 sign-off, 3 hours entries, 1 prior credit, 1 certification.',
  );
  // The Gap list: ben's listed gaps, how many more there are, and the pending line.
  const listed = stored.gaps.filter((g) => !isPendingFinding(g)).length;
  const total = ben.gaps.filter((g) => !isPendingFinding(g)).length;
  const list = report_[GAP_LIST_SHEET]!.filter((g) => g['Apprentice id'] === 'ben');
  expect(list).toHaveLength(listed + 2);
  expect(list.slice(-2).map((g) => g.Gap)).toEqual([
    `${total - listed} more gaps are not listed here (the stored progress keeps the first findings); the apprentice's transcript lists every gap.`,
    '80 entries typed in a sheet are not confirmed and not counted: 80 hours entries.',
  ]);
});

test('stored progress from before provenance (no entry tallies) still makes a report', async () => {
  const { entries: _, ...old } = ann;
  const { Cohort: rows } = await report([entry('ann', old as Progress)]);
  expect(rows!.map((r) => r.Pending)).toEqual(['0']);
});

test("the worst status first, counted at the top, coloured by the streamed sheet's conditional formats", async () => {
  const stored = [entry('ann', summarizeProgress(ann)), entry('ben', summarizeProgress(ben))];
  expect([ann.status.status, ben.status.status]).toEqual(['on-track', 'at-risk']);
  const { Cohort: rows } = await report(stored);
  expect(rows!.map((r) => [r['Apprentice id'], r.Status, r['Status reason']])).toEqual([
    ['ben', STATUS_LABEL[ben.status.status], ben.status.reason],
    ['ann', STATUS_LABEL[ann.status.status], ann.status.reason],
  ]);
  expect(ben.status.reason).toMatch(/80 entries wait for a confirmation/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await reportBytes(stored)) as unknown as ArrayBuffer);
  const cohort = wb.getWorksheet('Cohort')!;
  const worstFirst = [...STATUS_LEVELS].reverse().map((s) => STATUS_LABEL[s]);
  expect((cohort.getRow(4).values as unknown[]).slice(1)).toEqual(['Apprentices by status', ...worstFirst, 'Total']);
  expect((cohort.getRow(5).values as unknown[]).slice(1)).toEqual(['Acme IT', 0, 1, 1, 2]);
  const header = rows!.header;
  expect(cohort.getCell(`B${header}`).value).toBe('Status');
  expect(textRules(cohort)).toEqual([
    { ref: 'B4:D4', rules: STATUS_RULES },
    { ref: `B${header + 1}:B${header + 2}`, rules: STATUS_RULES },
  ]);
  expect(textRules(wb.getWorksheet('Gaps')!)).toEqual([]);
});

test('stored progress from before the status: blank Status and reason, listed last and counted apart', async () => {
  const { status: _, lastActivity: __, ...old } = ann;
  const { Cohort: rows } = await report([entry('old', old as Progress), entry('ben', summarizeProgress(ben))]);
  expect(rows!.map((r) => [r['Apprentice id'], r.Status, r['Status reason']])).toEqual([
    ['ben', STATUS_LABEL[ben.status.status], ben.status.reason],
    ['old', '', ''],
  ]);
});
