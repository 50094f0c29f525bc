// The cohort report from stored progress: a `ProgressSummary` keeps the first 50 findings and counts the rest, so
// every figure comes from the counts (gaps per level, pending confirmations), never from the cut-short lists.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { type CohortEntry, writeCohortReport } from '../../functions/src/excel/cohort';
import {
  ApprenticeRecord,
  computeProgress,
  getFramework,
  isPendingFinding,
  type Progress,
  STATUS_LABEL,
  summarizeProgress,
} from '../../shared/src';
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

async function reportBytes(entries: CohortEntry[]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => sink.on('end', resolve));
  await writeCohortReport(
    async function* () {
      yield* entries;
    },
    sink,
    'Cohort',
  );
  await done;
  return Buffer.concat(chunks);
}

async function report(entries: CohortEntry[]): Promise<Record<string, Record<string, string>[]>> {
  const bytes = await reportBytes(entries);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return Object.fromEntries(
    wb.worksheets.map((ws) => {
      const rows: Record<string, string>[] = [];
      const header = (ws.getRow(1).values as unknown[]).map(String);
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const values = row.values as unknown[];
        rows.push(Object.fromEntries(header.slice(1).map((h, i) => [h, String(values[i + 1] ?? '')])));
      });
      return [ws.name, rows];
    }),
  );
}

const ann = computeProgress(fw, transcriptRecord, AS_OF);
const ben = computeProgress(nitas, behind, AS_OF);

test('gaps per level and pending confirmations come from the counts, not the first 50 findings', async () => {
  expect(ben.gaps.filter((g) => !isPendingFinding(g)).length).toBeGreaterThan(50);
  const stored = summarizeProgress(ben);
  expect(stored.gaps).toHaveLength(50);
  const [full, summary] = await Promise.all([report([entry('ben', ben)]), report([entry('ben', stored)])]);
  const figures = (rows: Record<string, string>[]) =>
    rows.map((r) => [r.Level, r['Items signed'], r['Hours done'], r.Gaps, r['Pending confirmations']]);
  expect(figures(summary.Cohort!)).toEqual(figures(full.Cohort!));
  expect(figures(summary.Cohort!)).toEqual([
    ['L1', '1', '0', String(ben.gaps.filter((g) => g.levelId === 'L1').length), ''],
    ['L2', '0', '0', String(ben.gaps.filter((g) => g.levelId === 'L2').length), '80'],
    ['L3', '0', '0', '0', ''],
  ]);
});

test('the gaps sheet lists the stored gaps, says how many more there are, and sums up the pending entries', async () => {
  const stored = summarizeProgress(ben);
  const { Gaps: gaps } = await report([entry('ben', stored), entry('ann', summarizeProgress(ann))]);
  const listed = stored.gaps.filter((g) => !isPendingFinding(g)).length;
  const total = ben.gaps.filter((g) => !isPendingFinding(g)).length;
  const bens = gaps!.filter((g) => g['Apprentice id'] === 'ben');
  expect(bens).toHaveLength(listed + 2);
  expect(bens.slice(-2).map((g) => [g.Code, g.Gap])).toEqual([
    [
      'gaps.not-listed',
      `${total - listed} more gaps are not listed here (the stored progress keeps the first findings); the apprentice's transcript lists every gap.`,
    ],
    ['pending', '80 entries typed in a sheet are not confirmed and not counted: 80 hours entries.'],
  ]);
  expect(gaps!.filter((g) => g['Apprentice id'] === 'ann').map((g) => g.Code)).toEqual([
    ...ann.gaps.filter((g) => !isPendingFinding(g)).map((g) => g.code),
    'pending',
  ]);
  expect(gaps!.find((g) => g['Apprentice id'] === 'ann' && g.Code === 'pending')!.Gap).toBe(
    '6 entries typed in a sheet are not confirmed and not counted: 1 sign-off, 3 hours entries, 1 prior credit, 1 certification.',
  );
});

test('stored progress from before provenance (no entry tallies) still makes a report', async () => {
  const { entries: _, ...old } = ann;
  const { Cohort: rows } = await report([entry('ann', old as Progress)]);
  expect(rows!.map((r) => r['Pending confirmations'])).toEqual(['', '0']);
});

test("each apprentice's status and reason on the target row, coloured by the streamed sheet's conditional formats", async () => {
  const stored = [entry('ben', summarizeProgress(ben)), entry('ann', summarizeProgress(ann))];
  const { Cohort: rows } = await report(stored);
  expect(rows!.map((r) => [r['Apprentice id'], r.Level, r.Status, r.Reason])).toEqual(
    [ben, ann].flatMap((p, i) =>
      p.levels.map((l) =>
        l.levelId === p.targetLevelId
          ? [stored[i]!.apprenticeId, l.levelId, STATUS_LABEL[p.status.status], p.status.reason]
          : [stored[i]!.apprenticeId, l.levelId, '', ''],
      ),
    ),
  );
  expect(ben.status.reason).toMatch(/80 entries wait for a confirmation/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await reportBytes(stored)) as unknown as ArrayBuffer);
  const cohort = wb.getWorksheet('Cohort')!;
  expect(cohort.getCell('D1').value).toBe('Status');
  expect(textRules(cohort)).toEqual([{ ref: `D2:D${rows!.length + 1}`, rules: STATUS_RULES }]);
  expect(textRules(wb.getWorksheet('Gaps')!)).toEqual([]);
});

test('stored progress from before the status: the Status and Reason cells are blank', async () => {
  const { status: _, lastActivity: __, ...old } = ann;
  const { Cohort: rows } = await report([entry('ann', old as Progress)]);
  expect(rows!.map((r) => [r.Status, r.Reason])).toEqual([
    ['', ''],
    ['', ''],
  ]);
});
