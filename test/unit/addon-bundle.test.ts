// The built add-on as Apps Script loads it: Code.js in a fresh node:vm context with stub globals exposes
// exactly the entry points, and onOpen builds the menu. The manifest has only the minimal scopes.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAddon, CODE_BUDGET_BYTES } from '../../addon/build';
import { runBundle } from '../../addon/test-support/run-bundle';
import { getFramework, shippedFrameworks } from '../../shared/src';

const ENTRY_POINTS = [
  'applyMigration',
  'apprenticeHome',
  'askCoachToConfirm',
  'attestSelection',
  'checkProgress',
  'chooseRole',
  'coachHome',
  'confirmMyTicks',
  'connect',
  'createFrameworkSheet',
  'createRoster',
  'createWageSchedule',
  'credentialFiles',
  'downloadCohortReport',
  'downloadLearnerRecord',
  'downloadTranscript',
  'exportTranscript',
  'generateApprentices',
  'getCohortState',
  'getDigest',
  'getHome',
  'getState',
  'importFrameworkSheet',
  'keepCredential',
  'listMembers',
  'onInstall',
  'onOpen',
  'previewMigration',
  'publishFramework',
  'recordRaise',
  'recordResults',
  'refreshCohort',
  'removeMember',
  'revokeCredential',
  'saveDigest',
  'saveEndpoint',
  'savePrograms',
  'saveSetup',
  'setMember',
  'showSidebar',
  'signOffSelection',
  'withdrawSelection',
];
let outDir: string;
let built: Awaited<ReturnType<typeof buildAddon>>;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'qualcard-addon-'));
  built = await buildAddon({ outDir, endpoint: 'https://us-central1-demo.cloudfunctions.net/api' });
  expect(built.entryPoints).toEqual(ENTRY_POINTS);
}, 60_000);

const load = () => runBundle(readFileSync(join(outDir, 'Code.js'), 'utf8'));

test('exactly the entry points are top-level functions; nothing else callable is exposed', () => {
  const { context, added } = load();
  const functions = added.filter((k) => typeof context[k] === 'function').sort();
  expect(functions).toEqual(ENTRY_POINTS);
  // Plain objects cannot be called by google.script.run: the bundle's namespace and zod's own registries.
  expect(added.filter((k) => typeof context[k] !== 'function').sort()).toEqual([
    '__qualcard',
    '__zod_globalConfig',
    '__zod_globalRegistry',
  ]);
});

test('onOpen in the bundle builds the add-on menu, and getState answers with plain data', () => {
  const { fake, context } = load();
  (context.onOpen as (e: unknown) => void)({ authMode: 'LIMITED' });
  expect(fake.menus).toEqual([{ title: 'add-on', items: [['Open', 'showSidebar']] }]);
  const state = (context.getState as () => unknown)();
  // What google.script.run would pass back: JSON round trip unchanged (no Dates, no functions).
  expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  expect((state as { available: unknown[] }).available).toHaveLength(5);
});

test('in the bundle (no Node globals such as structuredClone), a sponsor framework extending NITAS is checked row by row', () => {
  const { fake, context } = load();
  expect(typeof (context as { structuredClone?: unknown }).structuredClone).toBe('undefined');
  (context.saveSetup as (x: unknown) => unknown)({ frameworkIds: ['nitas-help-desk'] });
  (context.createFrameworkSheet as () => unknown)();
  const result = (context.importFrameworkSheet as (x: unknown) => { ok: boolean; errors: string[] })({
    baseId: 'nitas-help-desk',
  });
  expect(result.ok).toBe(false);
  expect(result.errors.join('\n')).toContain(
    'Framework row 2, column ojl_hours: level L1 of nitas-help-desk requires 1400 hours',
  );
  expect(fake.lock.held).toBe(false);
});

test(`Code.js stays within its budget (${CODE_BUDGET_BYTES / 1024} KiB), with zod's English messages only`, () => {
  expect(built.codeBytes).toBe(statSync(join(outDir, 'Code.js')).size);
  expect(built.codeBytes).toBeLessThanOrEqual(CODE_BUDGET_BYTES);
  // `import { z } from 'zod'` would bring every locale (271 KB); the namespace import brings the one zod uses.
  expect(Object.keys(built.parts).filter((p) => p.startsWith('zod locale'))).toEqual(['zod locale en']);
  expect(built.parts.zod).toBeGreaterThan(0);
});

test('the shipped frameworks travel gzipped, checked at build time, and decode in the bundle on first use', () => {
  const code = readFileSync(join(outDir, 'Code.js'), 'utf8');
  const nitas = getFramework('nitas-help-desk')!;
  // Not as object literals (165 KB evaluated by every execution): the text is nowhere in the clear.
  expect(code).not.toContain(nitas.program.certificationNote);
  expect(built.parts['shipped frameworks']).toBeLessThan(60 * 1024);
  const { context } = load();
  const state = (context.getState as () => { available: { id: string; items: number }[] })();
  expect(state.available).toEqual(
    shippedFrameworks().map((f) =>
      expect.objectContaining({ id: f.id, items: f.workFunctions.reduce((n, wf) => n + wf.items.length, 0) }),
    ),
  );
});

test('a stack trace from the bundle names the function and a short line of Code.js', () => {
  const code = readFileSync(join(outDir, 'Code.js'), 'utf8');
  // Was 100 lines of up to 300,000 characters; long zod regular expressions aside, lines are ~200.
  expect(Math.max(...code.split('\n').map((l) => l.length))).toBeLessThan(2000);
  const { context } = load();
  context.Utilities = undefined; // the frameworks' decoding then fails inside loadShippedFrameworks
  let stack = '';
  try {
    (context.getState as () => unknown)();
  } catch (e) {
    stack = (e as Error).stack ?? '';
  }
  const at = /at loadShippedFrameworks \(Code\.js:(\d+):\d+\)/.exec(stack);
  expect(at).not.toBeNull();
  expect(stack).toMatch(/at shippedFrameworks \(Code\.js:\d+:\d+\)/);
  expect(code.split('\n')[Number(at![1]) - 1]!.length).toBeLessThanOrEqual(400);
});

test('the manifest asks only for the minimal scopes and allows only the functions URL', () => {
  const manifest = JSON.parse(readFileSync(join(outDir, 'appsscript.json'), 'utf8')) as {
    oauthScopes: string[];
    urlFetchWhitelist: string[];
    runtimeVersion: string;
  };
  expect(manifest.oauthScopes.sort()).toEqual([
    'https://www.googleapis.com/auth/script.container.ui',
    'https://www.googleapis.com/auth/script.external_request',
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    'https://www.googleapis.com/auth/userinfo.email',
    'openid',
  ]);
  expect(manifest.urlFetchWhitelist).toEqual(['https://us-central1-demo.cloudfunctions.net/']);
  expect(manifest.runtimeVersion).toBe('V8');
});

test('the sidebar is one HTML file with its CSS and JS inlined', () => {
  const html = readFileSync(join(outDir, 'Sidebar.html'), 'utf8');
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
  expect(html).not.toContain('/*STYLE*/');
  expect(html).not.toContain('/*SCRIPT*/');
  expect(html).toContain('google.script.run');
  expect(html).toMatch(/progress \{\s*width: 100%/);
});
