// The qualcard command as a user runs it (`node bin/qualcard.js`, a real process) against the API on the emulators,
// with a minted Google-style ID token in QUALCARD_ID_TOKEN: progress, transcript and cohort report, and how a
// refused token, a member of another sponsor and an unreachable URL read; publish of a framework file that import
// wrote, and progress on it. Data is seeded through the API.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApprenticeRecord, computeProgress, Framework } from '@qualcard/shared';
import type { StoredProgress } from '@qualcard/shared/api/answers';
import * as api from '@qualcard/shared/api/routes';
import ExcelJS from 'exceljs';
import { mintIdToken } from '../../scripts/emulator-key';
import {
  ADMIN,
  AS_OF,
  acme as acmeSponsor,
  allDocuments,
  COACH,
  CONSULTANT,
  call,
  framework,
  GLOBEX_ADMIN,
  GLOBEX_COACH,
  globex as globexSponsor,
  itemIds,
  record,
  scenario,
  seedOnce,
  syncAs,
} from './kit';
import { apiUrl } from './kit/env';

const ROOT = resolve(__dirname, '../..');
const ACME = { sponsorId: 'acme' };

const acme = [
  record({
    id: 'ann',
    name: 'Ann Example',
    frameworkId: 'nitas-help-desk',
    levelId: 'L1',
    coach: COACH,
    startDate: '2025-09-01',
    stage: { signed: 20, hoursPerCategory: 40 },
  }),
  record({
    id: 'ben',
    name: 'Ben Example',
    frameworkId: 'it-generalist-competencies',
    levelId: 'L1',
    coach: COACH,
    startDate: '2025-11-01',
    stage: { signed: 10 },
  }),
];
const globex = [
  record({
    id: 'gus',
    name: 'Gus Example',
    frameworkId: 'it-support-wps',
    levelId: 'L1',
    coach: GLOBEX_COACH,
    startDate: '2025-12-01',
    stage: { signed: 30 },
  }),
];

const seed = seedOnce(async () => {
  await scenario(
    acmeSponsor({ consultants: [CONSULTANT], apprentices: acme }),
    globexSponsor({ consultants: [CONSULTANT], apprentices: globex }),
  );
  // The coach confirms 15 of Ann's items: they count; the rest of her sheet stays pending.
  const confirm = { signOffs: acme[0]!.signOffs!.slice(0, 15).map((s) => s.itemId) };
  const params = { ...ACME, apprenticeId: 'ann' };
  expect((await call(api.confirmations, { as: COACH, params, body: confirm })).status).toBe(201);
});

interface Run {
  code: number;
  out: string;
  err: string;
}

/** `node bin/qualcard.js ...` in `cwd`, as `email` (a token the emulator accepts) or with the given token. */
function qualcard(argv: string[], as: { email?: string; token?: string; api?: string; cwd?: string }): Promise<Run> {
  const env = {
    ...process.env,
    QUALCARD_API: as.api ?? apiUrl(),
    QUALCARD_ID_TOKEN: as.token ?? mintIdToken({ email: as.email! }),
  };
  return new Promise((done) => {
    execFile('node', [join(ROOT, 'bin/qualcard.js'), ...argv], { env, cwd: as.cwd ?? ROOT }, (e, out, err) => {
      done({ code: e ? Number(e.code) : 0, out, err });
    });
  });
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'qualcard-cli-emu-'));

/** The workbook's sheets, each as rows of cell texts (exceljs, as a script would read it). */
async function workbook(path: string): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheets: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    sheets[ws.name] = rows;
  });
  return sheets;
}

/** The apprentice ids of a cohort report, with their sponsor's id (hidden columns), one per apprentice. */
async function cohortApprentices(path: string): Promise<string[]> {
  const rows = (await workbook(path)).Cohort!;
  const header = rows.findIndex((r) => r.includes('Apprentice id'));
  const [sponsor, id] = ['Sponsor id', 'Apprentice id'].map((h) => rows[header]!.indexOf(h));
  return [...new Set(rows.slice(header + 1).map((r) => `${r[sponsor!]}/${r[id!]}`))].sort();
}

