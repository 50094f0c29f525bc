// What the cloud build does with the deployed folder: copy functions/ alone (minus firebase.json's ignore list) to a
// directory with nothing around it, `npm ci` from its own lockfile on the deploy runtime's Node, read the function
// manifest the way the Firebase CLI does, then load lib/index.js in an HTTP server and ask it for /v1/health.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const FUNCTIONS = join(ROOT, 'functions');
const firebaseJson = JSON.parse(readFileSync(join(ROOT, 'firebase.json'), 'utf8'));
const functionsConfig = firebaseJson.functions[0] as { source: string; runtime: string; ignore: string[] };
let dir = '';

/** firebase.json's ignore entries are names or `*.ext` globs at the folder's top level. */
function ignored(name: string): boolean {
  return functionsConfig.ignore.some((p) => (p.startsWith('*') ? name.endsWith(p.slice(1)) : p === name));
}

/** npm's own CLI script, run with this process's Node (the project's Node 24), as the cloud build runs npm. */
function npmCli(): string {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv?.endsWith('npm-cli.js')) return fromEnv;
  const npm = realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
  return join(npm, '..', 'npm-cli.js');
}

/** A build machine's variables (path, home, network trust and proxies), nothing that points into the repository. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = /^(PATH|HOME|TMPDIR|NODE_EXTRA_CA_CERTS|(https?|no)_proxy)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => keep.test(k)));
  return { ...env, NODE_ENV: 'production', ...extra };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(FUNCTIONS, 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'qualcard-deploy-'));
  for (const name of readdirSync(FUNCTIONS)) {
    if (!ignored(name)) cpSync(join(FUNCTIONS, name), join(dir, name), { recursive: true });
  }
  execFileSync(process.execPath, [npmCli(), 'ci', '--no-audit', '--no-fund'], {
    cwd: dir,
    env: cleanEnv(),
    stdio: 'pipe',
  });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the deployed folder holds the bundle, its package.json and its lockfile, and no sources', () => {
  expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['lib', 'package-lock.json', 'package.json']));
  expect(existsSync(join(dir, 'src'))).toBe(false);
  expect(existsSync(join(dir, 'build.mjs'))).toBe(false);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  expect(functionsConfig.runtime).toBe(`nodejs${pkg.engines.node}`);
  expect(process.versions.node.split('.')[0]).toBe(pkg.engines.node);
});

test('npm ci from the lockfile installs the Firestore client firebase-admin needs', () => {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  expect(lock.packages[''].dependencies).toEqual(pkg.dependencies);
  expect(existsSync(join(dir, 'node_modules/@google-cloud/firestore/package.json'))).toBe(true);
  expect(JSON.parse(readFileSync(join(dir, 'node_modules/firebase-admin/package.json'), 'utf8')).version).toMatch(
    /^14\./,
  );
});

test('the manifest the Firebase CLI reads declares the api and daily functions with their runtime options and params', () => {
  const out = join(dir, 'manifest.json');
  const sdk = join(dir, 'node_modules/firebase-functions/lib/bin/firebase-functions.js');
  execFileSync(process.execPath, [sdk, '.'], {
    cwd: dir,
    env: cleanEnv({ FUNCTIONS_MANIFEST_OUTPUT_PATH: out, GCLOUD_PROJECT: 'demo-qualcard' }),
    stdio: 'pipe',
  });
  const manifest = JSON.parse(readFileSync(out, 'utf8'));
  const api = manifest.endpoints.api;
  expect(api.httpsTrigger).toBeDefined();
  expect(api).toMatchObject({ availableMemoryMb: 1024, cpu: 1, concurrency: 16, timeoutSeconds: 120 });
  expect(api.region).toBe('{{ params.QUALCARD_REGION }}');
  expect(api.maxInstances).toBe('{{ params.QUALCARD_MAX_INSTANCES }}');
  // The weekly digests: a Cloud Scheduler job every day at noon UTC, in the api's region.
  expect(manifest.endpoints.digests.scheduleTrigger).toMatchObject({
    schedule: 'every day 12:00',
    timeZone: 'Etc/UTC',
  });
  expect(manifest.endpoints.digests.region).toBe('{{ params.QUALCARD_REGION }}');
  const daily = manifest.endpoints.daily;
  expect(daily.scheduleTrigger).toMatchObject({ schedule: '*/10 2-5 * * *', timeZone: 'UTC' });
  expect(daily).toMatchObject({ availableMemoryMb: 1024, timeoutSeconds: 540 });
  expect(daily.region).toBe('{{ params.QUALCARD_REGION }}');
  const params = manifest.params.map((p: { name: string }) => p.name).sort();
  expect(params).toEqual([
    'QUALCARD_AUDIENCES',
    'QUALCARD_CREDENTIAL_KEY',
    'QUALCARD_MAIL_COLLECTION',
    'QUALCARD_MAX_INSTANCES',
    'QUALCARD_PUBLIC_URL',
    'QUALCARD_REGION',
  ]);
  // The credential signing key is a Secret Manager secret bound to the function, never a plain parameter.
  expect(manifest.params.find((p: { name: string }) => p.name === 'QUALCARD_CREDENTIAL_KEY').type).toBe('secret');
  expect(api.secretEnvironmentVariables).toEqual([expect.objectContaining({ key: 'QUALCARD_CREDENTIAL_KEY' })]);
});

