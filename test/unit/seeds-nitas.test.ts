// Golden facts for the NITAS Help Desk framework. They read the committed JSON, so they run without the seeds;
// the tests that need the source document (re-import, line references, OCR noise) run when ../shared/seeds exists,
// and fail when it does not in CI (test/fixtures/seeds.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Framework } from '../../shared/src/model/framework';
import { parseNitasHelpDesk } from '../../tools/seeds/nitas';
import { clean, readSource, type SourceDoc } from '../../tools/seeds/source';
import { seedDocuments } from '../fixtures/seeds';

const seeds = seedDocuments(['000_53687bffe476f5c1.txt']);
const SEED = seeds.path('000_53687bffe476f5c1.txt');
const JSON_PATH = resolve(__dirname, '../../shared/frameworks/nitas-help-desk.json');
const committed: unknown = JSON.parse(readFileSync(JSON_PATH, 'utf8'));
const fw = Framework.parse(committed);
const withSeeds = seeds.test;

const LEVELS = ['L1', 'L2', 'L3'] as const;
const items = fw.workFunctions.flatMap((wf) => wf.items.map((item) => ({ ...item, wf: wf.id })));
const level = (id: string) => {
  const l = fw.levels.find((x) => x.id === id);
  if (!l) throw new Error(`no level ${id}`);
  return l;
};
const hoursOf = (id: string, category: string) => level(id).requirements.hours.filter((h) => h.category === category);
const allTexts = items.flatMap((i) => Object.values(i.texts));

