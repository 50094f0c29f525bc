// The API commands (progress, transcript, report, publish) against a local HTTP server that answers as the API's
// contract says: what each command sends, what it prints or writes, and how each refusal reads. The same commands
// against the real API on the emulators: test/emulator/cli.test.ts.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApprenticeRecord, computeProgress, getFramework, summarizeProgress } from '../../shared/src';
import { main } from '../../tools/cli/main';
import { nextVersion } from '../../tools/cli/remote';

const ROOT = resolve(__dirname, '../..');
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJl';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}
interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
type Route = (req: Seen) => Reply | undefined;

let server: Server;
let base: string;
let seen: Seen[];
let route: Route;

const read = (req: IncomingMessage): Promise<string> =>
  new Promise((done) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done(Buffer.concat(chunks).toString('utf8')));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const s: Seen = {
      method: req.method!,
      url: req.url!,
      authorization: req.headers.authorization,
      body: await read(req),
    };
    seen.push(s);
    const reply = route(s);
    if (!reply) return; // never answers: the client's time limit
    const isBytes = Buffer.isBuffer(reply.body) || typeof reply.body === 'string';
    res.writeHead(reply.status, { ...(isBytes ? {} : { 'content-type': 'application/json' }), ...reply.headers });
    res.end(isBytes ? reply.body : JSON.stringify(reply.body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/demo-qualcard/us-central1/api`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((done) => server.close(() => done()));
});
beforeEach(() => {
  seen = [];
  route = () => ({ status: 500, body: { error: { message: 'no route in this test' } } });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}, columns = 80) {
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
    { QUALCARD_API: base, QUALCARD_ID_TOKEN: TOKEN, PATH: process.env.PATH, ...env },
    columns,
  );
  return { code, out, err };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'qualcard-cli-api-'));
const apiError = (status: number, message: string): Reply => ({
  status,
  body: { error: { status, code: 'x', message } },
});

/**
 * Stored progress as the API keeps it: the engine's summary of the example record; `status: null` is progress stored
 * before the engine gave a status.
 */
function stored(status?: { status: string; reason?: string } | null) {
  const record = ApprenticeRecord.parse(JSON.parse(readFileSync(join(ROOT, 'examples/nitas-apprentice.json'), 'utf8')));
  const progress = summarizeProgress(computeProgress(getFramework('nitas-help-desk')!, record, '2026-10-01'));
  const a = record.apprentice;
  return {
    sponsorId: 'acme',
    apprenticeId: a.id,
    name: a.name,
    email: a.email,
    coachEmails: a.coachEmails,
    frameworkId: a.frameworkId,
    progress: status === null ? { ...progress, status: undefined } : status ? { ...progress, status } : progress,
    computedAt: '2026-10-01T00:00:00.000Z',
  };
}

describe('qualcard progress', () => {
  test('a sponsor: one row per apprentice, from progress stored before statuses; the token goes as a Bearer', async () => {
    const p = stored(null);
    route = () => ({ status: 200, body: { sponsorId: 'acme', apprentices: [p] } });
    const { code, out } = await cli(['progress', '--sponsor', 'acme']);
    expect(code).toBe(0);
    expect(seen).toEqual([
      {
        method: 'GET',
        url: '/demo-qualcard/us-central1/api/v1/sponsors/acme/progress',
        authorization: `Bearer ${TOKEN}`,
        body: '',
      },
    ]);
    const target = p.progress.levels.find((l) => l.levelId === p.progress.targetLevelId)!;
    const pending = Object.values(p.progress.entries).reduce((n, e) => n + e.pending, 0);
    const gaps = p.progress.levelGapCounts[p.progress.targetLevelId]!;
    expect(out.split('\n')[0]).toMatch(/^APPRENTICE\s+NAME\s+FRAMEWORK\s+LEVEL\s+%\s+GAPS\s+PENDING\s+PROJECTED$/);
    expect(out).toMatch(
      new RegExp(
        `^acme-007\\s+Lin Okafor\\s+nitas-help-desk 1\\.1\\.0\\s+L2\\s+${target.percent.toFixed(1)}\\s+${gaps}\\s+${pending}\\s+${p.progress.projectedCompletion}$`,
        'm',
      ),
    );
    expect(out).not.toContain('STATUS');
  });

  test('a stored status is a column, its reason wrapped below the table', async () => {
    const reason =
      'No sign-off or hours entry for 120 days: the sponsor should confirm the apprentice is still active.';
    route = () => ({ status: 200, body: { sponsorId: 'acme', apprentices: [stored({ status: 'stalled', reason })] } });
    const { out } = await cli(['progress', '--sponsor', 'acme'], {}, 60);
    expect(out.split('\n')[0]).toMatch(/PROJECTED\s+STATUS$/);
    expect(out).toMatch(/\s+stalled$/m);
    expect(out).toContain('Status reasons:\n  acme-007: No sign-off or hours entry for 120 days: the\n');
    const other = { ...stored(), progress: { ...stored().progress, status: 'stalled' } };
    route = () => ({ status: 200, body: { sponsorId: 'acme', apprentices: [other] } });
    expect(await cli(['progress', '--sponsor', 'acme'])).toMatchObject({
      code: 0,
      out: expect.not.stringContaining('STATUS'),
    });
  });

  test('one apprentice: the row, each level and the listed gaps; --json prints the answer as is', async () => {
    const p = stored();
    route = () => ({ status: 200, body: p });
    const { out } = await cli(['progress', '--sponsor', 'acme', '--apprentice', 'acme-007']);
    expect(seen[0]!.url).toMatch(/\/v1\/sponsors\/acme\/apprentices\/acme-007\/progress$/);
    expect(out).toMatch(/^L2\* Level 2 - Full Working\s+10\/35\s+/m);
    expect(out).toContain(`Gaps listed (`);
    const json = await cli(['progress', '--sponsor', 'acme', '--apprentice', 'acme-007', '--json']);
    expect(JSON.parse(json.out)).toEqual(p);
  });

  test('the FRAMEWORK column names the version the stored progress was computed against', async () => {
    const p = stored();
    const { frameworkVersion: _, ...summary } = p.progress;
    const pinned = { ...p, frameworkVersion: '1.0.0-sponsor.2', progress: summary };
    route = () => ({ status: 200, body: { sponsorId: 'acme', apprentices: [pinned] } });
    expect((await cli(['progress', '--sponsor', 'acme'])).out).toMatch(
      /^acme-007\s+Lin Okafor\s+nitas-help-desk 1\.0\.0-sponsor\.2\s+L2\s/m,
    );
    route = () => ({ status: 200, body: { sponsorId: 'acme', apprentices: [{ ...p, progress: summary }] } });
    expect((await cli(['progress', '--sponsor', 'acme'])).out).toMatch(
      /^acme-007\s+Lin Okafor\s+nitas-help-desk\s+L2\s/m,
    );
  });

  test('a sponsor with nothing stored says so; ids are sent as one path segment', async () => {
    route = () => ({ status: 200, body: { sponsorId: 'a/b', apprentices: [] } });
    expect((await cli(['progress', '--sponsor', 'a/b'])).out).toBe(
      'no progress stored for sponsor a/b yet (sync first)\n',
    );
    expect(seen[0]!.url).toMatch(/\/v1\/sponsors\/a%2Fb\/progress$/);
  });

  test('an answer of another shape is reported as the API answering wrongly, not a crash', async () => {
    route = () => ({ status: 200, body: { sponsorId: 'acme', apprentices: [{ apprenticeId: 'x' }] } });
    expect(await cli(['progress', '--sponsor', 'acme'])).toMatchObject({
      code: 1,
      err: 'unexpected answer to progress (HTTP 200): apprentices.0.name: Invalid input: expected string, received undefined\n',
    });
  });
});

describe('errors', () => {
  test('401: the server says why, and how to get a token', async () => {
    route = () => apiError(401, 'the ID token has expired');
    expect(await cli(['progress', '--sponsor', 'acme'])).toEqual({
      code: 1,
      out: '',
      err: 'the API refused the token (401): the ID token has expired; set QUALCARD_ID_TOKEN or run gcloud auth login\n',
    });
  });

  test('403 names the sponsor(s) and the server message', async () => {
    route = () => apiError(403, 'c@x.example has no role at sponsor globex');
    expect((await cli(['progress', '--sponsor', 'globex'])).err).toBe(
      'access refused for sponsor globex (403): c@x.example has no role at sponsor globex\n',
    );
    expect((await cli(['report', '--sponsor', 'acme', '--sponsor', 'globex'])).err).toMatch(
      /^access refused for sponsor acme, globex \(403\): /,
    );
  });

  test('an error page that is not the API JSON is summarised by its status, never printed', async () => {
    route = () => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><pre>at Object.<anonymous> /srv/x.js</pre></html>',
    });
    const { code, err } = await cli(['progress', '--sponsor', 'acme']);
    expect(code).toBe(1);
    expect(err).toBe(
      "HTTP 502 from the server (not the API's JSON error; the Qualcard service did not answer itself: unavailable, overloaded or timed out, try again later)\n",
    );
    route = () => ({ status: 401, headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect((await cli(['progress', '--sponsor', 'acme'])).err).toMatch(
      /^the API refused the token \(401\): HTTP 401 from the server/,
    );
  });

  test('an unreachable URL: a closed port, an unknown host, no answer in time', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const url = `http://127.0.0.1:${port}/api`;
    expect(await cli(['progress', '--sponsor', 'acme', '--api', url])).toEqual({
      code: 1,
      out: '',
      err: `cannot reach ${url}: connection refused (nothing listens at that address and port)\n`,
    });
    const dns = await cli(['progress', '--sponsor', 'acme', '--api', 'https://qualcard.invalid/api']);
    expect(dns.err).toMatch(
      /^cannot reach https:\/\/qualcard\.invalid\/api: (no such host qualcard\.invalid \(DNS\)|the host name qualcard\.invalid could not be looked up)/,
    );
    route = () => undefined;
    expect((await cli(['progress', '--sponsor', 'acme'], { QUALCARD_TIMEOUT: '1' })).err).toBe(
      `cannot reach ${base}: no answer within 1 s\n`,
    );
  });
});

