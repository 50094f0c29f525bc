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
    expect(table.out).toMatch(/^nitas-help-desk\s+1\.1\.0\s+3\s+93\s+NITAS Help Desk/m);
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
    expect(out).toContain(
      [
        '  L1 Level 1 - Entry',
        '    Items: the default program requires 28, 4 optional (counted toward nothing);',
        '           the document states 28',
        '    A program may leave out: WP (no core item)',
        '    Sign-off standard: "The standard to which the task must be accomplished will',
        '                       be that you can perform the job function with some help',
        '                       from your supervisor or coach."',
        '                       (000_53687bffe476f5c1.txt, line 275)',
        '    Hours: Related instruction 242; On-the-job learning 1400; Work experience',
        '           2000 (in related functions of help desk)',
        '    Exams: All required course exams',
        '    Certifications: Computer Technology Industry Association (CompTIA) A+;',
        '                    Customer Support Specialist',
      ].join('\n'),
    );
    expect(
      Framework.parse(JSON.parse((await cli('frameworks', 'show', 'customer-technical-support', '--json')).out)).levels,
    ).toHaveLength(4);
  });

  test('an unknown framework exits 1 naming it', async () => {
    expect(await cli('frameworks', 'show', 'nope')).toMatchObject({
      code: 1,
      err: expect.stringMatching(
        /^frameworks show nope: not a shipped framework \(nitas-help-desk, .*\) and no such file\n$/,
      ),
    });
  });
});

