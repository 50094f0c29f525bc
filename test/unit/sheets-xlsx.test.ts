// The same plans as an .xlsx workbook: sheets -> record -> sheets loses nothing, the workbook's structure is
// right, and LibreOffice (a real spreadsheet application) opens it and computes the same percent as the engine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { COACH, rosterRow, smallFramework } from '../../addon/test-support/fixtures';
import { qualCardWorkbook, rosterFromCsv } from '../../scripts/qualcard-workbook';
import { ApprenticeRecord, computeProgress } from '../../shared/src';
import { existingFromRecord, planApprentice, recordFromSheets } from '../../shared/src/sheets';
import { cohortPlans } from '../../shared/src/sheets/workbook';
import { excelNames } from '../../shared/src/sheets/xlsx';

const AS_OF = '2026-06-01';
const fw = smallFramework();
const record = ApprenticeRecord.parse({
  schemaVersion: 1,
  apprentice: { ...rosterRow({ levelId: 'L2' }).apprentice },
  signOffs: [
    { itemId: 'HD1.1.1', date: '2026-02-01', coachEmail: COACH, evidence: 'Ticket 12', notes: 'Good' },
    { itemId: 'HD1.2.1', date: '2026-02-03', coachEmail: COACH },
    { itemId: 'HD2.1.1', date: '2026-04-03', coachEmail: COACH },
  ],
  hours: [
    // 8 hours a day for 14 days and a half day: clean data (the engine flags over 24 hours in a day).
    ...Array.from({ length: 14 }, (_, i) => ({
      id: `h-${i + 1}`,
      date: `2026-02-${String(i + 2).padStart(2, '0')}`,
      category: 'on-the-job-learning',
      hours: 8,
      workFunctionId: 'CWF1',
      description: 'Desk',
    })),
    { id: 'h-15', date: '2026-03-02', category: 'on-the-job-learning', hours: 3.5 },
    { id: 'h-16', date: '2026-03-10', category: 'related-instruction', hours: 12, verifiedBy: COACH },
  ],
  priorCredit: [
    {
      id: 'credit-1',
      category: 'related-instruction',
      hours: 4,
      description: 'College course',
      approved: true,
      approvedBy: COACH,
    },
  ],
  exams: [{ id: 'exam-1', date: '2026-03-01', passed: true }],
  certifications: [{ id: 'cert-1', date: '2026-03-02' }],
});

test('a record written into the sheets reads back as the same record', () => {
  const roster = { ...rosterRow({ levelId: 'L2' }), priorCredit: [] };
  const plans = planApprentice(fw, roster, existingFromRecord(fw, record));
  const back = recordFromSheets(
    roster,
    { name: plans.qualCard.name, grid: plans.qualCard.cells },
    { name: plans.hours.name, grid: plans.hours.cells },
  );
  expect(back).toEqual({ ok: true, record });
});

test('Excel sheet names: at most 31 characters, unique, formulas rewritten to match', async () => {
  expect(
    excelNames([
      'Qual card · A very long apprentice name (A001)',
      'Qual card · A very long apprentice name (A002)',
      'x/y',
    ]),
  ).toEqual(['Qual card · A very long apprent', 'Qual card · A very long appre~2', 'x y']);
  const buffer = await qualCardWorkbook([record], { asOf: AS_OF, frameworks: [fw] });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const names = wb.worksheets.map((w) => w.name);
  expect(names).toEqual(['Roster', 'Dashboard', "Qual card · Ada O'Brien (A001)", "Hours · Ada O'Brien (A001)"]);
  const qual = wb.getWorksheet(names[2]!)!;
  const formulas: string[] = [];
  qual.eachRow((row) =>
    row.eachCell((c) => {
      if (c.formula) formulas.push(c.formula);
    }),
  );
  expect(formulas.some((f) => f.includes(`'Hours · Ada O''Brien (A001)'!`))).toBe(true);
  expect(qual.getColumn(1).hidden).toBe(true);
});

test('LibreOffice opens the workbook and computes the level percents the engine computes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qualcard-xlsx-'));
  const plans = cohortPlans([{ roster: { ...rosterRow({ levelId: 'L2' }), priorCredit: [] }, record }], [fw], AS_OF);
  const qualPlan = plans.find((p) => p.tag.kind === 'qualcard')! as (typeof plans)[number] & {
    percentCell: Record<string, string>;
  };
  // Put the qual card first: LibreOffice's CSV export writes the first sheet.
  const ordered = [qualPlan, ...plans.filter((p) => p !== qualPlan)];
  return (async () => {
    const { renderPlansToXlsx } = await import('../../shared/src/sheets/xlsx');
    writeFileSync(join(dir, 'card.xlsx'), await renderPlansToXlsx(ordered));
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'csv',
        '--outdir',
        dir,
        join(dir, 'card.xlsx'),
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const csv = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.csv'))!), 'utf8');
    const grid = csv
      .split('\n')
      .map((l) =>
        l
          .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
          .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')),
      );
    const progress = computeProgress(fw, record, AS_OF);
    for (const [levelId, cell] of Object.entries(qualPlan.percentCell)) {
      const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(cell)!;
      const value = Number(grid[Number(row) - 1]![letters!.charCodeAt(0) - 65]);
      expect({ levelId, value }).toEqual({
        levelId,
        value: progress.levels.find((l) => l.levelId === levelId)!.percent,
      });
    }
  })();
}, 150_000);

test('the workbook script reads a roster CSV with the Roster headers and names bad cells', () => {
  const header = 'Apprentice ID,Name,Email,Coach email(s),Start date,Framework,Level,Prior credit,Maximum months';
  const rows = rosterFromCsv(
    `${header}\nA1,Ann,ann@example.com,coach@example.com,2026-01-05,nitas-help-desk,L1,40 related-instruction,\n`,
  );
  expect(rows[0]).toMatchObject({
    row: 2,
    apprentice: { id: 'A1', levelId: 'L1' },
    priorCredit: [{ category: 'related-instruction', hours: 40 }],
  });
  expect(() =>
    rosterFromCsv(`${header}\nA1,Ann,ann@example.com,coach@example.com,2026-02-30,nitas-help-desk,L1,,\n`),
  ).toThrow('Roster E2 (row 2, Start date): not a real calendar date');
});
