// The qualcard command as a user runs it (`node bin/qualcard.js`, a real process) against the API on the emulators,
// with a minted Google-style ID token in QUALCARD_ID_TOKEN: progress, transcript and cohort report, and how a
// refused token, a member of another sponsor and an unreachable URL read. Data is seeded through the API.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { mintIdToken } from '../../scripts/emulator-key';
import { call, clearFirestore, type ProgressListAnswer, seedSponsor, type TranscriptListAnswer } from './helpers/api';
import { apiUrl } from './helpers/env';
import { record } from './helpers/records';
import { seedOnce } from './helpers/seed-once';

const ROOT = resolve(__dirname, '../..');
const ADMIN = 'admin@acme.example';
const GLOBEX_ADMIN = 'admin@globex.example';
const CONSULTANT = 'consultant@advisors.example';
const COACH = 'coach@acme.example';
const AS_OF = '2026-06-30';

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
    coach: 'coach@globex.example',
    startDate: '2025-12-01',
    stage: { signed: 30 },
  }),
];

const seed = seedOnce(async () => {
  await clearFirestore();
  await seedSponsor('acme', 'Acme IT', { [ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  await seedSponsor('globex', 'Globex', { [GLOBEX_ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  for (const [sid, as, records] of [
    ['acme', ADMIN, acme],
    ['globex', GLOBEX_ADMIN, globex],
  ] as const) {
    const res = await call('POST', `/v1/sponsors/${sid}/sync`, {
      as,
      body: { idempotencyKey: `cli-${sid}-1`, asOf: AS_OF, records },
    });
    expect(res.status).toBe(200);
  }
  // The coach confirms 15 of Ann's items: they count; the rest of her sheet stays pending.
  const confirm = { signOffs: acme[0]!.signOffs!.slice(0, 15).map((s) => s.itemId) };
  expect(
    (await call('POST', '/v1/sponsors/acme/apprentices/ann/confirmations', { as: COACH, body: confirm })).status,
  ).toBe(201);
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

/** The apprentice ids of a cohort report, with their sponsor, one per apprentice. */
async function cohortApprentices(path: string): Promise<string[]> {
  const rows = (await workbook(path)).Cohort!;
  const header = rows.findIndex((r) => r.includes('Apprentice id'));
  const [sponsor, id] = ['Sponsor', 'Apprentice id'].map((h) => rows[header]!.indexOf(h));
  return [...new Set(rows.slice(header + 1).map((r) => `${r[sponsor!]}/${r[id!]}`))].sort();
}

describe('qualcard progress', () => {
  test('a consultant prints the sponsor table, one row per apprentice, as stored; --json is the API answer', async () => {
    const api = await call<ProgressListAnswer>('GET', '/v1/sponsors/acme/progress', { as: CONSULTANT });
    expect(api.status).toBe(200);
    const json = await qualcard(['progress', '--sponsor', 'acme', '--json'], { email: CONSULTANT });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(api.body);

    const { code, out, err } = await qualcard(['progress', '--sponsor', 'acme'], { email: CONSULTANT });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^APPRENTICE\s+NAME\s+FRAMEWORK\s+LEVEL\s+%\s+GAPS\s+PENDING\s+PROJECTED/);
    // The table ends at the first blank line (status reasons, when the API stores any, come after it).
    const rows = lines.slice(1, lines.includes('') ? lines.indexOf('') : undefined);
    expect(rows.map((r) => r.split(' ')[0])).toEqual(api.body.apprentices.map((a) => a.apprenticeId));
    for (const a of api.body.apprentices) {
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
    const ann = api.body.apprentices.find((a) => a.apprenticeId === 'ann')!;
    expect(ann.progress.levels[0]!.items.done).toBe(15);
    expect(ann.progress.entries['sign-off'].pending).toBe(5);
  });

  test('one apprentice: the row and each level', async () => {
    const { code, out } = await qualcard(['progress', '--sponsor', 'acme', '--apprentice', 'ann'], { email: ADMIN });
    expect(code).toBe(0);
    expect(out).toMatch(/^ann\s+Ann Example\s+nitas-help-desk 1\.0\.0\s+L1\s/m);
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
    const m = /^transcript version 1 of ann \(nitas-help-desk 1\.0\.0, as of 2026-06-30\): (\d+) bytes -> (.+)\n$/.exec(
      out,
    );
    expect(m).not.toBeNull();
    expect(m![2]).toBe('transcript-Ann-Example-v1.xlsx');
    const bytes = readFileSync(join(dir, m![2]!));
    expect(bytes.length).toBe(Number(m![1]));
    const listed = await call<TranscriptListAnswer>('GET', '/v1/sponsors/acme/apprentices/ann/transcripts', {
      as: ADMIN,
    });
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
    expect(await cohortApprentices(join(dir, 'one.xlsx'))).toEqual(['Acme IT/ann', 'Acme IT/ben']);

    const both = ['report', '--sponsor', 'acme', '--sponsor', 'globex', '--out', join(dir, 'both.xlsx')];
    expect((await qualcard(both, { email: CONSULTANT })).code).toBe(0);
    const all = ['Acme IT/ann', 'Acme IT/ben', 'Globex/gus'];
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
