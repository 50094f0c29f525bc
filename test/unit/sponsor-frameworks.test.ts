import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvSyntaxError, frameworkFromRows, getFramework, parseCsv, workFunctionsRun } from '../../shared/src';
import { jsonSchemas, SCHEMA_DIR } from '../../tools/write-json-schemas';

describe('CSV', () => {
  test('quoted fields with commas, doubled quotes, CRLF, a BOM and blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\nlast,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['last', ''],
    ]);
    expect(parseCsv('a\n"multi\nline"\n')).toEqual([['a'], ['multi\nline']]);
  });
  test('an unclosed quote names the row', () => {
    expect(() => parseCsv('a,b\nc,"open\n')).toThrow(new CsvSyntaxError(2, 'a quoted field is never closed'));
  });
});

describe('a new sponsor framework from rows', () => {
  const header = [
    'Level',
    'Level Title',
    'Work Function',
    'Work Function Title',
    'Item ID',
    'Statement',
    'Core/Optional',
    'OJL Hours',
    'RI Hours',
    'Certifications',
  ];
  test('levels, hours and certifications come from the rows', () => {
    const r = frameworkFromRows(
      [
        header,
        ['L1', 'Junior', 'NET', 'Networking', 'N1', 'Patch a port', 'Core', '1,000', '144', 'CompTIA Network+; CCNA'],
        ['L1', '', 'NET', '', 'N2', 'Trace a cable', 'optional', '', '', ''],
        ['L2', 'Senior', 'NET', '', 'N3', 'Design a VLAN', 'core', '1000', '', ''],
      ],
      { id: 'acme-net', title: 'Acme networking' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(
      r.framework.levels.map((l) => [
        l.id,
        l.title,
        l.requirements.hours.map((h) => h.hours),
        l.requirements.certifications.map((c) => c.id),
      ]),
    ).toEqual([
      ['L1', 'Junior', [1000, 144], ['comptia-network', 'ccna']],
      ['L2', 'Senior', [1000], []],
    ]);
    expect(r.framework.workFunctions).toHaveLength(1);
    expect(r.framework.workFunctions[0]!.items.map((i) => [i.id, i.core, i.levels])).toEqual([
      ['N1', 'core', ['L1']],
      ['N2', 'optional', ['L1']],
      ['N3', 'core', ['L2']],
    ]);
  });

  test('contradicting hours for a level, an unknown column and missing columns are errors', () => {
    const r = frameworkFromRows(
      [
        ['level', 'work_function', 'item_id', 'statement', 'core_optional', 'ojl_hours'],
        ['L1', 'W', 'A', 'x', 'core', '100'],
        ['L1', 'W', 'B', 'y', 'core', '120'],
      ],
      { id: 'x', title: 'X' },
    );
    expect(r).toEqual({
      ok: false,
      errors: [{ row: 3, column: 'ojl_hours', message: '120 contradicts 100 given earlier for level L1' }],
    });
    const cols = frameworkFromRows([['level', 'colour', 'item_id']], { id: 'x', title: 'X' });
    expect(cols.ok ? [] : cols.errors.map((e) => `${e.row}:${e.column}`)).toEqual([
      '1:colour',
      '1:work_function',
      '1:core_optional',
    ]);
  });

  test("an extension cannot change the document's hours or reuse its item ids", () => {
    const nitas = getFramework('nitas-help-desk')!;
    const r = frameworkFromRows(
      [
        ['level', 'work_function', 'item_id', 'statement', 'core_optional', 'ojl_hours'],
        ['L1', 'CWF1', 'HD1.1.1', 'mine', 'core', ''],
        ['L2', 'X', 'X1', 'extra', 'core', '1000'],
      ],
      { base: nitas },
    );
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'HD1.1.1 already exists in nitas-help-desk; sponsor items need their own ids',
      'level L2 of nitas-help-desk requires 1400 hours; a sponsor extension cannot change it',
    ]);
  });

  test('an extension keeps every document item and adds a new level where asked', () => {
    const nitas = getFramework('nitas-help-desk')!;
    const r = frameworkFromRows(
      [
        ['level', 'level_title', 'work_function', 'item_id', 'statement', 'core_optional'],
        ['L4', 'Lead', 'LEAD', 'LEAD.1', 'Run the desk for a week', 'core'],
      ],
      { base: nitas, addedBy: 'acme' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const count = (f: typeof nitas) => f.workFunctions.reduce((n, wf) => n + wf.items.length, 0);
    expect(count(r.framework)).toBe(count(nitas) + 1);
    expect(r.framework.levels.map((l) => l.id)).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(r.framework.id).toBe('nitas-help-desk-sponsor');
    expect(getFramework('nitas-help-desk')!.levels).toHaveLength(3); // the shipped framework is untouched
    // The base's default (every work function, WP included) carries over; LEAD is a new work function, not optional.
    expect(r.framework.program.optionalWorkFunctionsDefault).toEqual(['WP']);
  });

  test('filling a slot of an optional work function (NITAS work practices) runs it by default', () => {
    const shipped = getFramework('nitas-help-desk')!;
    expect(shipped.program.optionalWorkFunctionsDefault).toEqual(['WP']); // the shipped default runs every one
    // A base whose program leaves the work practices out (a sponsor's own version, say).
    const nitas = { ...shipped, program: { ...shipped.program, optionalWorkFunctionsDefault: [] } };
    const r = frameworkFromRows(
      [
        ['level', 'work_function', 'item_id', 'statement', 'core_optional'],
        ['L3', 'WP', 'HD3.0.1', 'Chair the weekly change-advisory review', 'optional'],
      ],
      { base: nitas, id: 'acme-desk', addedBy: 'acme' },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.framework.program.optionalWorkFunctionsDefault).toEqual(['WP']);
    expect(r.framework.notes.at(-1)).toMatch(/WP hold sponsor items, so this framework runs them by default/);
    expect(workFunctionsRun(r.framework, {}).has('WP')).toBe(true);
    expect(workFunctionsRun(nitas, {}).has('WP')).toBe(false);
  });
});

test('the published JSON Schemas match the zod schemas', () => {
  for (const [name, text] of Object.entries(jsonSchemas()))
    expect(readFileSync(join(SCHEMA_DIR, name), 'utf8')).toBe(text);
});