describe('qualcard check', () => {
  test('prints a table with each level, the projection, gaps and integrity flags', async () => {
    const { code, out } = await cli('check', EXAMPLE, '--as-of', '2026-10-01');
    expect(code).toBe(0);
    // The Customer Support Specialist certification is typed in the sheet, not recorded by an admin: not held.
    expect(out).toMatch(
      /^L1 Level 1 - Entry\s+28\/28\s+242\/242\s+1400\/1400\s+2000\/2000\s+1\/1\s+1\/2\s+91\.7\s+no$/m,
    );
    expect(out).toContain('Projected completion: 2028-10-20');
    expect(out).toContain('[error] signoff.not-coach');
  });

  test('says per kind which entries it counted (confirmed, attested), which are pending and which flagged', async () => {
    const { out } = await cli('check', EXAMPLE, '--as-of', '2026-10-01');
    const section = out.slice(out.indexOf('Entries:'), out.indexOf('\nGaps'));
    expect(section).toBe(
      [
        'Entries: only those confirmed by a coach or admin, or attested by an admin, count.',
        'ENTRIES         COUNTED  CONFIRMED  ATTESTED  PENDING (NOT COUNTED)  FLAGGED (NOT COUNTED)',
        'Sign-offs       38       38         0         3                      0',
        'Hours entries   380      380        0         20                     0',
        'Prior credit    1        0          1         1                      0',
        'Exams passed    1        1          0         0                      0',
        'Certifications  1        1          0         1                      0',
        'Pending, not counted until confirmed (25):',
        '  sign-offs (3): signOffs.38 (HD2.2.4), signOffs.39 (HD2.2.5), signOffs.40 (HD2.2.6)',
        '  hours entries (20): hours.380 (h381), hours.381 (h382), hours.382 (h383), hours.383 (h384), hours.384 (h385), and 15 more',
        '  prior credit (1): priorCredit.1 (pc2)',
        '  certifications (1): certifications.1 (customer-support-specialist)',
        '',
      ].join('\n'),
    );
    // Pending entries are listed once, above, not again among the gaps.
    expect(out).not.toContain('pending.');
    expect(out).toMatch(/^Gaps \(34\):$/m);
  });

  test('a flagged confirmed entry is counted as flagged, and a record with nothing pending says so', async () => {
    const dir = tmp();
    const record = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const confirmation = { ...record.signOffs[0].confirmation, at: '2026-09-30T16:30:00.000Z', date: '2026-09-30' };
    record.signOffs = record.signOffs.map((s: { confirmation?: object }) => ({ confirmation, ...s }));
    record.hours = record.hours.map((h: { confirmation?: object }) => ({ confirmation, ...h }));
    const admin = { ...record.exams[0].confirmation, evidence: 'on file' };
    record.priorCredit[1].confirmation = admin;
    record.certifications[1].confirmation = admin;
    writeFileSync(join(dir, 'r.json'), JSON.stringify(record));
    const { out } = await cli('check', join(dir, 'r.json'), '--as-of', '2026-10-01');
    // HD2.2.6 is typed as signed by someone who is not a coach: confirmed, yet flagged and not counted.
    expect(out).toMatch(/^Sign-offs\s+40\s+40\s+0\s+0\s+1$/m);
    expect(out).toContain('Flagged, not counted until corrected (1): see the integrity flags below.');
    expect(out).toContain('Pending: none, every entry is confirmed or attested.');
  });

  test('--json prints the engine result, with what it counted per kind of entry', async () => {
    const progress = JSON.parse((await cli('check', EXAMPLE, '--as-of', '2026-10-01', '--json')).out);
    expect(progress.levels[1]).toMatchObject({ levelId: 'L2', items: { done: 10, required: 35 }, complete: false });
    expect(progress.entries).toEqual({
      'sign-off': { confirmed: 38, attested: 0, pending: 3, flagged: 0 },
      'hours-entry': { confirmed: 380, attested: 0, pending: 20, flagged: 0 },
      'prior-credit': { confirmed: 0, attested: 1, pending: 1, flagged: 0 },
      exam: { confirmed: 1, attested: 0, pending: 0, flagged: 0 },
      certification: { confirmed: 1, attested: 0, pending: 1, flagged: 0 },
    });
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
    expect(out).toContain('acme-help-desk 1.1.0-sponsor.1: 3 level(s), 95 item(s)');
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

test('npx qualcard runs as a real command: exit 2 on a bad command line, 1 on bad input', () => {
  const ok = execFileSync('npx', ['qualcard', 'frameworks', '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(JSON.parse(ok)).toHaveLength(5);
  const usage = spawnSync('npx', ['qualcard', 'check'], { cwd: ROOT, encoding: 'utf8' });
  expect(usage.status).toBe(2);
  expect(usage.stderr).toContain('usage:');
  const bad = spawnSync('npx', ['qualcard', 'check', join(ROOT, 'package.json')], { cwd: ROOT, encoding: 'utf8' });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain('not a valid apprentice record');
}, 30_000);

test('the real command runs from any directory (the repository tsconfig resolves its imports)', () => {
  const run = spawnSync('node', [join(ROOT, 'bin/qualcard.js'), 'progress', '--sponsor', 'acme'], {
    cwd: tmp(),
    encoding: 'utf8',
    env: { ...process.env, QUALCARD_API: 'http://127.0.0.1:9/api', QUALCARD_ID_TOKEN: 'a.b.c' },
  });
  expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: '' });
  expect(run.stderr).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:9\/api: /);
}, 30_000);

describe('arguments: each command takes only its own options and arguments', () => {
  const CSV = join(ROOT, 'examples/sponsor-items.csv');

  test('an unknown option is an error naming it, with the known option it is close to', async () => {
    expect(await cli('check', EXAMPLE, '--asof', '2026-06-01')).toEqual({
      code: 2,
      out: '',
      err: 'unknown option --asof for check; did you mean --as-of?\n',
    });
    expect((await cli('import', CSV, '--extends', 'nitas-help-desk')).err).toContain('did you mean --extend?');
    expect((await cli('import', CSV, '-o', 'x.json')).err).toBe('unknown option -o for import; did you mean --out?\n');
    expect((await cli('check', EXAMPLE, '-as-of=2026-06-01')).err).toBe(
      'unknown option -as-of for check; did you mean --as-of?\n',
    );
    expect((await cli('frameworks', '--verbose')).err).toBe(
      'unknown option --verbose for frameworks (its options: --json)\n',
    );
  });

  test.each([
    ['frameworks', []],
    ['frameworks show', ['nitas-help-desk']],
    ['check', [EXAMPLE]],
    ['import', [CSV]],
    // An API URL that is refused before any request: these runs never reach the network.
    ['progress', ['--sponsor', 's', '--api', 'ftp://x']],
    ['transcript', ['--sponsor', 's', '--apprentice', 'a', '--api', 'ftp://x']],
    ['report', ['--api', 'ftp://x']],
    ['publish', [join(ROOT, 'shared/frameworks/it-support-wps.json'), '--sponsor', 's', '--api', 'ftp://x']],
  ])('%s accepts exactly the options its usage lists', async (name, args) => {
    const usage = (await cli('--help')).out.split('\n').find((l) => l.startsWith(`  qualcard ${name} `))!;
    const listed = [...usage.matchAll(/[[ ]--([a-z-]+)/g)].map((m) => m[1]!);
    const options = ['json', 'as-of', 'framework', 'extend', 'id', 'title', 'version', 'out', 'sponsor', 'apprentice'];
    for (const option of [...options, 'api', 'nope']) {
      const { err } = await cli(...name.split(' '), ...args, `--${option}`, 'x');
      if (listed.includes(option)) expect(err).not.toContain('unknown option');
      else expect(err).toMatch(new RegExp(`^unknown option --${option} for ${name}`));
    }
  });

  test('--json is a flag; a value option needs a value and is given once', async () => {
    expect((await cli('frameworks', '--json=yes')).err).toBe('--json is a flag and takes no value\n');
    expect((await cli('frameworks', '--json', 'nitas-help-desk')).err).toContain(
      'unexpected argument for frameworks: "nitas-help-desk"',
    );
    expect((await cli('check', EXAMPLE, '--as-of')).err).toBe('--as-of needs a value: --as-of YYYY-MM-DD\n');
    expect((await cli('check', EXAMPLE, '--as-of', '--json')).err).toBe('--as-of needs a value: --as-of YYYY-MM-DD\n');
    expect((await cli('import', CSV, '--extend', 'nitas-help-desk', '--out', '')).err).toBe(
      '--out needs a value: --out <file>\n',
    );
    expect(await cli('check', EXAMPLE, '--as-of', '2026-06-01', '--as-of', '2026-10-01')).toMatchObject({
      code: 2,
      err: '--as-of is given twice ("2026-06-01" and "2026-10-01")\n',
    });
  });

  test('--name=value is --name value, and options may come before the command', async () => {
    const spaced = await cli('check', EXAMPLE, '--as-of', '2026-10-01', '--json');
    expect(await cli('--json', 'check', `--as-of=2026-10-01`, EXAMPLE)).toEqual(spaced);
  });

  test('extra or missing arguments are errors with the command usage', async () => {
    expect(await cli('check', EXAMPLE, 'other.json', '2026-06-01')).toEqual({
      code: 2,
      out: '',
      err: 'unexpected arguments for check: "other.json" "2026-06-01"\nusage: qualcard check <record.json> [--as-of YYYY-MM-DD] [--framework <id|framework.json>] [--json]\n',
    });
    expect((await cli('frameworks', 'show', 'nitas-help-desk', 'it-support-wps')).err).toContain(
      'unexpected argument for frameworks show: "it-support-wps"\nusage: qualcard frameworks show <id|framework.json> [--json]',
    );
    expect((await cli('import', CSV, 'more.csv')).code).toBe(2);
    expect((await cli('frameworks', 'show')).err).toBe(
      'frameworks show needs <id|framework.json>\nusage: qualcard frameworks show <id|framework.json> [--json]\n',
    );
    expect((await cli('chek', EXAMPLE)).err).toMatch(/^unknown command "chek"\nusage:/);
  });

  test('--help prints the usage and the framework id/file rule, exit 0', async () => {
    const { code, out } = await cli('check', '--help');
    expect(code).toBe(0);
    expect(out).toContain(
      'qualcard import <file.csv> [--extend <id|framework.json>] [--id <id>] [--title <title>] [--version <version>] [--out <file>]',
    );
    expect(out).toContain(
      'a shipped id and a file in the working directory, that is an error: write ./<name> to mean the file',
    );
  });

  test('a real process exits 2 on an unknown option, without a stack trace', () => {
    const bad = spawnSync('npx', ['qualcard', 'check', EXAMPLE, '--asof', '2026-06-01'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown option --asof for check; did you mean --as-of?');
    expect(bad.stderr).not.toMatch(/^\s+at /m);
    expect(bad.stdout).toBe('');
  }, 30_000);
});

describe('framework ids and files', () => {
  const cwd = process.cwd();
  let dir: string;
  const nitas = readFileSync(join(ROOT, 'shared/frameworks/nitas-help-desk.json'), 'utf8');
  const CSV = join(ROOT, 'examples/sponsor-items.csv');
  beforeEach(() => {
    dir = tmp();
    process.chdir(dir);
  });
  afterEach(() => process.chdir(cwd));

  test('frameworks show takes a shipped id or a framework file, by the same rule', async () => {
    writeFileSync('x.json', nitas.replace('"id": "nitas-help-desk"', '"id": "acme-help-desk"'));
    expect(await cli('frameworks', 'show', 'x.json')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^NITAS Help Desk Concentration \(acme-help-desk 1\.1\.0\)\n/),
    });
    writeFileSync('nitas-help-desk', nitas);
    expect((await cli('frameworks', 'show', 'nitas-help-desk')).err).toContain(
      'frameworks show nitas-help-desk could mean the shipped framework "nitas-help-desk" or the file ./nitas-help-desk',
    );
  });

  test('a value that is both a shipped id and a file here is an error saying how to pick', async () => {
    writeFileSync('nitas-help-desk', nitas.replace('"id": "nitas-help-desk"', '"id": "local-copy"'));
    expect(await cli('import', CSV, '--extend', 'nitas-help-desk')).toMatchObject({
      code: 1,
      err: expect.stringContaining(
        '--extend nitas-help-desk could mean the shipped framework "nitas-help-desk" or the file ./nitas-help-desk: write --extend ./nitas-help-desk for the file',
      ),
    });
    expect(JSON.parse((await cli('import', CSV, '--extend', './nitas-help-desk')).out).id).toBe('local-copy-sponsor');
  });

  test('a file is one with a path separator or an existing file, whatever its name ends with', async () => {
    writeFileSync('acme', nitas.replace('"id": "nitas-help-desk"', '"id": "acme-base"'));
    expect(JSON.parse((await cli('import', CSV, '--extend', 'acme')).out).id).toBe('acme-base-sponsor');
    expect((await cli('import', CSV, '--extend', 'missing.json')).err).toMatch(
      /^--extend missing.json: not a shipped framework \(nitas-help-desk, .*\) and no such file\n$/,
    );
    expect((await cli('import', CSV, '--extend', 'sub/missing')).err).toBe('sub/missing: no such file\n');
  });

  test('check: the record frameworkId is a shipped id; a sponsor framework comes with --framework', async () => {
    const record = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    record.apprentice.frameworkId = 'acme-base';
    writeFileSync('r.json', JSON.stringify(record));
    expect((await cli('check', 'r.json')).err).toContain(
      'unknown framework "acme-base" (shipped: nitas-help-desk, it-generalist-competencies, it-generalist-wps, it-support-wps, customer-technical-support) in r.json apprentice.frameworkId; for a sponsor framework give its file with --framework',
    );
    writeFileSync('acme-base.json', nitas.replace('"id": "nitas-help-desk"', '"id": "acme-base"'));
    expect(await cli('check', 'r.json', '--framework', 'acme-base.json', '--as-of', '2026-10-01')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Projected completion: 2028-10-20'),
    });
  });
});

describe('input files', () => {
  const CSV = 'level,work_function,item_id,statement,core_optional\n';

  test('a UTF-8 byte-order mark is not part of the JSON or the CSV', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'r.json'), `\uFEFF${readFileSync(EXAMPLE, 'utf8')}`);
    expect((await cli('check', join(dir, 'r.json'), '--as-of', '2026-10-01')).code).toBe(0);
    const framework = readFileSync(join(ROOT, 'shared/frameworks/nitas-help-desk.json'), 'utf8');
    writeFileSync(join(dir, 'f.json'), `\uFEFF${framework}`);
    expect((await cli('check', join(dir, 'r.json'), '--framework', join(dir, 'f.json'))).code).toBe(0);
    writeFileSync(join(dir, 'a.csv'), `\uFEFF${CSV}L1,WF1,A.1,Do a thing,core\n`);
    const imported = await cli('import', join(dir, 'a.csv'), '--id', 'a', '--title', 'A');
    expect(JSON.parse(imported.out).workFunctions[0].items[0].id).toBe('A.1');
  });

  test('a file that is not UTF-8 is an error, not text with replacement characters', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.csv'), Buffer.from(`${CSV}L1,WF1,A.1,Réseau,core\n`, 'latin1'));
    expect(await cli('import', join(dir, 'a.csv'), '--id', 'a', '--title', 'A')).toMatchObject({
      code: 1,
      err: `${join(dir, 'a.csv')}: not UTF-8 text; save it as UTF-8\n`,
    });
  });

  test('a directory given as a file is an error', async () => {
    const dir = tmp();
    expect(await cli('check', dir)).toEqual({ code: 1, out: '', err: `${dir}: is a directory, not a file\n` });
  });

  test('a CSV cell past the header (an unquoted comma) is an error, not dropped', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'a.csv'),
      'level,work_function,item_id,core_optional,statement\nL1,WF1,A.1,core,Install, configure\n',
    );
    const target = join(dir, 'out.json');
    expect(await cli('import', join(dir, 'a.csv'), '--id', 'a', '--title', 'A', '--out', target)).toMatchObject({
      code: 1,
      err: expect.stringContaining(
        'row 2, column 6: " configure" past the header\'s 5 columns (put a text holding a comma in double quotes)',
      ),
    });
    expect(existsSync(target)).toBe(false);
    writeFileSync(join(dir, 'b.csv'), `${CSV}L1,WF1,A.1,Do a thing,core,,\n`);
    expect((await cli('import', join(dir, 'b.csv'), '--id', 'a', '--title', 'A')).code).toBe(0);
  });

  test('a CSV with no rows after the header is an error', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.csv'), CSV);
    expect((await cli('import', join(dir, 'a.csv'), '--extend', 'nitas-help-desk')).err).toBe(
      `${join(dir, 'a.csv')}: only a header row, nothing to import\n`,
    );
  });

  test('--out onto a directory, into a missing directory or onto the input is an error', async () => {
    const dir = tmp();
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, `${CSV}L1,WF1,A.1,Do a thing,core\n`);
    const run = (target: string) => cli('import', csv, '--id', 'a', '--title', 'A', '--out', target);
    expect(await run(dir)).toEqual({ code: 1, out: '', err: `--out ${dir}: is a directory; give a file name\n` });
    expect((await run(join(dir, 'no/such.json'))).err).toBe(
      `--out ${join(dir, 'no/such.json')}: no such directory ${join(dir, 'no')}\n`,
    );
    expect((await run(csv)).err).toBe(`--out ${csv}: is the input file; give another file name\n`);
    expect(readFileSync(csv, 'utf8')).toBe(`${CSV}L1,WF1,A.1,Do a thing,core\n`);
  });

  test('--as-of that is not a real date is an error', async () => {
    expect((await cli('check', EXAMPLE, '--as-of', '2026-02-30')).err).toBe('--as-of: not a real calendar date\n');
  });
});