describe('qualcard progress', () => {
  test('a consultant prints the sponsor table, one row per apprentice, as stored; --json is the API answer', async () => {
    const answer = await call(api.sponsorProgress, { as: CONSULTANT, params: ACME });
    expect(answer.status).toBe(200);
    const json = await qualcard(['progress', '--sponsor', 'acme', '--json'], { email: CONSULTANT });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(answer.body);

    const { code, out, err } = await qualcard(['progress', '--sponsor', 'acme'], { email: CONSULTANT });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^APPRENTICE\s+NAME\s+FRAMEWORK\s+LEVEL\s+%\s+GAPS\s+PENDING\s+PROJECTED/);
    // The table ends at the first blank line (status reasons, when the API stores any, come after it).
    const rows = lines.slice(1, lines.includes('') ? lines.indexOf('') : undefined);
    expect(rows.map((r) => r.split(' ')[0])).toEqual(answer.body.apprentices.map((a) => a.apprenticeId));
    for (const a of answer.body.apprentices) {
      const p = a.progress;
      const target = p.levels.find((l) => l.levelId === p.targetLevelId)!;
      const pending = Object.values(p.entries).reduce((n, e) => n + e.pending, 0);
      const row = lines.find((l) => l.startsWith(`${a.apprenticeId} `))!;
      expect(row.split(/\s{2,}/)).toEqual(
        expect.arrayContaining([
          a.apprenticeId,
          a.name,
          `${a.frameworkId} ${p.frameworkVersion}`,
          p.targetLevelId,
          target.percent.toFixed(1),
          String(p.levelGapCounts[p.targetLevelId] ?? 0),
          String(pending),
        ]),
      );
    }
    // Ann's 15 confirmed items count; her other 5 wait for the coach.
    const ann = answer.body.apprentices.find((a) => a.apprenticeId === 'ann')!;
    expect(ann.progress.levels[0]!.items.done).toBe(15);
    expect(ann.progress.entries['sign-off'].pending).toBe(5);
  });

  test('one apprentice: the row and each level', async () => {
    const { code, out } = await qualcard(['progress', '--sponsor', 'acme', '--apprentice', 'ann'], { email: ADMIN });
    expect(code).toBe(0);
    expect(out).toMatch(/^ann\s+Ann Example\s+nitas-help-desk 1\.1\.0\s+L1\s/m);
    expect(out).toMatch(/^L1\* Level 1 - Entry\s+15\/28\s/m);
  });
});

describe('qualcard transcript', () => {
  test('an admin exports a transcript: the .xlsx is written under its name and opens with exceljs', async () => {
    seed.changes();
    const dir = tmp();
    const { code, out, err } = await qualcard(
      ['transcript', '--sponsor', 'acme', '--apprentice', 'ann', '--as-of', AS_OF],
      { email: ADMIN, cwd: dir },
    );
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const m = /^transcript version 1 of ann \(nitas-help-desk 1\.1\.0, as of 2026-06-30\): (\d+) bytes -> (.+)\n$/.exec(
      out,
    );
    expect(m).not.toBeNull();
    expect(m![2]).toBe('transcript-Ann-Example-v1.xlsx');
    const bytes = readFileSync(join(dir, m![2]!));
    expect(bytes.length).toBe(Number(m![1]));
    const listed = await call(api.listTranscripts, { as: ADMIN, params: { ...ACME, apprenticeId: 'ann' } });
    expect(listed.body.transcripts.map((t) => [t.version, t.size])).toEqual([[1, bytes.length]]);
    const sheets = await workbook(join(dir, m![2]!));
    expect(Object.keys(sheets).length).toBeGreaterThan(1);
    expect(JSON.stringify(sheets)).toContain('Ann Example');
  });

  test('--out and --json', async () => {
    seed.changes();
    const target = join(tmp(), 'ann.xlsx');
    const run = await qualcard(['transcript', '--sponsor', 'acme', '--apprentice', 'ann', '--out', target, '--json'], {
      email: CONSULTANT,
    });
    expect(run.code).toBe(0);
    const meta = JSON.parse(run.out);
    expect(meta).toMatchObject({ apprenticeId: 'ann', sponsorId: 'acme', file: target, createdBy: CONSULTANT });
    expect(readFileSync(target).length).toBe(meta.size);
  });
});

describe('qualcard report', () => {
  test('one sponsor, several, and every sponsor the consultant serves', async () => {
    const dir = tmp();
    const one = await qualcard(['report', '--sponsor', 'acme', '--out', join(dir, 'one.xlsx')], { email: CONSULTANT });
    expect(one).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^cohort report for sponsor acme: \d+ bytes -> /),
    });
    expect(await cohortApprentices(join(dir, 'one.xlsx'))).toEqual(['acme/ann', 'acme/ben']);

    const both = ['report', '--sponsor', 'acme', '--sponsor', 'globex', '--out', join(dir, 'both.xlsx')];
    expect((await qualcard(both, { email: CONSULTANT })).code).toBe(0);
    const all = ['acme/ann', 'acme/ben', 'globex/gus'];
    expect(await cohortApprentices(join(dir, 'both.xlsx'))).toEqual(all);

    const every = await qualcard(['report'], { email: CONSULTANT, cwd: dir });
    expect(every.code).toBe(0);
    const file = /-> (.+)\n$/.exec(every.out)![1]!;
    expect(file).toMatch(/^cohort-report-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(await cohortApprentices(join(dir, file))).toEqual(all);
  });
});

