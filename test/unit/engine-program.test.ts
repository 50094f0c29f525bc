// The optional-work-function rule on each shipped framework: the default program runs every work function the
// document describes; a program (or one apprentice's plan) may leave optional ones out, and only then are the core
// items inside them not required.
import {
  type ApprenticeRecordInput,
  computeProgress,
  Framework,
  getFramework,
  type ProgramChoice,
  RecordMismatchError,
  workFunctionsRun,
} from '../../shared/src';
import { COACH, confirmed, START } from '../fixtures/engine';

const AS_OF = '2026-03-01';
const fw = (id: string): Framework => getFramework(id)!;
const sign = (itemId: string) => ({ itemId, date: '2026-02-01', coachEmail: COACH, confirmation: confirmed() });

function recordOn(f: Framework, itemIds: string[], plan?: string[], levelId = 'L1'): ApprenticeRecordInput {
  return {
    schemaVersion: 1,
    apprentice: {
      id: 'app-1',
      name: 'Ada Apprentice',
      email: 'ada@example.com',
      startDate: START,
      frameworkId: f.id,
      levelId,
      coachEmails: [COACH],
      ...(plan ? { optionalWorkFunctionIds: plan } : {}),
    },
    signOffs: itemIds.map(sign),
  };
}

/** Core items of the work functions not marked optional: what every program requires. */
const alwaysCore = (f: Framework, levelId = 'L1'): string[] =>
  f.workFunctions
    .filter((wf) => wf.core !== 'optional')
    .flatMap((wf) => wf.items.filter((i) => i.core === 'core' && i.levels.includes(levelId)).map((i) => i.id));
const missing = (p: ReturnType<typeof computeProgress>): string[] =>
  p.gaps.flatMap((g) => (g.code === 'items.missing' && g.pointer.kind === 'item' ? [g.pointer.itemId] : []));
const program = (...ids: string[]): ProgramChoice => ({ optionalWorkFunctionIds: ids });

describe('IT Generalist competencies', () => {
  const f = fw('it-generalist-competencies');

  test('the default runs every job function: Level 1 requires the 22 Required, 5c and 6e included', () => {
    expect(f.program.optionalWorkFunctionsDefault).toEqual(['JF3', 'JF5', 'JF6']);
    expect([...workFunctionsRun(f, {})]).toEqual(['JF1', 'JF2', 'JF3', 'JF4', 'JF5', 'JF6', 'JF7']);
    const p = computeProgress(f, recordOn(f, alwaysCore(f)), AS_OF);
    expect(p.levels[0]).toMatchObject({ complete: false, items: { required: 22, done: 20 } });
    expect(missing(p)).toEqual(['5c', '6e']);
    const done = computeProgress(f, recordOn(f, [...alwaysCore(f), '5c', '6e']), AS_OF);
    expect(done.levels[0]).toMatchObject({ complete: true, percent: 100, items: { required: 22, done: 22 } });
  });

  test('5c is not required only when the program leaves Job Function 5 out', () => {
    const p = computeProgress(f, recordOn(f, [...alwaysCore(f), '6e']), AS_OF, program('JF3', 'JF6'));
    expect(p.levels[0]).toMatchObject({ complete: true, items: { required: 21, done: 21 } });
    const withJf5 = computeProgress(f, recordOn(f, [...alwaysCore(f), '6e']), AS_OF, program('JF5', 'JF6'));
    expect(missing(withJf5)).toEqual(['5c']);
  });

  test('6e is read by its literal Required column (its row lacks a cell), noted with its line', () => {
    expect(f.workFunctions.find((wf) => wf.id === 'JF6')!.items.map((i) => i.core)).toEqual([
      ...Array(4).fill('optional'),
      'core',
    ]);
    expect(f.notes.some((n) => n.startsWith('Competency 6e: its row (line 305)') && /recorded as core/.test(n))).toBe(
      true,
    );
    expect(missing(computeProgress(f, recordOn(f, alwaysCore(f)), AS_OF, program('JF6')))).toContain('6e');
    expect(missing(computeProgress(f, recordOn(f, alwaysCore(f)), AS_OF, program('JF5')))).not.toContain('6e');
  });

  test('a signed core item of a job function not run counts as an optional item signed', () => {
    const p = computeProgress(f, recordOn(f, [...alwaysCore(f), '5c', '6a']), AS_OF, program('JF3'));
    expect(p.levels[0]!.items).toEqual({ required: 20, done: 20, optionalSigned: 2 });
  });

  test("an apprentice's plan overrides the program, which overrides the default", () => {
    const both = computeProgress(f, recordOn(f, alwaysCore(f), []), AS_OF, program('JF5'));
    expect(missing(both)).toEqual([]);
    const planOnly = computeProgress(f, recordOn(f, alwaysCore(f), ['JF5']), AS_OF, program('JF6'));
    expect(missing(planOnly)).toEqual(['5c']);
  });

  test('an id that is not an optional work function is refused, naming the field', () => {
    const bad = (run: () => unknown, field: string) => {
      expect(run).toThrow(RecordMismatchError);
      try {
        run();
      } catch (e) {
        expect((e as RecordMismatchError).field).toBe(field);
        expect((e as Error).message).toContain('optional: JF3, JF5, JF6');
      }
    };
    bad(() => computeProgress(f, recordOn(f, [], ['JF5', 'JF1']), AS_OF), 'apprentice.optionalWorkFunctionIds.1');
    bad(() => computeProgress(f, recordOn(f, []), AS_OF, program('JF8')), 'program.optionalWorkFunctionIds.0');
  });

  test('a framework default that is not an optional work function is refused, naming the field', () => {
    const input = JSON.parse(JSON.stringify(f));
    input.program.optionalWorkFunctionsDefault = ['JF5', 'JF4'];
    const r = Framework.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['program.optionalWorkFunctionsDefault.1']);
  });
});

