// Golden facts for the IT Generalist competency framework (001), the two work process schedules (002, 003)
// and CTS (004). Facts are checked on the committed JSON; when ../shared/seeds exists the parsers re-import
// each document and must reproduce the committed JSON exactly (and in CI they must: test/fixtures/seeds.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Framework, type Item } from '../../shared/src/model/framework';
import { levelIdFromTitle, parseCustomerTechnicalSupport } from '../../tools/seeds/cts';
import { parseItGeneralistCompetencies } from '../../tools/seeds/it-generalist-competencies';
import { parseItGeneralistWps } from '../../tools/seeds/it-generalist-wps';
import { parseItSupportWps } from '../../tools/seeds/it-support-wps';
import { readSource, type SourceDoc } from '../../tools/seeds/source';
import { seedDocuments } from '../fixtures/seeds';

const FRAMEWORKS_DIR = resolve(__dirname, '../../shared/frameworks');

const SEEDS = [
  { id: 'it-generalist-competencies', file: '001_ca4bd3392b221157.txt', parse: parseItGeneralistCompetencies },
  { id: 'it-generalist-wps', file: '002_3b0a550f14944da8.txt', parse: parseItGeneralistWps },
  { id: 'it-support-wps', file: '003_e06eb379beaa372a.txt', parse: parseItSupportWps },
  { id: 'customer-technical-support', file: '004_ccd6c869a5f09f89.txt', parse: parseCustomerTechnicalSupport },
] as const;