describe('refusals', () => {
  test('a forged token: 401 with the server reason, the token never printed', async () => {
    const real = mintIdToken({ email: ADMIN });
    const other = mintIdToken({ email: CONSULTANT });
    // Ann's admin's header and claims with another token's signature: well-formed, signature wrong.
    const forged = `${real.split('.').slice(0, 2).join('.')}.${other.split('.')[2]}`;
    const run = await qualcard(['progress', '--sponsor', 'acme'], { token: forged });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatch(
      /^the API refused the token \(401\): .+; set QUALCARD_ID_TOKEN or run gcloud auth login\n$/,
    );
    expect(run.err).not.toContain(forged.slice(0, 20));
  });

  test("another sponsor's admin: 403 naming the sponsor", async () => {
    const run = await qualcard(['progress', '--sponsor', 'acme'], { email: GLOBEX_ADMIN });
    expect(run).toMatchObject({ code: 1, out: '' });
    expect(run.err).toMatch(/^access refused for sponsor acme \(403\): .+\n$/);
    const report = await qualcard(['report', '--sponsor', 'acme', '--sponsor', 'globex'], { email: GLOBEX_ADMIN });
    expect(report.err).toMatch(/^access refused for sponsor acme, globex \(403\): .*acme/);
  });

  test('an unreachable URL: a closed port', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    await new Promise((done) => server.close(done));
    const api = `http://127.0.0.1:${port}/demo-qualcard/us-central1/api`;
    expect(await qualcard(['report'], { email: CONSULTANT, api })).toEqual({
      code: 1,
      out: '',
      err: `cannot reach ${api}: connection refused (nothing listens at that address and port)\n`,
    });
  });
});

