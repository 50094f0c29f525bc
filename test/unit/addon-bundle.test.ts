// The built add-on as Apps Script loads it: Code.js in a fresh node:vm context with stub globals exposes
// exactly the entry points, and onOpen builds the menu. The manifest has only the minimal scopes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildAddon } from '../../addon/build';
import { installFakeAppsScript } from '../../addon/test-support/fake-apps-script';

const ENTRY_POINTS = [
  'applyMigration',
  'checkProgress',
  'confirmMyTicks',
  'createFrameworkSheet',
  'createRoster',
  'createWageSchedule',
  'credentialFiles',
  'downloadCohortReport',
  'downloadTranscript',
  'exportTranscript',
  'generateApprentices',
  'getCohortState',
  'getState',
  'importFrameworkSheet',
  'onInstall',
  'onOpen',
  'previewMigration',
  'publishFramework',
  'recordRaise',
  'recordResults',
  'refreshCohort',
  'saveEndpoint',
  'savePrograms',
  'saveSetup',
  'showSidebar',
  'signOffSelection',
];
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'qualcard-addon-'));
  const built = await buildAddon({ outDir, endpoint: 'https://us-central1-demo.cloudfunctions.net/api' });
  expect(built.entryPoints).toEqual(ENTRY_POINTS);
}, 60_000);

function load() {
  const fake = installFakeAppsScript();
  const globals = Object.fromEntries(
    ['SpreadsheetApp', 'LockService', 'PropertiesService', 'ScriptApp', 'UrlFetchApp', 'Utilities', 'HtmlService'].map(
      (k) => [k, (globalThis as Record<string, unknown>)[k]],
    ),
  );
  fake.uninstall();
  const context = vm.createContext({ ...globals, console });
  const before = new Set(Object.getOwnPropertyNames(context));
  vm.runInContext(readFileSync(join(outDir, 'Code.js'), 'utf8'), context, { filename: 'Code.js' });
  const added = Object.getOwnPropertyNames(context).filter((k) => !before.has(k));
  return { fake, context: context as Record<string, unknown>, added };
}

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