describe('NITAS Help Desk framework (committed JSON)', () => {
  it('validates against the Framework schema with its id, version and three levels', () => {
    expect(Framework.safeParse(committed).success).toBe(true);
    expect(fw.id).toBe('nitas-help-desk');
    expect(fw.version).toBe('1.1.0');
    expect(fw.levels.map((l) => [l.id, l.title])).toEqual([
      ['L1', 'Level 1 - Entry'],
      ['L2', 'Level 2 - Full Working'],
      ['L3', 'Level 3 - Journeyworker'],
    ]);
  });

  it('has 28 / 35 / 22 core items at Levels 1 / 2 / 3, all in CWF1-CWF5', () => {
    const core = items.filter((i) => i.core === 'core');
    expect(LEVELS.map((l) => core.filter((i) => i.levels.includes(l)).length)).toEqual([28, 35, 22]);
    expect(new Set(core.map((i) => i.wf))).toEqual(new Set(['CWF1', 'CWF2', 'CWF3', 'CWF4', 'CWF5']));
    expect(fw.workFunctions.map((wf) => wf.id)).toEqual(['CWF1', 'CWF2', 'CWF3', 'CWF4', 'CWF5', 'WP']);
    expect(fw.workFunctions[0]!.title).toBe('Take user calls and manage trouble tickets');
    // Every core item id encodes its level and work function: HD<level>.<cwf>.<n>.
    for (const i of core) expect(i.id).toMatch(new RegExp(`^HD${i.levels[0]!.slice(1)}\\.${i.wf.slice(3)}\\.\\d+$`));
  });

  it('has 4 / 4 / 3 optional work-practice items and slots, Level 3 ones being blank sponsor slots', () => {
    const wp = items.filter((i) => i.wf === 'WP');
    expect(wp.every((i) => i.core === 'optional')).toBe(true);
    expect(LEVELS.map((l) => wp.filter((i) => i.levels.includes(l)).length)).toEqual([4, 4, 0]);
    expect(wp.map((i) => i.id)).toEqual([
      'HD1.0.1',
      'HD1.0.2',
      'HD1.0.3',
      'HD1.0.4',
      'HD2.0.1',
      'HD2.0.2',
      'HD2.0.3',
      'HD2.0.4',
    ]);
    expect(fw.slots.map((s) => [s.id, s.kind, s.levels, s.workFunctionId, s.core])).toEqual(
      ['HD3.0.1', 'HD3.0.2', 'HD3.0.3'].map((id) => [id, 'item', ['L3'], 'WP', 'optional']),
    );
    const perLevel = LEVELS.map(
      (l) => wp.filter((i) => i.levels.includes(l)).length + fw.slots.filter((s) => s.levels.includes(l)).length,
    );
    expect(perLevel).toEqual([4, 4, 3]);
  });

  it("keeps Table 1's classroom hours 242 / 248 / 216 and OJL hours 1400 / 1400 / 1200", () => {
    expect(LEVELS.map((l) => hoursOf(l, 'related-instruction').map((h) => h.hours))).toEqual([[242], [248], [216]]);
    expect(LEVELS.map((l) => hoursOf(l, 'on-the-job-learning').map((h) => h.hours))).toEqual([[1400], [1400], [1200]]);
    expect(LEVELS.map((l) => hoursOf(l, 'on-the-job-learning')[0]!.note)).toEqual([
      undefined,
      'in Help Desk',
      'in Help Desk',
    ]);
  });

  it('requires 2,000 hours of work experience at every level', () => {
    expect(LEVELS.map((l) => hoursOf(l, 'work-experience').map((h) => h.hours))).toEqual([[2000], [2000], [2000]]);
  });

  it('lists the certifications of each level', () => {
    expect(LEVELS.map((l) => level(l).requirements.certifications.map((c) => c.id))).toEqual([
      ['comptia-a-plus', 'customer-support-specialist'],
      ['help-desk-analyst', 'network-plus'],
      ['help-desk-manager', 'windows-xp-server-mcp'],
    ]);
    expect(level('L1').requirements.certifications[0]!.title).toBe(
      'Computer Technology Industry Association (CompTIA) A+',
    );
    expect(level('L3').requirements.certifications[1]!.title).toBe('Windows XP (server) MCP');
  });

  it('requires all course exams at every level', () => {
    for (const l of LEVELS) {
      expect(level(l).requirements.exams.map((e) => [e.id, e.title])).toEqual([
        [`${l}-all-required-course-exams`, 'All required course exams'],
      ]);
    }
  });

  it("states an item count per level equal to that level's core items", () => {
    for (const l of LEVELS) {
      const core = items.filter((i) => i.core === 'core' && i.levels.includes(l)).length;
      expect(level(l).requirements.statedItemCount).toBe(core);
    }
  });

  it('keeps the recommended and optional Instructor Led Training lists per level', () => {
    const count = (l: string, kind: string) => level(l).requirements.courses.filter((c) => c.kind === kind).length;
    expect(LEVELS.map((l) => [count(l, 'recommended'), count(l, 'optional')])).toEqual([
      [10, 8],
      [9, 1],
      [8, 0],
    ]);
    expect(level('L2').requirements.courses.at(-1)).toMatchObject({
      title: 'A+ and Network+ Combo Boot Camp (also level 1 ILT)',
      kind: 'optional',
    });
    expect(fw.notes).toContain(
      'The document lists no optional Instructor Led Training courses for Level 3 (heading only, line 197).',
    );
  });

  it('keeps the four texts of HD1.1.1 exactly', () => {
    expect(items.find((i) => i.id === 'HD1.1.1')!.texts).toEqual({
      competency:
        'Ability to staff and manage the organizations help desk and effectively respond to routine customer calls',
      do: "Review, learn and successfully practice organization's help desk standard procedures and practices. Participate in responding to routine customer help desk calls effectively using the organization's standard practices and procedures.",
      know: "Know the organization's standard practices and procedures for routine customer help desk calls.",
      exit: "Independently staff and successfully operate the organization's help desk and respond to routine customer calls on multiple occasions using standard procedures.",
    });
  });

  it('joins a text continued after blank lines or in a bullet list, keeping typographic quotes', () => {
    const byId = (id: string) => items.find((i) => i.id === id)!;
    expect(byId('HD1.1.3').texts.exit).toBe(
      "Effectively operate the organization's help desk system for call tracking and monitoring. Provide appropriate documentation or conduct observation session with coach.",
    );
    expect(byId('HD2.1.6').texts.do).toMatch(
      /such as: · number of personnel affected · impact on the organization · workload at the help desk · ability to provide a solution$/,
    );
    expect(byId('HD1.2.1').texts.exit).toContain('user’s questions');
  });

  it('records the cross-references the texts make, including other concentrations', () => {
    const byId = (id: string) => items.find((i) => i.id === id)!;
    expect(byId('HD1.2.1').crossReferences).toEqual(['HD1.1.1', 'HD1.2.2', 'HD1.3.4']);
    expect(byId('HD1.5.4').crossReferences).toEqual(['ND1.4.5']);
    expect(byId('HD1.1.1').crossReferences).toEqual([]);
  });

  it('lets no layout debris or OCR noise into item texts', () => {
    expect(allTexts.length).toBe(4 * items.length);
    for (const t of allTexts) {
      expect(t).not.toMatch(/\t| {2,}|^\s|\s$/);
      expect(t).not.toMatch(
        /Performance Standards|Critical Work Function|Qual Card Item Number|Certification Requirements|O\*NET|WORK PROCESS SCHEDULE|\bCWF\d/,
      );
      // Fragments of the image OCR at the top of the guide.
      expect(t).not.toMatch(/image7\.png|\[image:|Aousyaduios|pegpueiuOD|suopeNn|Aousjedwod/);
    }
  });

  it('records occupation codes, cumulative levels, and leaves the unstated program type unset with a note', () => {
    expect(fw.occupation).toEqual({
      title: 'Help Desk Technician',
      onetCodes: ['15-1041.00', '15-1061.00'],
      rapidsCodes: ['1131CB'],
      jobTitles: [],
    });
    expect(fw.notes.some((n) => n.includes('15-1041.00 (line 270)') && n.includes('15-1061.00'))).toBe(true);
    expect(fw.program.levelsCumulative).toBe(true);
    expect(fw.program.type).toBeUndefined();
    expect(fw.notes.some((n) => n.startsWith('The document states no program type'))).toBe(true);
  });

  it('gives every item, slot and requirement a source line range in the NITAS document', () => {
    const sources = [
      ...items.map((i) => i.source),
      ...fw.slots.map((s) => s.source),
      ...fw.levels.flatMap((l) =>
        [
          ...l.requirements.hours,
          ...l.requirements.exams,
          ...l.requirements.certifications,
          ...l.requirements.courses,
        ].map((r) => r.source),
      ),
    ];
    for (const s of sources) {
      expect(s?.document).toBe('000_53687bffe476f5c1.txt');
      expect(s!.lines[0]).toBeLessThanOrEqual(s!.lines[1]);
    }
  });
});

describe('NITAS Help Desk import from the source document', () => {
  const seed = (): SourceDoc => readSource(SEED);

  withSeeds('re-imports to exactly the committed JSON', () => {
    expect(JSON.parse(JSON.stringify(Framework.parse(parseNitasHelpDesk(seed()))))).toEqual(committed);
  });

  withSeeds('points each item and slot at the lines holding its id and texts', () => {
    const { lines } = seed();
    for (const i of [...items, ...fw.slots.map((s) => ({ ...s, texts: {} }))]) {
      const [from, to] = i.source!.lines;
      expect(lines[from - 1]!.trim()).toBe(i.id);
      const block = clean(lines.slice(from - 1, to).join(' '));
      for (const t of Object.values(i.texts))
        for (const piece of (t as string).split(' · ')) expect(block).toContain(piece);
    }
  });

  withSeeds('points hours, exams, certifications and courses at lines that state them', () => {
    const { lines } = seed();
    const text = (r: { source?: { lines: [number, number] } }) =>
      clean(lines.slice(r.source!.lines[0] - 1, r.source!.lines[1]).join(' '));
    for (const l of fw.levels) {
      for (const h of l.requirements.hours) expect(text(h).replace(/,/g, '')).toContain(String(h.hours));
      for (const r of [...l.requirements.certifications, ...l.requirements.courses]) expect(text(r)).toBe(r.title);
    }
  });

  withSeeds('carries none of the OCR noise above the guide title anywhere in the framework', () => {
    const { lines } = seed();
    const title = lines.findIndex((l) => l.startsWith('National IT Apprenticeship System (NITAS)'));
    expect(title).toBeGreaterThan(30);
    const json = JSON.stringify(committed);
    const noise = lines
      .slice(0, title)
      .map(clean)
      .filter((l) => l.length >= 6);
    expect(noise.length).toBeGreaterThan(20);
    for (const l of noise) expect(json).not.toContain(l);
  });

  withSeeds('fails naming the line when Table 1 disagrees with the qual card', () => {
    const doc = seed();
    const lines = doc.lines.map((l) => (l === '\t28 items' ? '\t27 items' : l));
    expect(lines).not.toEqual(doc.lines);
    expect(() => parseNitasHelpDesk({ ...doc, lines })).toThrow(
      /:156: Table 1 states 27 items for Level 1, the qual card has 28/,
    );
  });

  withSeeds('fails naming the item when one of its four texts is missing', () => {
    const doc = seed();
    const lines = [...doc.lines];
    const know = lines.findIndex((l, n) => n > 293 && l === '\tKnow');
    lines[know] = '\t';
    expect(() => parseNitasHelpDesk({ ...doc, lines })).toThrow(/:293: item HD1\.1\.1 lacks know/);
  });
});
