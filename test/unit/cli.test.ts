// The qualcard command, in-process for most cases and once as a real child process for the exit code.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Framework } from '../../shared/src';
import { main } from '../../tools/cli/main';

const ROOT = resolve(__dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/nitas-apprentice.json');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    (s) => {
      out += `${s}\n`;
    },
    (s) => {
      err += `${s}\n`;
    },
  );
  return { code, out, err };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'qualcard-cli-'));

describe('qualcard frameworks', () => {
  test('lists the five shipped frameworks, as a table and as JSON', async () => {
    const table = await cli('frameworks');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^nitas-help-desk\s+1\.0\.0\s+3\s+93\s+NITAS Help Desk/m);
    const json = JSON.parse((await cli('frameworks', '--json')).out);
    expect(json.map((f: { id: string }) => f.id)).toEqual([
      'nitas-help-desk',
      'it-generalist-competencies',
      'it-generalist-wps',
      'it-support-wps',
      'customer-technical-support',
    ]);
  });

  test('show prints levels with their requirements; --json prints the whole framework', async () => {
    const { out } = await cli('frameworks', 'show', 'nitas-help-desk');
    expect(out).toMatch(
      /L1 Level 1 - Entry\s+28\s+4\s+Related instruction 242; On-the-job learning 1400; Work experience 2000/,
    );
    expect(
      Framework.parse(JSON.parse((await cli('frameworks', 'show', 'customer-technical-support', '--json')).out)).levels,
    ).toHaveLength(4);
  });

  test('an unknown framework exits 1 naming it', async () => {
    expect(await cli('frameworks', 'show', 'nope')).toMatchObject({
      code: 1,
      err: expect.stringContaining('unknown framework "nope"'),
    });
  });
});

describe('qualcard check', () => {
  test('prints a table with each level, the projection, gaps and integrity flags', async () => {
    const { code, out } = await cli('check', EXAMPLE, '--as-of', '2026-10-01');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^L1 Level 1 - Entry\s+28\/28\s+242\/242\s+1400\/1400\s+2000\/2000\s+1\/1\s+2\/2\s+100\s+yes$/m,
    );
    expect(out).toContain('Projected completion: 2027-11-19');
    expect(out).toContain('[error] signoff.not-coach');
  });

  test('--json prints the engine result', async () => {
    const progress = JSON.parse((await cli('check', EXAMPLE, '--as-of', '2026-10-01', '--json')).out);
    expect(progress.levels[1]).toMatchObject({ levelId: 'L2', items: { done: 12, required: 35 }, complete: false });
  });

  test('a bad record exits 1 and names the field', async () => {
    const dir = tmp();
    const record = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    record.hours[3].date = '2026-02-31';
    writeFileSync(join(dir, 'r.json'), JSON.stringify(record));
    const { code, err } = await cli('check', join(dir, 'r.json'));
    expect(code).toBe(1);
    expect(err).toContain('hours.3.date: not a real calendar date');
  });

  test('a file that is not JSON, a missing file and a bad --as-of exit 1', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.json'), '{ nope');
    expect((await cli('check', join(dir, 'x.json'))).err).toContain('not valid JSON');
    expect((await cli('check', join(dir, 'missing.json'))).err).toContain('no such file');
    expect(await cli('check', EXAMPLE, '--as-of', '2026-1-1')).toMatchObject({
      code: 1,
      err: '--as-of: a date as YYYY-MM-DD\n',
    });
  });
});

describe('qualcard import', () => {
  test('extends a shipped framework: a slot is filled and a company item added', async () => {
    const dir = tmp();
    const target = join(dir, 'acme.json');
    const { code, out } = await cli(
      'import',
      join(ROOT, 'examples/sponsor-items.csv'),
      '--extend',
      'nitas-help-desk',
      '--id',
      'acme-help-desk',
      '--out',
      target,
    );
    expect(code).toBe(0);
    expect(out).toContain('acme-help-desk 1.0.0-sponsor.1: 3 level(s), 95 item(s)');
    const f = Framework.parse(JSON.parse(readFileSync(target, 'utf8')));
    expect(f.slots.map((s) => s.id)).toEqual(['HD3.0.2', 'HD3.0.3']);
    expect(f.workFunctions.find((w) => w.id === 'ACME')!.items[0]).toMatchObject({
      id: 'ACME.2.1',
      core: 'core',
      addedBy: 'sponsor',
      texts: { competency: 'Ability to support the Acme "FieldDesk" app' },
    });
  });

  test('a bad CSV names every row and column and writes nothing', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'bad.csv'),
      'level,work_function,item_id,statement,core_optional,ojl_hours\nL1,WF1,A.1,Do a thing,core,14OO\nL1,WF1,A.2,,core,\nL1,WF1,A.3,Third,maybe,\n',
    );
    const target = join(dir, 'out.json');
    const { code, err } = await cli('import', join(dir, 'bad.csv'), '--id', 'x', '--title', 'X', '--out', target);
    expect(code).toBe(1);
    expect(err).toContain('3 error(s), nothing written');
    expect(err).toContain('row 2, column ojl_hours: "14OO" is not a number of hours');
    expect(err).toContain('row 3, column statement: item A.2 needs a text');
    expect(err).toContain('row 4, column core_optional: "maybe" must be core or optional');
    expect(existsSync(target)).toBe(false);
  });
});

test('npx qualcard runs as a real command and exits non-zero on bad input', () => {
  const ok = execFileSync('npx', ['qualcard', 'frameworks', '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(JSON.parse(ok)).toHaveLength(5);
  const bad = spawnSync('npx', ['qualcard', 'check'], { cwd: ROOT, encoding: 'utf8' });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain('usage:');
}, 30_000);