describe('qualcard publish', () => {
  const OWN = 'acme-help-desk';
  const VERSION = '1.1.0-sponsor.1';
  const CSV = 'examples/sponsor-items.csv';
  const dir = tmp();
  const file = join(dir, `${OWN}.json`);
  const publishAs = (email: string, path = file) => qualcard(['publish', path, '--sponsor', 'acme'], { email });
  /** What `qualcard import` writes for the example sponsor items on NITAS (files only: no request). */
  const imported = async (csv: string, out: string, extra: string[] = []): Promise<Framework> => {
    const run = await qualcard(['import', csv, '--extend', 'nitas-help-desk', '--id', OWN, '--out', out, ...extra], {
      email: ADMIN,
    });
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    return Framework.parse(JSON.parse(readFileSync(out, 'utf8')));
  };
  const stored = (version: string) =>
    call(api.getFrameworkVersion, { as: ADMIN, params: { ...ACME, frameworkId: OWN, version } });

  test('an admin publishes what import wrote; the same again changes nothing; other content under the version is a 409', async () => {
    seed.changes();
    const mine = await imported(CSV, file);
    expect(mine).toMatchObject({ id: OWN, version: VERSION });
    const first = await publishAs(ADMIN);
    expect({ code: first.code, err: first.err }).toEqual({ code: 0, err: '' });
    expect(first.out).toMatch(
      new RegExp(`^published ${OWN} 1\\.1\\.0-sponsor\\.1 for sponsor acme \\(sha256 [0-9a-f]{12}\\)\n$`),
    );
    expect((await stored(VERSION)).body).toMatchObject({ owner: 'acme', version: VERSION, framework: mine });
    const before = await allDocuments();

    expect(await publishAs(ADMIN)).toEqual({
      code: 0,
      out: `${OWN} ${VERSION} is already published for sponsor acme with the same content: nothing changed\n`,
      err: '',
    });

    // One statement edited in the sheet, imported again without --version: the same version, other content.
    const csv = join(dir, 'changed.csv');
    writeFileSync(csv, readFileSync(join(ROOT, CSV), 'utf8').replace('Two reviews chaired', 'Three reviews chaired'));
    const changed = join(dir, 'changed.json');
    expect((await imported(csv, changed)).version).toBe(VERSION);
    const refused = await publishAs(ADMIN, changed);
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toMatch(
      new RegExp(
        `^sponsor acme cannot publish ${OWN} 1\\.1\\.0-sponsor\\.1 \\(409\\): framework\\.version: ${OWN} version "1\\.1\\.0-sponsor\\.1" was published on .+ by ${ADMIN} with other content; .+; import the changed framework again with a new --version \\(e\\.g\\. --version 1\\.1\\.0-sponsor\\.2\\), then publish that file\n$`,
      ),
    );
    expect(await allDocuments()).toEqual(before);

    // The advice works: under a new version the changed framework is published beside the first.
    const next = join(dir, 'next.json');
    await imported(csv, next, ['--version', '1.1.0-sponsor.2']);
    expect((await publishAs(ADMIN, next)).out).toMatch(
      /^published acme-help-desk 1\.1\.0-sponsor\.2 for sponsor acme /,
    );
    expect((await stored(VERSION)).body.framework).toEqual(mine);
  });

  test("a file with a shipped framework's id is a 409 naming framework.id, writing nothing", async () => {
    const shipped = join(dir, 'nitas.json');
    writeFileSync(shipped, JSON.stringify(framework('nitas-help-desk')));
    const before = await allDocuments();
    const run = await publishAs(ADMIN, shipped);
    expect(run).toMatchObject({ code: 1, out: '' });
    expect(run.err).toMatch(
      /^sponsor acme cannot publish nitas-help-desk 1\.1\.0 \(409\): framework\.id: "nitas-help-desk" is a framework Qualcard ships; .+; import it again with --extend nitas-help-desk --id <an id of your own>, then publish that file\n$/,
    );
    expect(await allDocuments()).toEqual(before);
  });

  test('a coach or a consultant: 403 naming the sponsor and the role publishing needs', async () => {
    await imported(CSV, file);
    const before = await allDocuments();
    for (const [email, role] of [
      [COACH, 'coach'],
      [CONSULTANT, 'consultant'],
    ]) {
      const run = await publishAs(email!);
      expect(run).toEqual({
        code: 1,
        out: '',
        err: `access refused for sponsor acme (403): publishing a framework needs role admin in sponsor acme; ${email} is ${role}\n`,
      });
    }
    expect(await allDocuments()).toEqual(before);
  });

  test('an apprentice synced on the published framework: qualcard progress prints its id and version', async () => {
    seed.changes();
    const mine = await imported(CSV, file);
    expect((await publishAs(ADMIN)).code).toBe(0);
    // Level 2 of NITAS with the sponsor's own core item ACME.2.1 signed as well (pending until the coach confirms).
    const input = record({
      id: 'cat',
      name: 'Cat Example',
      frameworkId: 'nitas-help-desk',
      levelId: 'L2',
      coach: COACH,
      startDate: '2025-09-01',
      stage: { signed: 6 },
    });
    input.apprentice.frameworkId = OWN;
    input.signOffs!.push({ itemId: 'ACME.2.1', date: '2026-01-15', coachEmail: COACH });
    expect(itemIds(mine, 'L2')).toContain('ACME.2.1');
    expect((await syncAs(ADMIN, [input], { key: 'cli-acme-publish' })).status).toBe(200);

    const answer = await call(api.apprenticeProgress, { as: ADMIN, params: { ...ACME, apprenticeId: 'cat' } });
    expect(answer.status).toBe(200);
    const json = await qualcard(['progress', '--sponsor', 'acme', '--apprentice', 'cat', '--json'], { email: ADMIN });
    expect(json.code).toBe(0);
    const printed = JSON.parse(json.out) as StoredProgress;
    expect(printed).toEqual(answer.body);
    expect(printed).toMatchObject({ apprenticeId: 'cat', frameworkId: OWN, frameworkVersion: VERSION });
    // The engine on the imported file gives the same level counts: ACME.2.1 is one of the items Level 2 requires.
    const expected = computeProgress(mine, ApprenticeRecord.parse(input), AS_OF);
    const l2 = (p: { levels: { levelId: string; items: unknown }[] }) =>
      p.levels.find((l) => l.levelId === 'L2')!.items;
    expect(l2(printed.progress)).toEqual(l2(expected));
    expect(printed.progress.entries['sign-off'].pending).toBe(7);

    const table = await qualcard(['progress', '--sponsor', 'acme', '--apprentice', 'cat'], { email: CONSULTANT });
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^cat\s+Cat Example\s+acme-help-desk 1\.1\.0-sponsor\.1\s+L2\s/m);
  });
});
