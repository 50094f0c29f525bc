// The add-on against the fake Apps Script services: roster, generation, call counts, regeneration.

import { generateOne } from '../../addon/src/generate';
import * as entry from '../../addon/src/main';
import { requireRoster } from '../../addon/src/roster-io';
import { programFrameworks } from '../../addon/src/settings';
import { type FakeAppsScript, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { smallFramework } from '../../addon/test-support/fixtures';
import {
  apprentice,
  colOfHeader,
  fillRoster,
  rowOfKey,
  setUpProgram,
  taggedSheet,
} from '../../addon/test-support/program';
import { getFramework, SheetRecord } from '../../shared/src';
import { hoursCol, localView } from '../../shared/src/sheets';

let fake: FakeAppsScript;
beforeEach(() => {
  fake = installFakeAppsScript();
});
afterEach(() => {
  fake.uninstall();
});

describe('roster', () => {
  test('created with headers, an example row and a validation on every column', () => {
    setUpProgram(fake, { sponsor: smallFramework() });
    const roster = taggedSheet(fake, 'roster')!;
    expect(roster.name).toBe('Roster');
    expect(roster.grid()[2]).toEqual([
      'Apprentice ID',
      'Name',
      'Email',
      'Coach email(s)',
      'Start date',
      'Framework',
      'Level',
      'Prior credit',
      'Maximum months',
      'Optional work functions',
    ]);
    expect(roster.cell(4, 1)).toBe('example-1');
    const kinds = Array.from({ length: 10 }, (_, c) => roster.validations.get(`5,${c + 1}`)?.kind);
    expect(kinds).toEqual([
      'formula',
      'formula',
      'email',
      'formula',
      'date',
      'list',
      'list',
      'formula',
      'number',
      'formula',
    ]);
    expect(roster.validations.get('5,6')!.args[0]).toEqual(['small']);
    expect(roster.validations.get('5,1')!.help).toMatch(/unique/);
  });

  test('a bad roster generates nothing and names every bad cell', () => {
    setUpProgram(fake, { sponsor: smallFramework() });
    fillRoster(fake, [
      apprentice('A001', { email: 'not-an-email' }),
      apprentice('A002', { levelId: 'L9' }),
      apprentice('A001', { priorCredit: '12 naps' }),
    ]);
    const before = fake.ss.sheets.length;
    let message = '';
    try {
      entry.generateApprentices(['A001']);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Roster C5 (row 5, Email)');
    expect(message).toContain('Roster G6 (row 6, Level): "L9" is not a level of small (L1, L2)');
    expect(message).toContain('Roster H7 (row 7, Prior credit)');
    expect(fake.ss.sheets.length).toBe(before);
    expect(fake.lock.held).toBe(false);
  });
});

describe('generation', () => {
  test('the sheets are frozen at their headers, Do/Know/Exit collapsed; a sheet Check progress replaces keeps its editors', () => {
    setUpProgram(fake, { sponsor: smallFramework() });
    fillRoster(fake, [apprentice('A001')]);
    entry.generateApprentices(['A001']);
    const qual = taggedSheet(fake, 'qualcard', 'A001')!;
    expect([qual.frozenRows, qual.frozenColumns]).toEqual([3, 2]);
    const doCol = colOfHeader(qual, 'columns', 'Do');
    expect(qual.columnGroups.map((g) => [g.col, g.cols, g.collapsed])).toEqual([[doCol, 3, true]]);
    expect(taggedSheet(fake, 'hours', 'A001')!.frozenRows).toBe(4);
    const editors = [...qual.sheetProtection!.editors].sort();
    expect(editors).toEqual(['coach@example.com']); // no service: no admins to add
    // A text the plan does not hold: Check progress regenerates the sheet, which keeps who may edit it.
    qual.setCell(rowOfKey(qual, 'item:HD1.1.1'), colOfHeader(qual, 'columns', 'Competency'), 'Edited by hand');
    entry.checkProgress();
    const again = taggedSheet(fake, 'qualcard', 'A001')!;
    expect(again).not.toBe(qual);
    expect([...again.sheetProtection!.editors].sort()).toEqual(editors);
    expect(again.sheetProtection!.description).toBe(qual.sheetProtection!.description);
  });

  test('a qual card and an hours sheet, tagged, with validations, protection and formulas', () => {
    setUpProgram(fake, { sponsor: smallFramework() });
    fillRoster(fake, [apprentice('A001', { priorCredit: '20 on-the-job-learning' })]);
    const [result] = entry.generateApprentices(['A001']);
    expect(result).toMatchObject({ apprenticeId: 'A001', regenerated: false, archived: 0 });
    const qual = taggedSheet(fake, 'qualcard', 'A001')!;
    const hours = taggedSheet(fake, 'hours', 'A001')!;
    expect(qual.name).toBe('Qual card · Apprentice A001 (A001)');
    expect(hours.name).toBe('Hours · Apprentice A001 (A001)');
    // Items grouped by work function with the NITAS texts, a checkbox and stamped columns.
    const r = rowOfKey(qual, 'item:HD1.1.1');
    expect(qual.cell(r, colOfHeader(qual, 'columns', 'Competency'))).toBe('Competency HD1.1.1');
    expect(qual.cell(r, colOfHeader(qual, 'columns', 'Exit'))).toBe('Exit HD1.1.1');
    expect(qual.validations.get(`${r},${colOfHeader(qual, 'columns', 'Signed')}`)?.kind).toBe('checkbox');
    expect(String(qual.cell(r, colOfHeader(qual, 'columns', 'Status')))).toMatch(/^=IF\(/);
    expect(qual.cell(rowOfKey(qual, 'wf:CWF2'), 2)).toBe('CWF2');
    expect(qual.protections).toHaveLength(1);
    expect(qual.protections[0]!.warningOnly).toBe(true);
    expect(qual.hiddenColumns.has(1)).toBe(true);
    // Every hours log column validated with help text; the roster's prior credit is a log row awaiting verification.
    const logRow = rowOfKey(hours, 'h-1');
    const typed = ['date', 'category', 'workFunction', 'hours', 'description', 'verifiedBy'] as const;
    const v = typed.map((id) => hours.validations.get(`${logRow},${hoursCol(id)}`));
    expect(v.map((x) => x?.kind)).toEqual(['date', 'list', 'list', 'number', 'formula', 'email']);
    expect(v.every((x) => x?.help && x.allowInvalid === false)).toBe(true);
    expect(v[3]!.args).toEqual([0, 24]);
    const credit = rowOfKey(hours, 'credit:on-the-job-learning');
    expect(hours.cell(credit, hoursCol('category'))).toBe('Prior credit: On-the-job learning');
    expect(hours.cell(credit, hoursCol('hours'))).toBe(20);
    // Layout prototypes are hidden and shared.
    expect(fake.ss.sheets.filter((s) => s.name.startsWith('qc-layout-')).every((s) => s.hidden)).toBe(true);
  });

  test("SpreadsheetApp writes per apprentice: 18 for a fresh one with the engine's numbers, 7 generating again; not growing with the number of items", () => {
    const nitas = getFramework('nitas-help-desk')!;
    setUpProgram(fake, { sponsor: smallFramework(), frameworkIds: [nitas.id] });
    fillRoster(fake, [
      apprentice('A001'),
      apprentice('A002'),
      apprentice('N001', { frameworkId: nitas.id, levelId: 'L3' }),
      apprentice('N002', { frameworkId: nitas.id, levelId: 'L3' }),
    ]);
    const roster = requireRoster(fake.ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, programFrameworks());
    const cache = new Map();
    const ss = fake.ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    const count = (id: string): { total: number; writes: string[] } => {
      const row = roster.find((r) => r.apprentice.id === id)!;
      const framework = programFrameworks().find((f) => f.id === row.apprentice.frameworkId)!;
      // What generation shows with no service set up: the engine on an empty record (nothing typed yet).
      const view = localView(
        framework,
        SheetRecord.parse({ schemaVersion: 1, apprentice: row.apprentice }),
        '2026-06-01',
      );
      fake.log.reset();
      generateOne(ss, framework, row, cache, view);
      return { total: fake.log.calls.length, writes: fake.log.writes() };
    };
    count('A001');
    count('N001'); // first of each layout builds its prototypes
    const small = count('A002');
    const big = count('N002'); // 93 NITAS items over three levels vs 7 items
    expect(big).toEqual(small);
    // A fresh apprentice: each sheet inserted from its prototype, its values (the hours sheet only its totals), its
    // tag and Status/Confirmation warning; then its editors (a new protection: description, editors, no domain edit).
    const editors = ['Sheet.protect', 'Protection.setDescription', 'Protection.addEditors', 'Protection.setDomainEdit'];
    const sheet = ['Spreadsheet.insertSheet', 'Range.setValues', 'Sheet.addDeveloperMetadata', 'Range.protect'];
    expect(small.writes).toEqual([
      ...sheet,
      'Protection.setWarningOnly',
      ...sheet,
      'Protection.setWarningOnly',
      ...editors,
      ...editors,
    ]);
    expect(small.writes).toHaveLength(18);
    // Generating again over sheets already showing this plan: their computed areas rewritten in place, their
    // protections kept (editors unchanged: nothing written but the lookup of the sheet's protection).
    const again = count('A002');
    expect(again.writes).toEqual([
      ...Array(2).fill('Range.setValues'),
      ...Array(3).fill('Range.setValues'),
      'Sheet.protect',
      'Sheet.protect',
    ]);
    expect(fake.ss.sheets.filter((s) => s.name.includes('(A002)'))).toHaveLength(2);
  });
});