describe('the API URL and the token', () => {
  test('the URL: --api before QUALCARD_API; https, or http on this machine only', async () => {
    route = () => ({ status: 200, body: { sponsorId: 'acme', apprentices: [] } });
    expect((await cli(['progress', '--sponsor', 'acme', '--api', `${base}/`])).code).toBe(0);
    expect((await cli(['progress', '--sponsor', 'acme'], { QUALCARD_API: '' })).err).toMatch(
      /^no API URL: give --api <url> or set QUALCARD_API \(for the emulators http:\/\/127\.0\.0\.1:5001\//,
    );
    expect((await cli(['progress', '--sponsor', 'acme', '--api', 'http://qualcard.acme.com/api'])).err).toMatch(
      /^--api http:\/\/qualcard\.acme\.com\/api: an https:\/\/ URL with a full domain name/,
    );
    expect((await cli(['progress', '--sponsor', 'acme'], { QUALCARD_API: 'https://x/api?y' })).err).toMatch(
      /^QUALCARD_API https:\/\/x\/api\?y: an https:\/\/ URL/,
    );
    expect(seen).toHaveLength(1);
  });

  test('no token and no gcloud: says how to set one; a token of the wrong shape is refused before sending', async () => {
    const empty = tmp();
    expect(await cli(['progress', '--sponsor', 'acme'], { QUALCARD_ID_TOKEN: '', PATH: empty })).toEqual({
      code: 1,
      out: '',
      err: 'no ID token: gcloud is not installed; set QUALCARD_ID_TOKEN to a Google ID token, or install the Google Cloud CLI and run gcloud auth login\n',
    });
    expect((await cli(['progress', '--sponsor', 'acme'], { QUALCARD_ID_TOKEN: 'Bearer abc' })).err).toBe(
      'QUALCARD_ID_TOKEN: not an ID token (three base64url parts joined by ".")\n',
    );
    expect(seen).toHaveLength(0);
  });

  test('the token from gcloud auth print-identity-token; a gcloud failure is reported with its message', async () => {
    const bin = tmp();
    writeFileSync(
      join(bin, 'gcloud'),
      `#!/bin/sh\n[ "$*" = "auth print-identity-token" ] && echo ${TOKEN} && exit 0\nexit 9\n`,
      { mode: 0o755 },
    );
    route = () => ({ status: 200, body: { sponsorId: 'acme', apprentices: [] } });
    expect((await cli(['progress', '--sponsor', 'acme'], { QUALCARD_ID_TOKEN: '', PATH: bin })).code).toBe(0);
    expect(seen[0]!.authorization).toBe(`Bearer ${TOKEN}`);
    writeFileSync(
      join(bin, 'gcloud'),
      '#!/bin/sh\necho "ERROR: (gcloud.auth.print-identity-token) You do not currently have an active account selected." >&2\nexit 1\n',
      { mode: 0o755 },
    );
    expect((await cli(['progress', '--sponsor', 'acme'], { QUALCARD_ID_TOKEN: '', PATH: bin })).err).toBe(
      'gcloud auth print-identity-token failed (ERROR: (gcloud.auth.print-identity-token) You do not currently have an active account selected.); set QUALCARD_ID_TOKEN to a Google ID token, or install the Google Cloud CLI and run gcloud auth login\n',
    );
  });
});

describe('qualcard transcript and report', () => {
  const bytes = Buffer.from('PK\u0003\u0004 not really a workbook, but bytes');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const meta = {
    id: 'v00003',
    sponsorId: 'acme',
    apprenticeId: 'ann',
    version: 3,
    sha256: sha,
    size: bytes.length,
    fileName: 'transcript-Ann-v3.xlsx',
    contentType: XLSX,
    frameworkId: 'nitas-help-desk',
    frameworkVersion: '1.0.0',
    asOf: '2026-06-30',
    createdAt: '2026-06-30T10:00:00.000Z',
    createdBy: 'admin@acme.example',
  };
  const transcriptRoute: Route = (r) =>
    r.method === 'POST'
      ? { status: 201, body: meta }
      : {
          status: 200,
          headers: { 'content-type': XLSX, 'content-disposition': 'attachment; filename="transcript-Ann-v3.xlsx"' },
          body: bytes,
        };

  test('exports a version, downloads it and writes it under the name the server gives', async () => {
    route = transcriptRoute;
    const dir = tmp();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { code, out } = await cli([
        'transcript',
        '--sponsor',
        'acme',
        '--apprentice',
        'ann',
        '--as-of',
        '2026-06-30',
      ]);
      expect(code).toBe(0);
      expect(out).toBe(
        `transcript version 3 of ann (nitas-help-desk 1.0.0, as of 2026-06-30): ${bytes.length} bytes -> transcript-Ann-v3.xlsx\n`,
      );
      expect(readFileSync(join(dir, 'transcript-Ann-v3.xlsx'))).toEqual(bytes);
    } finally {
      process.chdir(cwd);
    }
    expect(seen.map((s) => `${s.method} ${s.url.replace(/^.*\/api/, '')} ${s.body}`)).toEqual([
      'POST /v1/sponsors/acme/apprentices/ann/transcripts {"asOf":"2026-06-30"}',
      'GET /v1/sponsors/acme/apprentices/ann/transcripts/v00003 ',
    ]);
  });

  test('--out and --json; a download that does not match its SHA-256 is not written', async () => {
    route = transcriptRoute;
    const target = join(tmp(), 't.xlsx');
    const json = JSON.parse(
      (await cli(['transcript', '--sponsor', 'acme', '--apprentice', 'ann', '--out', target, '--json'])).out,
    );
    expect(json).toEqual({ ...meta, file: target });
    expect(seen[0]!.body).toBe('{}');
    route = (r) =>
      r.method === 'POST' ? { status: 201, body: { ...meta, sha256: '0'.repeat(64) } } : transcriptRoute(r);
    const other = join(tmp(), 't.xlsx');
    expect((await cli(['transcript', '--sponsor', 'acme', '--apprentice', 'ann', '--out', other])).err).toMatch(
      /^transcript v00003 of ann: the download does not match its SHA-256 0{64}; try again\n$/,
    );
    expect(existsSync(other)).toBe(false);
  });

  test('bad --out and --as-of are refused before any request', async () => {
    const dir = tmp();
    expect((await cli(['transcript', '--sponsor', 'acme', '--apprentice', 'ann', '--out', dir])).err).toBe(
      `--out ${dir}: is a directory; give a file name\n`,
    );
    expect((await cli(['transcript', '--sponsor', 'acme', '--apprentice', 'ann', '--as-of', '2026-6-1'])).err).toBe(
      '--as-of 2026-6-1: a date as YYYY-MM-DD\n',
    );
    expect(seen).toHaveLength(0);
  });

  test('report: one sponsor, several, or every sponsor the caller serves', async () => {
    route = () => ({
      status: 200,
      headers: {
        'content-type': XLSX,
        'content-disposition': 'attachment; filename="../cohort-report-2026-06-30.xlsx"',
      },
      body: bytes,
    });
    const dir = tmp();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await cli(['report', '--sponsor', 'acme'])).out).toBe(
        `cohort report for sponsor acme: ${bytes.length} bytes -> cohort-report-2026-06-30.xlsx\n`,
      );
      expect(readFileSync(join(dir, 'cohort-report-2026-06-30.xlsx'))).toEqual(bytes);
    } finally {
      process.chdir(cwd);
    }
    const out = join(tmp(), 'r.xlsx');
    expect((await cli(['report', '--sponsor', 'acme', '--sponsor', 'globex', '--out', out])).out).toContain(
      'cohort report for sponsors acme, globex',
    );
    expect(JSON.parse((await cli(['report', '--out', out, '--json'])).out)).toEqual({
      file: out,
      bytes: bytes.length,
      sponsors: [],
    });
    expect(seen.map((s) => s.url.replace(/^.*\/api/, ''))).toEqual([
      '/v1/sponsors/acme/cohort-report',
      '/v1/cohort-report?sponsorId=acme&sponsorId=globex',
      '/v1/cohort-report',
    ]);
  });

  test('an answer that is not an .xlsx is not saved', async () => {
    route = () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>sign in</html>' });
    const out = join(tmp(), 'r.xlsx');
    expect((await cli(['report', '--out', out])).err).toBe(
      'expected an .xlsx file, got text/html (20 bytes): not saved\n',
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('qualcard publish', () => {
  const file = (): string => {
    const dir = tmp();
    const f = getFramework('it-generalist-wps')!;
    writeFileSync(join(dir, 'acme.json'), JSON.stringify({ ...f, id: 'acme-generalist', version: '1.0.0-sponsor.1' }));
    return join(dir, 'acme.json');
  };

  test('201: published; 200: already published, unchanged; the framework goes as {framework}', async () => {
    const path = file();
    route = () => ({
      status: 201,
      body: { frameworkId: 'acme-generalist', version: '1.0.0-sponsor.1', created: true },
    });
    expect(await cli(['publish', path, '--sponsor', 'acme'])).toEqual({
      code: 0,
      out: 'published acme-generalist 1.0.0-sponsor.1 for sponsor acme\n',
      err: '',
    });
    expect(seen[0]).toMatchObject({ method: 'POST', url: expect.stringMatching(/\/v1\/sponsors\/acme\/frameworks$/) });
    expect(JSON.parse(seen[0]!.body)).toEqual({ framework: JSON.parse(readFileSync(path, 'utf8')) });
    route = () => ({ status: 200, body: { created: false } });
    expect((await cli(['publish', path, '--sponsor', 'acme'])).out).toBe(
      'acme-generalist 1.0.0-sponsor.1 is already published for sponsor acme with the same content: nothing changed\n',
    );
    expect(JSON.parse((await cli(['publish', path, '--sponsor', 'acme', '--json'])).out)).toEqual({ created: false });
  });

  test('publishes what import wrote, as is', async () => {
    const target = join(tmp(), 'acme.json');
    const csv = join(ROOT, 'examples/sponsor-items.csv');
    expect(
      (await cli(['import', csv, '--extend', 'nitas-help-desk', '--id', 'acme-help-desk', '--out', target])).code,
    ).toBe(0);
    route = () => ({ status: 201, body: { frameworkId: 'acme-help-desk', version: '1.1.0-sponsor.1', created: true } });
    expect((await cli(['publish', target, '--sponsor', 'acme'])).out).toBe(
      'published acme-help-desk 1.1.0-sponsor.1 for sponsor acme\n',
    );
    expect(JSON.parse(seen[0]!.body).framework).toEqual(JSON.parse(readFileSync(target, 'utf8')));
  });

  test('the example of a new version: the last number one higher; none when the version ends otherwise', () => {
    expect(['1.0.0-sponsor.1', '2.0.9', '1.0.0-sponsor.19', '1.0.0-beta'].map(nextVersion)).toEqual([
      '1.0.0-sponsor.2',
      '2.0.10',
      '1.0.0-sponsor.20',
      undefined,
    ]);
  });

  test('409: the server message and what to do, by the field it names', async () => {
    const said =
      'framework.version: acme-generalist version "1.0.0-sponsor.1" was published on 2026-06-30T10:00:00.000Z by admin@acme.example with other content; a published version never changes: publish a new version';
    route = () => apiError(409, said);
    expect(await cli(['publish', file(), '--sponsor', 'acme'])).toEqual({
      code: 1,
      out: '',
      err: `sponsor acme cannot publish acme-generalist 1.0.0-sponsor.1 (409): ${said}; import the changed framework again with a new --version (e.g. --version 1.0.0-sponsor.2), then publish that file\n`,
    });
    const shipped =
      'framework.id: "acme-generalist" is a framework Qualcard ships; publish an extension under its own id';
    route = () => apiError(409, shipped);
    expect((await cli(['publish', file(), '--sponsor', 'acme'])).err).toBe(
      `sponsor acme cannot publish acme-generalist 1.0.0-sponsor.1 (409): ${shipped}; import it again with --extend acme-generalist --id <an id of your own>, then publish that file\n`,
    );
  });

  test('a file that is not a framework, and a missing --sponsor, are refused before any request', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.json'), '{"id": "x"}');
    expect((await cli(['publish', join(dir, 'x.json'), '--sponsor', 'acme'])).err).toMatch(
      /x\.json: not a valid framework\n/,
    );
    expect((await cli(['publish', join(dir, 'x.json')])).err).toBe(
      'publish needs --sponsor <sid>\nusage: qualcard publish <framework.json> --sponsor <sid> [--api <url>] [--json]\n',
    );
    expect(seen).toHaveLength(0);
  });
});

describe('arguments of the API commands', () => {
  test('required options, repeatable --sponsor for report only; a bad command line exits 2', async () => {
    expect((await cli(['transcript', '--sponsor', 'acme'])).code).toBe(2);
    expect((await cli(['transcript', '--sponsor', 'acme'])).err).toBe(
      'transcript needs --apprentice <aid>\nusage: qualcard transcript --sponsor <sid> --apprentice <aid> [--as-of YYYY-MM-DD] [--out <file>] [--api <url>] [--json]\n',
    );
    expect((await cli(['transcript'])).err).toMatch(/^transcript needs --sponsor <sid> and --apprentice <aid>\n/);
    expect((await cli(['progress', '--sponsor', 'a', '--sponsor', 'b'])).err).toBe(
      '--sponsor is given twice ("a" and "b")\n',
    );
    expect((await cli(['report', '--help'])).out).toContain(
      'qualcard report [--sponsor <sid> ...] [--out <file>] [--api <url>] [--json]',
    );
    expect((await cli(['progress', '--sponsr', 'acme'])).err).toBe(
      'unknown option --sponsr for progress; did you mean --sponsor?\n',
    );
    expect(seen).toHaveLength(0);
  });
});
