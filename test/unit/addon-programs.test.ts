// The sponsor's program in the add-on, against the fake services: chosen in set-up (its own document property),
// an apprentice's plan in the roster's "Optional work functions" column, the qual cards showing the work functions
// run, and the admin's sync sending the programs.
import * as entry from '../../addon/src/main';
import { type FakeAppsScript, fakeIdToken, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { fakeService } from '../../addon/test-support/fake-service';
import {
  apprentice,
  colOfHeader,
  fillRoster,
  rowOfKey,
  setUpProgram,
  taggedSheet,
} from '../../addon/test-support/program';
import { getFramework } from '../../shared/src';

const FW = 'it-generalist-competencies';
let fake: FakeAppsScript;
beforeEach(() => {
  fake = installFakeAppsScript();
});
afterEach(() => {
  expect(fake.lock.held).toBe(false);
  fake.uninstall();
});

const wfRows = (id: string): string[] =>
  taggedSheet(fake, 'qualcard', id)!
    .grid()
    .map((r) => String(r[0] ?? ''))
    .filter((k) => k.startsWith('wf:'));
const required = (id: string): unknown => {
  const s = taggedSheet(fake, 'qualcard', id)!;
  return s.cell(rowOfKey(s, 'level:L1'), colOfHeader(s, 'levels', 'Items required'));
};
const member = (id: string, plan = '') =>
  apprentice(id, { frameworkId: FW, ...(plan ? { optionalWorkFunctionIds: plan } : {}) });

test('set-up lists the optional work functions with the default; a bad choice names the field and stores nothing', () => {
  setUpProgram(fake, { frameworkIds: [FW, 'it-support-wps'] });
  expect(entry.getState().programs).toEqual([
    {
      frameworkId: FW,
      title: getFramework(FW)!.title,
      optional: ['JF3', 'JF5', 'JF6'].map((id) => ({
        id,
        title: getFramework(FW)!.workFunctions.find((wf) => wf.id === id)!.title,
      })),
      // The default program runs every job function the document describes.
      defaults: ['JF3', 'JF5', 'JF6'],
      chosen: ['JF3', 'JF5', 'JF6'],
    },
  ]);
  expect(() => entry.savePrograms({ [FW]: { optionalWorkFunctionIds: ['JF5', 'JF4'] } })).toThrow(
    /programs\.it-generalist-competencies\.optionalWorkFunctionIds\.1: "JF4" is not an optional work function/,
  );
  expect(() => entry.savePrograms({ 'nitas-help-desk': { optionalWorkFunctionIds: ['WP'] } })).toThrow(
    /programs\.nitas-help-desk: "nitas-help-desk" is not a framework of this program/,
  );
  expect(entry.getState().programs[0]!.chosen).toEqual(['JF3', 'JF5', 'JF6']);
  expect(entry.savePrograms({ [FW]: { optionalWorkFunctionIds: ['JF5'] } }).programs[0]!.chosen).toEqual(['JF5']);
  // Its own property: the set-up settings are untouched.
  expect(fake.properties.get('qualcard.programs')).toBe(JSON.stringify({ [FW]: { optionalWorkFunctionIds: ['JF5'] } }));
});

test("the roster's plan column is validated by cell; the qual cards show the work functions run", () => {
  setUpProgram(fake, { frameworkIds: [FW] });
  entry.savePrograms({ [FW]: { optionalWorkFunctionIds: ['JF5'] } });
  fillRoster(fake, [member('A001'), member('A002', 'JF6'), member('A003', 'JF4')]);
  expect(() => entry.generateApprentices(['A001'])).toThrow(
    /Roster J7 \(row 7, Optional work functions\): "JF4" is not an optional work function of it-generalist-competencies/,
  );
  fillRoster(fake, [member('A001'), member('A002', 'JF6'), member('A003', ' ')]);
  entry.generateApprentices(['A001', 'A002']);
  // A001 follows the program (Job Function 5, with its core item 5c); A002's own plan runs Job Function 6 instead
  // (with its core item 6e, Required in the document's literal column).
  expect(wfRows('A001')).toEqual(['wf:JF1', 'wf:JF2', 'wf:JF4', 'wf:JF5', 'wf:JF7']);
  expect(wfRows('A002')).toEqual(['wf:JF1', 'wf:JF2', 'wf:JF4', 'wf:JF6', 'wf:JF7']);
  expect(required('A001')).toBe(21);
  expect(required('A002')).toBe(21);
});

test("an admin's sync sends the programs and the service's numbers follow them", () => {
  setUpProgram(fake, { frameworkIds: [FW], endpoint: 'https://fn.example.com/api', sponsorId: 'acme' });
  const service = fakeService([getFramework(FW)!], { admins: ['admin@example.com'] });
  fake.onFetch(service.handler);
  fake.identity.token = fakeIdToken('admin@example.com');
  entry.savePrograms({ [FW]: { optionalWorkFunctionIds: ['JF5'] } });
  fillRoster(fake, [member('A001')]);
  entry.generateApprentices(['A001']);
  fake.fetches.length = 0;
  entry.checkProgress();
  const sync = fake.fetches.find((f) => f.url.endsWith('/sync'))!;
  expect(JSON.parse(String(sync.params.payload)).programs).toEqual({ [FW]: { optionalWorkFunctionIds: ['JF5'] } });
  expect(service.programs).toEqual({ [FW]: { optionalWorkFunctionIds: ['JF5'] } });
  expect(required('A001')).toBe(21);
});