function committedText(id: string): string {
  return readFileSync(join(FRAMEWORKS_DIR, `${id}.json`), 'utf8');
}
function committed(id: string): Framework {
  return Framework.parse(JSON.parse(committedText(id)));
}
function items(fw: Framework): Item[] {
  return fw.workFunctions.flatMap((wf) => wf.items);
}
function item(fw: Framework, id: string): Item {
  const found = items(fw).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id} in ${fw.id}`);
  return found;
}
function doc(file: string, lines: string[]): SourceDoc {
  return { document: file, lines };
}

describe('committed framework JSON', () => {
  it.each(SEEDS.map((s) => s.id))('%s validates against the Framework schema', (id) => {
    const result = Framework.safeParse(JSON.parse(committedText(id)));
    expect(result.success).toBe(true);
    // Issue 20: the IT Generalist frameworks' default requirements changed, so they ship as 2.0.0.
    const versions: Record<string, string> = { 'it-generalist-competencies': '2.0.0', 'it-generalist-wps': '2.0.0' };
    expect(committed(id).version).toBe(versions[id] ?? '1.0.0');
  });

  it.each(SEEDS.map((s) => [s.id, s.file] as const))('%s: every item and slot cites lines of %s', (id, file) => {
    const fw = committed(id);
    for (const i of items(fw)) {
      expect(i.source?.document).toBe(file);
      const [start, end] = i.source?.lines ?? [0, 0];
      expect(start).toBeGreaterThan(0);
      expect(end).toBeGreaterThanOrEqual(start);
    }
    for (const s of fw.slots) expect(s.source?.document).toBe(file);
  });

  it.each(SEEDS.map((s) => s.id))('%s: no layout noise in any text', (id) => {
    const fw = committed(id);
    const texts = [
      fw.title,
      ...fw.levels.flatMap((l) => [l.title, l.description ?? '']),
      ...fw.workFunctions.flatMap((wf) => [
        wf.title,
        wf.relatedInstruction?.scope ?? '',
        ...(wf.relatedInstruction
          ? [...wf.relatedInstruction.skills, ...wf.relatedInstruction.knowledge, ...wf.relatedInstruction.tools]
          : []),
      ]),
      ...items(fw).flatMap((i) => Object.values(i.texts)),
      ...fw.crossCuttingCompetencies.map((c) => c.name),
      ...fw.notes,
    ];
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      expect(text).not.toMatch(/\t/);
      expect(text).not.toMatch(/ {2,}/);
      expect(text).not.toMatch(/Performance Standards/);
      expect(text).not.toMatch(/\[illegible\]/);
      expect(text).toBe(text.trim());
    }
  });
});

describe('IT Generalist competency framework (001)', () => {
  const fw = committed('it-generalist-competencies');

  it('has Job Functions 1-7 with exactly competencies 1a-1d, 2a-2d, 3a-3f, 4a-4h, 5a-5e, 6a-6e, 7a-7d', () => {
    const expected: Record<string, string> = {
      JF1: 'abcd',
      JF2: 'abcd',
      JF3: 'abcdef',
      JF4: 'abcdefgh',
      JF5: 'abcde',
      JF6: 'abcde',
      JF7: 'abcd',
    };
    expect(fw.workFunctions.map((wf) => wf.id)).toEqual(Object.keys(expected));
    for (const wf of fw.workFunctions) {
      const n = wf.id.slice(2);
      expect(wf.items.map((i) => i.id)).toEqual([...(expected[wf.id] ?? '')].map((letter) => `${n}${letter}`));
    }
    expect(items(fw)).toHaveLength(36);
  });

  it('keeps each competency level and Required/Optional as the document marks them', () => {
    const spot: [string, 'Basic' | 'Intermediate' | undefined, 'core' | 'optional'][] = [
      ['1a', 'Basic', 'core'],
      ['2b', 'Intermediate', 'core'],
      ['3a', undefined, 'optional'],
      ['3f', undefined, 'optional'],
      ['4a', 'Intermediate', 'core'],
      ['4b', 'Basic', 'core'],
      ['5a', 'Intermediate', 'optional'],
      ['5c', 'Basic', 'core'],
      ['5e', 'Intermediate', 'optional'],
      ['6a', 'Basic', 'optional'],
      ['6b', 'Intermediate', 'optional'],
      ['6e', 'Basic', 'core'], // its row lacks a cell; the X counted from the row's start is under Required
      ['7d', 'Intermediate', 'core'],
    ];
    for (const [id, proficiency, core] of spot) {
      expect([id, item(fw, id).proficiency, item(fw, id).core]).toEqual([id, proficiency, core]);
    }
    expect(item(fw, '2b').texts.statement).toBe(
      'Uses logic to discover source of faults and recommends appropriate solutions',
    );
  });

  it('records 4f-4h by their X in the Required column (not their "Optional" prefix) and notes the conflict', () => {
    for (const id of ['4f', '4g', '4h']) {
      expect(item(fw, id).core).toBe('core');
      expect(
        fw.notes.some(
          (n) => n.startsWith(`Competency ${id}:`) && /prefix says "Optional"/.test(n) && /Required column/.test(n),
        ),
      ).toBe(true);
    }
    expect(fw.notes.filter((n) => /prefix says/.test(n))).toHaveLength(3);
  });

  it('marks job functions core/optional (3, 5, 6 optional) with the overview proficiency', () => {
    expect(fw.workFunctions.map((wf) => [wf.id, wf.core, wf.proficiency])).toEqual([
      ['JF1', 'core', 'Basic'],
      ['JF2', 'core', 'Basic'],
      ['JF3', 'optional', undefined],
      ['JF4', 'core', 'Basic'],
      ['JF5', 'optional', 'Intermediate'],
      ['JF6', 'optional', undefined],
      ['JF7', 'core', undefined],
    ]);
  });

  it('has related instruction with scope, skills, knowledge and tools', () => {
    const jf4 = fw.workFunctions.find((wf) => wf.id === 'JF4');
    expect(jf4?.relatedInstruction?.scope).toMatch(/^Sets up, maintains and troubleshoots networks/);
    expect(jf4?.relatedInstruction?.skills).toContain('Problem solving and logic');
    expect(jf4?.relatedInstruction?.knowledge).toContain('Network security protocols');
    expect(jf4?.relatedInstruction?.tools).toEqual([
      'Routers',
      'Cables',
      'Network security software such as antiviral software, firewalls, etc.',
    ]);
    expect(fw.workFunctions.find((wf) => wf.id === 'JF5')?.relatedInstruction?.tools).toEqual([]);
  });

  it('represents Job Functions 8-10 as sponsor slots, not items', () => {
    expect(fw.slots.map((s) => [s.id, s.kind, s.core, s.itemSlotIds])).toEqual([
      ['JF8', 'work-function', 'sponsor-decides', ['8a', '8b', '8c', '8d', '8e']],
      ['JF9', 'work-function', 'sponsor-decides', ['9a', '9b', '9c', '9d', '9e']],
      ['JF10', 'work-function', 'sponsor-decides', ['10a', '10b', '10c', '10d', '10e']],
    ]);
    expect(items(fw).some((i) => /^(8|9|10)[a-z]$/.test(i.id))).toBe(false);
  });

  it('has occupation codes, program type and duration, one level with no hours', () => {
    expect(fw.occupation.onetCodes).toEqual(['15-1151.00']);
    expect(fw.occupation.rapidsCodes).toEqual(['1059']);
    expect(fw.occupation.jobTitles).toContain('Help Desk Specialist');
    expect(fw.program.type).toBe('competency-based');
    expect(fw.program.durationMonths).toEqual({ minimum: 12, expected: 18, maximum: 24 });
    expect(fw.program.certificationNote).toMatch(/employers determine which certifications/);
    expect(fw.levels.map((l) => l.id)).toEqual(['L1']);
    expect(fw.levels[0]?.requirements.hours).toEqual([]);
    expect(fw.notes.some((n) => /no hour figures/.test(n))).toBe(true);
  });

  it('rates the cross-cutting competencies 0-8 from the X column', () => {
    expect(fw.crossCuttingCompetencies).toHaveLength(26);
    const rating = (name: string) => fw.crossCuttingCompetencies.find((c) => c.name === name);
    expect(rating('Interpersonal Skills')).toMatchObject({ group: 'Personal Effectiveness', relevance: 2 });
    expect(rating('Initiative')).toMatchObject({ relevance: 1 });
    expect(rating('Dependability & Reliability')).toMatchObject({ relevance: 3 });
    expect(rating('Writing')).toMatchObject({ group: 'Academic', relevance: 1 });
    expect(rating('Health & Safety')).toMatchObject({ group: 'Workplace', relevance: 1 });
  });
});

describe('IT Generalist work process schedule (002)', () => {
  const fw = committed('it-generalist-wps');

  it('has Job Functions 1-7 with their tasks in document order', () => {
    expect(fw.workFunctions.map((wf) => [wf.id, wf.core, wf.items.length])).toEqual([
      ['JF1', 'core', 9],
      ['JF2', 'core', 6],
      ['JF3', 'optional', 6],
      ['JF4', 'core', 8],
      ['JF5', 'optional', 5],
      ['JF6', 'optional', 5],
      ['JF7', 'core', 7],
    ]);
    expect(item(fw, 'JF1.5').texts.statement).toBe('Installs printers on networks or individual devices');
  });

  it('keeps Core / Optional per task', () => {
    expect(item(fw, 'JF4.6').core).toBe('core');
    expect(item(fw, 'JF5.3')).toMatchObject({
      core: 'core',
      texts: { statement: expect.stringMatching(/^Inserts or loads organizational templates/) },
    });
    for (const id of ['JF5.1', 'JF5.2', 'JF5.4', 'JF5.5', 'JF3.1', 'JF6.5']) expect(item(fw, id).core).toBe('optional');
    expect(item(fw, 'JF7.7').core).toBe('core');
    expect(items(fw).filter((i) => i.core === 'optional')).toHaveLength(15);
  });

  it('notes the empty hour columns and program data', () => {
    expect(fw.levels[0]?.requirements.hours).toEqual([]);
    expect(fw.notes.some((n) => /OJT and RI hour columns are empty/.test(n))).toBe(true);
    expect(fw.program.durationMonths).toEqual({ minimum: 12, expected: 18, maximum: 24 });
    expect(fw.occupation.onetCodes).toEqual(['15-1151']);
  });
});

describe('IT support work process schedule (003)', () => {
  const fw = committed('it-support-wps');

  it('has 10 job functions with the skill counts counted by hand from the document', () => {
    // Counted by hand: JF1 8 (the document's own count cell agrees), ..., JF10 7 (agrees too).
    expect(fw.workFunctions.map((wf) => [wf.id, wf.items.length])).toEqual([
      ['JF1', 8],
      ['JF2', 11],
      ['JF3', 14],
      ['JF4', 13],
      ['JF5', 10],
      ['JF6', 4],
      ['JF7', 5],
      ['JF8', 6],
      ['JF9', 8],
      ['JF10', 7],
    ]);
    expect(fw.workFunctions[9]?.title).toBe('IT project management');
  });

  it('turns no count or totals debris into items and records all skills as core', () => {
    for (const i of items(fw)) {
      expect(i.texts.statement).not.toMatch(/^\d+$|^Totals$|^SKILLS$/);
      expect(i.core).toBe('core');
    }
    expect(item(fw, 'JF10.7').texts.statement).toBe('Demonstrates understanding of best practices in compliance');
    expect(fw.notes.some((n) => /not mark skills Core or Optional/.test(n))).toBe(true);
  });
});

describe('Customer Technical Support (004)', () => {
  const fw = committed('customer-technical-support');
  const byText = (start: string) => {
    const found = items(fw).find((i) => i.texts.statement?.startsWith(start));
    if (!found) throw new Error(`no statement starting ${start}`);
    return found;
  };

  it('has the four classes as levels with their narratives', () => {
    expect(fw.levels.map((l) => [l.id, l.title])).toEqual([
      ['AITS', 'Assistant Information Technology Specialist'],
      ['ITS1', 'Information Technology Specialist I'],
      ['ITS2', 'Information Technology Specialist II'],
      ['ITS3', 'Information Technology Specialist III'],
    ]);
    expect(fw.levels[0]?.description).toMatch(/provide first-level response to diagnose and resolve/);
    expect(fw.levels[3]?.description).toMatch(/^The Information Technology Specialist III, Range A is the top level/);
    expect(fw.notes.some((n) => /RANGE A/.test(n))).toBe(true);
  });

  it('keeps which classes each statement applies to', () => {
    expect(fw.workFunctions.map((wf) => [wf.id, wf.title, wf.items.length])).toEqual([
      ['K', 'Knowledge of', 16],
      ['A', 'Ability to', 27],
    ]);
    expect(byText('New and innovative customer support methods and techniques').levels).toEqual([
      'ITS1',
      'ITS2',
      'ITS3',
    ]);
    expect(byText('Advanced information technology problem management methods and practices').levels).toEqual(['ITS3']);
    expect(byText('Customer service and customer support principles').levels).toEqual(['AITS', 'ITS1', 'ITS2', 'ITS3']);
    expect(byText('Develop new methods, approaches and procedures').levels).toEqual(['ITS2', 'ITS3']);
    expect(fw.levels.map((l) => items(fw).filter((i) => i.levels.includes(l.id)).length)).toEqual([14, 29, 37, 43]);
  });

  it('joins the wrapped infrastructure-design statement', () => {
    const infra = byText('Infrastructure design');
    expect(infra.texts.statement).toMatch(
      /^Infrastructure design-Advanced knowledge of the architecture and topology of software/,
    );
    expect(infra.levels).toEqual(['ITS2', 'ITS3']);
    expect(infra.source?.lines).toEqual([24, 26]);
  });

  it('derives level ids from class titles', () => {
    expect(levelIdFromTitle('Assistant Information Technology Specialist')).toBe('AITS');
    expect(levelIdFromTitle('Information Technology Specialist III')).toBe('ITS3');
  });
});

describe('parsers reject malformed documents with the line', () => {
  it('CTS: a level cell other than X', () => {
    const lines = [
      'CTS\tLevel One\tLevel Two',
      'Knowledge of:\t\t',
      'Something\tX\tY',
      'Level One, (CTS)',
      'Narrative.',
      'Level Two, (CTS)',
      'Narrative.',
    ];
    expect(() => parseCustomerTechnicalSupport(doc('bad.txt', lines))).toThrow(
      /bad\.txt line 3: level columns must be X or empty/,
    );
  });

  it('CTS: a statement with no level marked that is not a continuation', () => {
    const lines = [
      'CTS\tLevel One\tLevel Two',
      'Knowledge of:\t\t',
      'Something\tX\t',
      'Another thing\t\t',
      'Level One, (CTS)',
      'N.',
      'Level Two, (CTS)',
      'N.',
    ];
    expect(() => parseCustomerTechnicalSupport(doc('bad.txt', lines))).toThrow(
      /line 4: statement "Another thing" has no level marked/,
    );
  });

  it('IT support WPS: a count cell that disagrees with the listed skills', () => {
    const lines = [
      '\tWork Process Schedule',
      '\tJob Function 1: Communicates',
      'Skill one',
      'Skill two',
      '\t3',
      '\tTotals',
      '\tSKILLS',
      ' 0',
    ];
    expect(() => parseItSupportWps(doc('bad.txt', lines))).toThrow(
      /line 5: stated skill count 3 but Job Function 1 lists 2 skills/,
    );
  });

  it('IT Generalist WPS: a Core/Optional cell with another value', () => {
    const lines = [
      'WORK PROCESS SCHEDULE Occupation\t\tONET Code 1',
      'Apprenticeship Type: Competency Based',
      'Minimum Time Requirements: from 12 to 24 months',
      'JOB FUNCTION\tCore/ Optional\tOJT\tRI',
      'JOB FUNCTION 1: Does things\tCore\t\t',
      'A task\tMaybe\t\t',
    ];
    expect(() => parseItGeneralistWps(doc('bad.txt', lines))).toThrow(
      /bad\.txt line 6: expected Core or Optional, found "Maybe"/,
    );
  });
});

const seeds = seedDocuments(SEEDS.map((s) => s.file));
describe('re-import from ../shared/seeds', () => {
  for (const seed of SEEDS)
    seeds.test(`${seed.id}: a fresh parse equals the committed JSON`, () => {
      const fresh = Framework.parse(seed.parse(readSource(seeds.path(seed.file))));
      expect(`${JSON.stringify(fresh, null, 2)}\n`).toBe(committedText(seed.id));
    });

  for (const seed of SEEDS)
    seeds.test(`${seed.id}: each item statement starts on its cited source line`, () => {
      const source = readSource(seeds.path(seed.file));
      for (const i of items(committed(seed.id))) {
        const [start] = i.source?.lines ?? [0];
        const line = (source.lines[start - 1] ?? '').replace(/\s+/g, ' ');
        expect([i.id, line.includes((i.texts.statement ?? '').slice(0, 30))]).toEqual([i.id, true]);
      }
    });
});
