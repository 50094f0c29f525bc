// `qualcard frameworks show` on every shipped framework: nothing of the framework is left to the JSON (levels and
// requirements, every item and its texts, slots, notes, cumulative levels, the duration or its absence), and every
// line fits the terminal. Expected texts come from the framework files themselves.
import { type Framework, HOURS_CATEGORY_LABEL, shippedFrameworks } from '../../shared/src';
import { DEFAULT_WIDTH, MIN_WIDTH, terminalWidth, wrap } from '../../tools/cli/framework-detail';
import { main } from '../../tools/cli/main';

async function show(id: string, columns?: number): Promise<string> {
  let out = '';
  const code = await main(
    ['frameworks', 'show', id],
    (s) => {
      out += `${s}\n`;
    },
    (s) => {
      throw new Error(s);
    },
    process.env,
    columns,
  );
  expect(code).toBe(0);
  return out;
}

/** The output with each wrapped paragraph joined again: every run of whitespace as one space. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');

const LABELS = { competency: 'Competency', do: 'Do', know: 'Know', exit: 'Exit', statement: 'Statement' } as const;

describe.each(shippedFrameworks().map((f) => [f.id, f] as [string, Framework]))('frameworks show %s', (id, f) => {
  test.each([40, 80, 132])('every line fits %i columns', async (columns) => {
    const out = await show(id, columns);
    const long = out.split('\n').filter((l) => l.length > columns);
    expect(long).toEqual([]);
  });

  test('every item with its id, core or optional, levels and each of its texts', async () => {
    const out = flat(await show(id, 60));
    for (const wf of f.workFunctions) {
      expect(out).toContain(`${wf.id} ${wf.title} (${wf.core ? `${wf.core}, ` : ''}${wf.items.length} item`);
      for (const item of wf.items) {
        expect(out).toContain(
          ` ${item.id} (${item.core}, level${item.levels.length > 1 ? 's' : ''} ${item.levels.join(', ')}`,
        );
        for (const [key, text] of Object.entries(item.texts))
          expect(out).toContain(flat(`${LABELS[key as keyof typeof LABELS]}: ${text}`));
      }
    }
  });

  test('each level with its hours, exams, certifications and item counts', async () => {
    const out = flat(await show(id));
    for (const l of f.levels) {
      // Issue 20: what the default program (every work function run) requires, and what is optional.
      const items = f.workFunctions.flatMap((wf) => wf.items).filter((i) => i.levels.includes(l.id));
      const count = (c: string) => items.filter((i) => i.core === c).length;
      const stated = l.requirements.statedItemCount;
      expect(out).toContain(
        flat(
          `${l.id} ${l.title} Items: the default program requires ${count('core')}, ${count('optional')} optional (counted toward nothing)`,
        ) + (stated === undefined ? '' : `; the document states ${stated}`),
      );
      expect(out).toContain(
        l.signOffStandard ? flat(l.signOffStandard.text) : 'Sign-off standard: not stated in the document',
      );
      for (const h of l.requirements.hours) expect(out).toContain(`${HOURS_CATEGORY_LABEL[h.category]} ${h.hours}`);
      for (const e of l.requirements.exams) expect(out).toContain(flat(e.title));
      for (const c of l.requirements.certifications) expect(out).toContain(flat(c.title));
    }
  });

  test('the notes, whether levels are cumulative, the duration or that there is none, the slots', async () => {
    const out = await show(id);
    f.notes.forEach((note, i) => {
      expect(flat(out)).toContain(flat(`${i + 1}. ${note}`));
    });
    expect(out).toContain(f.program.levelsCumulative ? 'Levels cumulative: yes' : 'Levels cumulative: no');
    const d = f.program.durationMonths;
    expect(out).toContain(
      d
        ? `Duration: minimum ${d.minimum}, expected ${d.expected}, maximum ${d.maximum} months`
        : 'Duration: the document gives no duration',
    );
    for (const s of f.slots) expect(out).toContain(`  ${s.id}: ${s.kind}`);
  });
});

test('the shipped frameworks as the documents have them: NITAS cumulative without a duration, IT Generalist 12-24 months', async () => {
  const nitas = await show('nitas-help-desk');
  expect(nitas).toContain('Duration: the document gives no duration\nLevels cumulative: yes');
  expect(nitas).toContain('Slots the sponsor defines:\n  HD3.0.1: item in WP, level L3, optional\n');
  const generalist = await show('it-generalist-competencies');
  expect(generalist).toContain('Duration: minimum 12, expected 18, maximum 24 months\nLevels cumulative: no');
  expect(generalist).toContain(
    '  JF8: work-function, level L1, core or optional as the sponsor decides; item\n       slots 8a, 8b, 8c, 8d, 8e\n',
  );
  expect(await show('customer-technical-support')).toContain('Duration: the document gives no duration');
});

test('the width: the terminal columns, 80 when not a terminal, never under 40', () => {
  expect([terminalWidth(undefined), terminalWidth(0), terminalWidth(20), terminalWidth(100)]).toEqual([
    DEFAULT_WIDTH,
    DEFAULT_WIDTH,
    MIN_WIDTH,
    100,
  ]);
});

test('wrap: a hanging indent, words kept whole, a word longer than the line cut', () => {
  expect(wrap('one two three four five', 16, '  Do: ')).toEqual(['  Do: one two', '      three four', '      five']);
  expect(wrap('x'.repeat(25), 20, '')).toEqual(['x'.repeat(20), 'x'.repeat(5)]);
  expect(wrap('', 20, '  Notes: ')).toEqual(['  Notes:']);
});
