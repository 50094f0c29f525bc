// What each level of every shipped framework requires under its default program, as the engine computes it, equals
// what the source document marks Required or Core (issue 20): no Core or Required mark lapses by default. A sponsor's
// program may leave out a work function the document marks optional, and then exactly its core items stop counting.
import { computeProgress, defaultProgramRequirements, type Framework, getFramework } from '../../shared/src';
import { START } from '../fixtures/engine';

const fw = (id: string): Framework => getFramework(id)!;

/** [framework, level, required, where the document marks them (shared/seeds/<document> lines)]. */
const DOCUMENT_MARKS: [string, string, number, string][] = [
  ['nitas-help-desk', 'L1', 28, '000 Table 1 line 156 "28 items"; Level 1 qual card lines 293-860'],
  ['nitas-help-desk', 'L2', 35, '000 Table 1 line 167 "35 items"; Level 2 qual card lines 955-1668'],
  ['nitas-help-desk', 'L3', 22, '000 Table 1 line 174 "22 items"; Level 3 qual card lines 1748-2192'],
  ['it-generalist-competencies', 'L1', 22, '001 X under Required, lines 149-328 (5c line 275, 6e line 305 included)'],
  ['it-generalist-wps', 'L1', 31, '002 tasks marked Core, lines 10-64 (JF5.3 line 47 included)'],
  ['it-support-wps', 'L1', 86, '003 skills, none marked optional, lines 7-191'],
  ['customer-technical-support', 'AITS', 14, '004 X in the Assistant IT Specialist column, lines 11-39'],
  ['customer-technical-support', 'ITS1', 29, '004 X in the IT Specialist I column, lines 11-46'],
  ['customer-technical-support', 'ITS2', 37, '004 X in the IT Specialist II column, lines 11-52'],
  ['customer-technical-support', 'ITS3', 43, '004 X in the IT Specialist III column, lines 11-57'],
];

test.each(DOCUMENT_MARKS)('%s %s: the default program requires %i items (%s)', (id, levelId, count) => {
  const f = fw(id);
  const level = defaultProgramRequirements(f).find((l) => l.levelId === levelId)!;
  expect(level.required).toHaveLength(count);
  // computeProgress applies the same rule to a record with no program chosen.
  const record = {
    schemaVersion: 1 as const,
    apprentice: {
      ...{ id: 'a', name: 'Ada', email: 'ada@example.com', startDate: START, frameworkId: id, levelId },
      coachEmails: ['coach@example.com'],
    },
  };
  const p = computeProgress(f, record, '2026-03-01').levels.find((l) => l.levelId === levelId)!;
  expect(p.items.required).toBe(count);
});

test('every shipped level is listed above', () => {
  const listed = DOCUMENT_MARKS.map(([id, level]) => `${id} ${level}`);
  const shipped = ['nitas-help-desk', 'it-generalist-competencies', 'it-generalist-wps', 'it-support-wps'].flatMap(
    (id) => fw(id).levels.map((l) => `${id} ${l.id}`),
  );
  expect(listed).toEqual([
    ...shipped,
    ...fw('customer-technical-support').levels.map((l) => `customer-technical-support ${l.id}`),
  ]);
});

test('the items the documents mark but version 1.0.0 dropped by default are required again', () => {
  const req = (id: string) => defaultProgramRequirements(fw(id))[0]!.required;
  expect(req('it-generalist-competencies')).toEqual(expect.arrayContaining(['5c', '6e']));
  expect(req('it-generalist-wps')).toContain('JF5.3');
});

describe('a sponsor program leaving out an optional job function drops exactly its core items', () => {
  test.each([
    ['it-generalist-competencies', 'JF5', ['5c']],
    ['it-generalist-competencies', 'JF6', ['6e']],
    ['it-generalist-competencies', 'JF3', []],
    ['it-generalist-wps', 'JF5', ['JF5.3']],
    ['nitas-help-desk', 'WP', []],
  ])('%s without %s drops %j', (id, left, dropped) => {
    const f = fw(id);
    const rest = f.program.optionalWorkFunctionsDefault.filter((w) => w !== left);
    expect(rest).toHaveLength(f.program.optionalWorkFunctionsDefault.length - 1);
    const before = defaultProgramRequirements(f);
    const after = defaultProgramRequirements(f, { optionalWorkFunctionIds: rest });
    before.forEach((level, k) => {
      const gone = level.required.filter((i) => !after[k]!.required.includes(i));
      expect(gone).toEqual(dropped.filter((i) => level.required.includes(i)));
      expect(after[k]!.required).toEqual(level.required.filter((i) => !dropped.includes(i)));
    });
  });
});