test('lib/index.js loads with only the installed packages, answers a health request and logs each request', async () => {
  const server = join(dir, 'serve.cjs');
  writeFileSync(
    server,
    `const express = require('express');
const { api } = require('./lib/index.js');
const app = express();
app.use(api);
const listener = app.listen(0, '127.0.0.1', () => console.log('PORT ' + listener.address().port));`,
  );
  const child = spawn(process.execPath, [server], { cwd: dir, env: cleanEnv({ GCLOUD_PROJECT: 'demo-qualcard' }) });
  const output = collect(child);
  try {
    const port = await portOf(output);
    const health = await fetch(`http://127.0.0.1:${port}/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, service: 'qualcard', version: 1 });
    const requestId = health.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{16,64}$/i);
    const secret = 'private-person@acme.example';
    const sync = await fetch(`http://127.0.0.1:${port}/v1/sponsors/acme/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: 'deploy-test-0001', records: [{ apprentice: { email: secret } }] }),
    });
    expect(sync.status).toBe(401);
    const body = (await sync.json()) as { error: { code: string } };
    expect(body.error.code).toBe('unauthenticated');
    const entries = await logEntries(output, 2);
    expect(entries).toContainEqual(
      expect.objectContaining({ requestId, method: 'GET', route: '/v1/health', status: 200 }),
    );
    const refused = entries.find((e) => e.route === '/v1/sponsors/:sponsorId/sync');
    expect(refused).toMatchObject({ sponsorId: 'acme', status: 401, severity: 'WARNING' });
    expect(typeof refused?.durationMs).toBe('number');
    expect(output.text()).not.toContain(secret);
  } finally {
    child.kill();
  }
});

interface Output {
  text(): string;
  wait(test: (text: string) => boolean): Promise<string>;
}

/** Everything the child prints, and a way to wait until it has printed something. */
function collect(child: ChildProcess): Output {
  let text = '';
  const waiters: (() => void)[] = [];
  const add = (d: Buffer) => {
    text += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  let exited = '';
  child.on('exit', (code) => {
    exited = `server exited with ${code}: ${text}`;
    for (const w of waiters.splice(0)) w();
  });
  const wait = (test: (t: string) => boolean): Promise<string> =>
    new Promise((resolveText, reject) => {
      const check = () => {
        if (test(text)) resolveText(text);
        else if (exited) reject(new Error(exited));
        else waiters.push(check);
      };
      check();
    });
  return { text: () => text, wait };
}

async function portOf(output: Output): Promise<number> {
  const text = await output.wait((t) => /PORT \d+/.test(t));
  return Number(/PORT (\d+)/.exec(text)?.[1]);
}

/** The structured request-log lines (JSON with a requestId), once at least `count` are out. */
async function logEntries(output: Output, count: number): Promise<Record<string, unknown>[]> {
  const parse = (t: string) =>
    t
      .split('\n')
      .filter((l) => l.startsWith('{') && l.includes('"requestId"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return parse(await output.wait((t) => parse(t).length >= count));
}
