// Issue 20: the standard a coach signs against is on every card. The NITAS qual cards state one per level (seed 000
// lines 275, 937, 1731); the other four documents state none. The qual card header quotes it, and the add-on's coach
// section lists it above Confirm my ticks and sign-off. (The transcript's Summary column: transcript.test.ts.)

import { coachStandards } from '../../addon/sidebar/standards';
import * as entry from '../../addon/src/main';
import { type FakeAppsScript, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { rosterRow } from '../../addon/test-support/fixtures';
import { setUpProgram } from '../../addon/test-support/program';
import { getFramework, shippedFrameworks } from '../../shared/src';
import { type Cell, planApprentice } from '../../shared/src/sheets';

const L3 =
  'The Level 3 standard requires you to independently perform the job functions at the stated level of performance.';
const metaStandard = (grid: Cell[][]) => grid.find((r) => r[0] === 'meta:standard');

test('only the NITAS levels carry a standard, each quoted with its source line', () => {
  const stated = shippedFrameworks().flatMap((f) =>
    f.levels.filter((l) => l.signOffStandard).map((l) => [f.id, l.id, l.signOffStandard!.source.lines]),
  );
  expect(stated).toEqual([
    ['nitas-help-desk', 'L1', [275, 275]],
    ['nitas-help-desk', 'L2', [937, 937]],
    ['nitas-help-desk', 'L3', [1731, 1731]],
  ]);
  expect(getFramework('nitas-help-desk')!.levels[2]!.signOffStandard!.text).toBe(L3);
});

test('the qual card header quotes the standard of each level in scope; a framework without one has no such row', () => {
  const nitas = getFramework('nitas-help-desk')!;
  const card = planApprentice(nitas, rosterRow({ frameworkId: nitas.id, levelId: 'L3' })).qualCard.cells;
  const row = metaStandard(card)!;
  expect(row[1]).toBe('Sign-off standard');
  const lines = String(row[2]).split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[2]).toBe(`Level 3 - Journeyworker: "${L3}" (000_53687bffe476f5c1.txt, line 1731)`);
  expect(lines[0]).toMatch(
    /^Level 1 - Entry: "The standard .* with some help from your supervisor or coach\." \(.*line 275\)$/,
  );
  const l1 = planApprentice(nitas, rosterRow({ frameworkId: nitas.id, levelId: 'L1' })).qualCard.cells;
  expect(String(metaStandard(l1)![2]).split('\n')).toHaveLength(1);
  const it = getFramework('it-generalist-competencies')!;
  expect(metaStandard(planApprentice(it, rosterRow({ frameworkId: it.id })).qualCard.cells)).toBeUndefined();
});

describe("the add-on's coach section", () => {
  let fake: FakeAppsScript;
  beforeEach(() => {
    fake = installFakeAppsScript();
  });
  afterEach(() => fake.uninstall());

  test('lists every program level with its standard, or says the document states none', () => {
    setUpProgram(fake, { frameworkIds: ['nitas-help-desk', 'it-support-wps'] });
    const text = coachStandards(entry.getState());
    expect(text).toHaveLength(4);
    expect(text[2]).toBe(
      `NITAS Help Desk Concentration, Level 3 - Journeyworker: "${L3}" (000_53687bffe476f5c1.txt, line 1731)`,
    );
    expect(text[3]).toMatch(
      /^IT Support Work Process Schedule, .*: the document states no sign-off standard; apply your program's$/,
    );
  });
});

test('NITAS: Level 2 description is whole (line 137) and the certification note points at line 208', () => {
  const nitas = getFramework('nitas-help-desk')!;
  expect(nitas.levels[1]!.description).toBe(
    'Completion of level 2 signifies that the IT worker is at a full working level and is competent to perform tasks of greater complexity and with slightly reduced levels of direct supervision. Completion of level 2 also indicates that the worker has mastery of basic communications and other soft skills required in an IT environment.',
  );
  expect(nitas.program.certificationNote).toMatch(/NITAS Certification titled/);
  expect(nitas.program.certificationNoteSource).toEqual({ document: '000_53687bffe476f5c1.txt', lines: [208, 208] });
  // The program's own source stays the line that calls the levels cumulative.
  expect(nitas.program.source!.lines).toEqual([139, 139]);
});
