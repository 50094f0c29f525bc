// The add-on build refuses to write what clasp pushes without a deployed functions URL, and writes that URL's
// origin into the manifest's urlFetchWhitelist when it has one. clasp itself is never run here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAddon, EndpointError, parseArgs, resolveWhitelist } from '../../addon/build';
import { checkEndpoint } from '../../addon/src/api/requests';
import { DeployedFunctionsUrl, FunctionsUrl, whitelistPrefix } from '../../shared/src/api/endpoint';

const root = join(__dirname, '..', '..');
const dist = join(root, 'addon', 'dist');
const PROD = 'https://us-central1-qualcard-prod.cloudfunctions.net/api';
const BAD: [string, RegExp][] = [
  ['https://REGION-PROJECT.cloudfunctions.net/', /placeholder/],
  ['https://us-central1-<project>.cloudfunctions.net/api', /placeholder/],
  ['https://us-central1-your-project.cloudfunctions.net/api', /placeholder/],
  ['http://us-central1-qualcard-prod.cloudfunctions.net/api', /an https:\/\/ URL/],
  ['http://127.0.0.1:5001/demo-qualcard/us-central1/api', /an https:\/\/ URL/],
  ['https://localhost:5001/api', /an https:\/\/ URL with a full domain name/],
  ['https://functions.localhost/api', /local host/],
  ['https://fn.example.com/api', /reserved example domain/],
  ['https://us-central1-demo-qualcard.cloudfunctions.net/api', /demo- project/],
  ['https://us-central1-qualcard-prod.cloudfunctions.net/api?key=1', /no query/],
  ['not a url', /an https:\/\/ URL/],
];

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.QUALCARD_ENDPOINT;
  delete process.env.QUALCARD_ENDPOINT;
});
afterEach(() => {
  if (saved === undefined) delete process.env.QUALCARD_ENDPOINT;
  else process.env.QUALCARD_ENDPOINT = saved;
});

test('the source manifest has no urlFetchWhitelist to push by mistake (the build writes it)', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'addon', 'appsscript.json'), 'utf8')) as object;
  expect(manifest).not.toHaveProperty('urlFetchWhitelist');
});

test('the push build refuses without an endpoint, naming what to set', async () => {
  for (const outDir of [dist, undefined]) {
    const refused = buildAddon(outDir ? { outDir } : {});
    await expect(refused).rejects.toThrow(EndpointError);
    await expect(refused).rejects.toThrow(/Set QUALCARD_ENDPOINT to the deployed functions URL/);
  }
  expect(() => resolveWhitelist('   ', dist)).toThrow(/npm run build:addon -- --local/);
});

test.each(BAD)('the build refuses %s, even outside the push folder, before writing anything', async (url, why) => {
  const outDir = join(mkdtempSync(join(tmpdir(), 'qualcard-push-')), 'dist');
  await expect(buildAddon({ endpoint: url, outDir })).rejects.toThrow(why);
  await expect(buildAddon({ endpoint: url, outDir })).rejects.toThrow(/QUALCARD_ENDPOINT/);
  expect(existsSync(outDir)).toBe(false);
  expect(DeployedFunctionsUrl.safeParse(url).success).toBe(false);
});

test('npm run build:addon exits non-zero (so push:addon never reaches clasp) with an empty QUALCARD_ENDPOINT', () => {
  const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['addon/build.ts'], {
    cwd: root,
    env: { ...process.env, QUALCARD_ENDPOINT: '' },
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('add-on not built');
  expect(run.stderr).toContain('QUALCARD_ENDPOINT=https://us-central1-<project>.cloudfunctions.net/api');
});

test('with QUALCARD_ENDPOINT set to a deployed URL the manifest allows exactly its origin', async () => {
  process.env.QUALCARD_ENDPOINT = PROD;
  const outDir = mkdtempSync(join(tmpdir(), 'qualcard-push-'));
  const built = await buildAddon({ outDir });
  expect(built.urlFetchWhitelist).toEqual(['https://us-central1-qualcard-prod.cloudfunctions.net/']);
  const manifest = JSON.parse(readFileSync(join(outDir, 'appsscript.json'), 'utf8')) as { urlFetchWhitelist: string[] };
  expect(manifest.urlFetchWhitelist).toEqual(['https://us-central1-qualcard-prod.cloudfunctions.net/']);
  expect(existsSync(join(outDir, 'Code.js'))).toBe(true);
}, 60_000);

test('whitelist entries follow Apps Script: https, full domain, trailing-slash path', () => {
  expect(resolveWhitelist(`${PROD}/`, dist)).toEqual(['https://us-central1-qualcard-prod.cloudfunctions.net/']);
  expect(resolveWhitelist('https://API-abc123-uc.a.run.app', dist)).toEqual(['https://api-abc123-uc.a.run.app/']);
  expect(whitelistPrefix('https://qualcard.acme.com:8443/api')).toBe('https://qualcard.acme.com:8443/');
  expect(whitelistPrefix('https://qualcard.acme.com:443/api')).toBe('https://qualcard.acme.com/');
  // A build that is never pushed (tests, --local) may have no endpoint, and then no whitelist.
  expect(resolveWhitelist(undefined, join(tmpdir(), 'elsewhere'))).toBeUndefined();
});

test('command line: --endpoint <url>, --endpoint=<url>, --local (out/addon)', () => {
  expect(parseArgs(['--endpoint', PROD])).toEqual({ endpoint: PROD });
  expect(parseArgs([`--endpoint=${PROD}`])).toEqual({ endpoint: PROD });
  expect(parseArgs(['--local'])).toEqual({ outDir: join(root, 'out', 'addon') });
  expect(() => parseArgs(['--endpoint'])).toThrow(/--endpoint needs a URL/);
  expect(() => parseArgs(['--push'])).toThrow(/unknown argument --push/);
});

test('one URL rule: set-up accepts what the build accepts, plus an emulator and example domains for tests', () => {
  expect(FunctionsUrl.safeParse(PROD).success).toBe(true);
  expect(checkEndpoint({ baseUrl: PROD, sponsorId: 'acme' })).toEqual([]);
  expect(checkEndpoint({ baseUrl: 'https://fn.example.com/api', sponsorId: 'acme' })).toEqual([]);
  expect(checkEndpoint({ baseUrl: 'http://127.0.0.1:5001/demo/us-central1/api', sponsorId: 'acme' })).toEqual([]);
  expect(checkEndpoint({ baseUrl: 'https://REGION-PROJECT.cloudfunctions.net/', sponsorId: 'acme' })).toEqual([
    'endpoint: a placeholder, not a deployed URL: give the real one, e.g. https://us-central1-<project>.cloudfunctions.net/api',
  ]);
});