describe('IT Generalist work process schedule', () => {
  const f = fw('it-generalist-wps');

  test('the default runs Job Function 5, so JF5.3 is required; a plan leaving JF5 out completes without it', () => {
    expect(f.program.optionalWorkFunctionsDefault).toEqual(['JF3', 'JF5', 'JF6']);
    const core = alwaysCore(f);
    expect(missing(computeProgress(f, recordOn(f, core), AS_OF))).toEqual(['JF5.3']);
    const withJf5 = computeProgress(f, recordOn(f, core), AS_OF, program('JF5'));
    expect(missing(withJf5)).toEqual(['JF5.3']);
    expect(computeProgress(f, recordOn(f, core, ['JF3', 'JF6']), AS_OF).levels[0]!.complete).toBe(true);
  });
});

describe('NITAS Help Desk', () => {
  const f = fw('nitas-help-desk');

  test('the optional work practices are never required; signed ones count as optional either way', () => {
    expect(f.program.optionalWorkFunctionsDefault).toEqual(['WP']);
    expect(workFunctionsRun(f, {}).has('WP')).toBe(true);
    expect(workFunctionsRun(f, {}, program()).has('WP')).toBe(false);
    for (const choice of [undefined, program('WP'), program()]) {
      const p = computeProgress(f, recordOn(f, ['HD1.0.1']), AS_OF, choice);
      expect(p.levels[0]!.items).toMatchObject({ required: f.levels[0]!.requirements.statedItemCount, done: 0 });
      expect(p.levels[0]!.items.optionalSigned).toBe(1);
      expect(missing(p)).not.toContain('HD1.0.1');
    }
    expect(() => computeProgress(f, recordOn(f, [], ['CWF1']), AS_OF)).toThrow(/apprentice.optionalWorkFunctionIds.0/);
  });
});

describe.each(['customer-technical-support', 'it-support-wps'])('%s (no optional work function)', (id) => {
  const f = fw(id);

  test('every work function is run and every core item required; no id can be chosen', () => {
    expect(f.program.optionalWorkFunctionsDefault).toEqual([]);
    expect([...workFunctionsRun(f, {})]).toEqual(f.workFunctions.map((wf) => wf.id));
    const level = f.levels[0]!.id;
    const p = computeProgress(f, recordOn(f, [], undefined, level), AS_OF);
    expect(p.levels[0]!.items.required).toBe(alwaysCore(f, level).length);
    expect(() => computeProgress(f, recordOn(f, [], [f.workFunctions[0]!.id], level), AS_OF)).toThrow(
      /"[^"]+" is not an optional work function .*optional: none/,
    );
  });
});
