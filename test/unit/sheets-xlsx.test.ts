// The same plans as an .xlsx workbook: sheets -> record -> sheets loses nothing typed and the workbook's structure
// is right. LibreOffice opening it (the engine's numbers, the Status formulas) is in test/office/sheets-xlsx.test.ts.
import ExcelJS from 'exceljs';
import { rosterRow } from '../../addon/test-support/fixtures';
import { qualCardWorkbook, rosterFromCsv } from '../../scripts/qualcard-workbook';
import { computeProgress } from '../../shared/src';
import {
  columnsFromHeader,
  existingFromRecord,
  planApprentice,
  recordFromSheets,
  recordView,
} from '../../shared/src/sheets';
import { excelNames } from '../../shared/src/sheets/xlsx';
import { AS_OF, fw, record, typed } from '../fixtures/workbook-record';

test('a record written into the sheets reads back as what the sheets hold of it: the typed entries, no confirmation', () => {
  const roster = { ...rosterRow({ levelId: 'L2' }), priorCredit: [] };
  const plans = planApprentice(fw, roster, existingFromRecord(fw, record), recordView(fw, record, AS_OF));
  const back = recordFromSheets(
    roster,
    { name: plans.qualCard.name, grid: plans.qualCard.cells },
    { name: plans.hours.name, grid: plans.hours.cells },
  );
  expect(back).toEqual({ ok: true, record: typed });
  // The numbers are the engine's on the record with its confirmations: the pending sign-off is not counted.
  const engine = computeProgress(fw, record, AS_OF);
  const l1 = plans.qualCard.rowOfKey['level:L1']!;
  expect(plans.qualCard.cells[l1 - 1]![2]).toBe(engine.levels[0]!.items.done);
  expect(engine.levels[1]!.items.done).toBe(0);
  const confirmation = columnsFromHeader(plans.qualCard.cells.find((r) => r[0] === 'columns')!).get('confirmation')!;
  expect(plans.qualCard.cells.find((r) => r[0] === 'item:HD2.1.1')![confirmation]).toBe('');
  expect(plans.qualCard.cells.find((r) => r[0] === 'item:HD1.1.1')![confirmation]).toBe(
    'confirmed by coach@example.com on 2026-02-01',
  );
});

test('Excel sheet names: at most 31 characters, unique, formulas rewritten to match', async () => {
  expect(
    excelNames([
      'Qual card · A very long apprentice name (A001)',
      'Qual card · A very long apprentice name (A002)',
      'x/y',
      "O'Brien",
    ]),
  ).toEqual(['Qual card · A very long apprent', 'Qual card · A very long appre~2', 'x y', 'O’Brien']);
  const buffer = await qualCardWorkbook([record], { asOf: AS_OF, frameworks: [fw] });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const names = wb.worksheets.map((w) => w.name);
  expect(names).toEqual(['Roster', 'Dashboard', 'Qual card · Ada O’Brien (A001)', 'Hours · Ada O’Brien (A001)']);
  const qual = wb.getWorksheet(names[2]!)!;
  const formulas: string[] = [];
  qual.eachRow((row) =>
    row.eachCell((c) => {
      if (c.formula) formulas.push(c.formula);
    }),
  );
  // The only formulas are the Status cells (over the tick and Confirmation); every number is the engine's value.
  expect(formulas.length).toBeGreaterThan(0);
  expect(formulas.every((f) => /^IF\([A-Z]+\d+<>"",/.test(f))).toBe(true);
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
