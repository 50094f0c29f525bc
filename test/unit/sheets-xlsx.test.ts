// The same plans as an .xlsx workbook: sheets -> record -> sheets loses nothing and the workbook's structure is
// right. LibreOffice opening it and computing the engine's percents is in test/office/sheets-xlsx.test.ts.
import ExcelJS from 'exceljs';
import { rosterRow } from '../../addon/test-support/fixtures';
import { qualCardWorkbook, rosterFromCsv } from '../../scripts/qualcard-workbook';
import { existingFromRecord, planApprentice, recordFromSheets } from '../../shared/src/sheets';
import { excelNames } from '../../shared/src/sheets/xlsx';
import { AS_OF, fw, record } from '../fixtures/workbook-record';

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
