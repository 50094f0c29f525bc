// Entry points against the fake services: menu, sidebar, regeneration in a spreadsheet, coach sign-off through
// the backend, Check progress (local engine and synced), transcripts, and errors shown without changes.

import * as entry from '../../addon/src/main';
import { type FakeAppsScript, type FakeSheet, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { smallFramework } from '../../addon/test-support/fixtures';
import {
  apprentice,
  colOfHeader,
  fillRoster,
  rowOfKey,
  setUpProgram,
  taggedSheet,
} from '../../addon/test-support/program';
import { ApprenticeRecord, computeProgress } from '../../shared/src';

let fake: FakeAppsScript;
beforeEach(() => {
  fake = installFakeAppsScript();
});
afterEach(() => {
  expect(fake.lock.held).toBe(false);
  fake.uninstall();
});

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const col = (s: FakeSheet, header: string): number => colOfHeader(s, 'columns', header);
/** A coach's confirmed sign-off as it sits in the sheet (dates are Date values in Sheets). */
function stamp(s: FakeSheet, itemId: string, date: string, by = 'coach@example.com'): void {
  const r = rowOfKey(s, `item:${itemId}`);
  s.setCell(r, col(s, 'Signed'), true);
  s.setCell(r, col(s, 'Signed date'), day(date));
  s.setCell(r, col(s, 'Signed by'), by);
}
function logHours(s: FakeSheet, key: string, values: [string, string, string, number, string, string]): void {
  const r = rowOfKey(s, key);
  for (const [i, v] of values.entries()) s.setCell(r, i + 2, i === 0 ? day(v as string) : v);
}

function generated(opts: { endpoint?: string } = {}) {
  setUpProgram(fake, {
    sponsor: smallFramework(),
    ...(opts.endpoint ? { endpoint: opts.endpoint, sponsorId: 'acme' } : {}),
  });
  fillRoster(fake, [
    apprentice('A001'),
    apprentice('A002', { levelId: 'L2', coachEmails: 'coach@example.com, lead@example.com' }),
  ]);
  entry.generateApprentices(['A001', 'A002']);
  return { qual: taggedSheet(fake, 'qualcard', 'A001')!, hours: taggedSheet(fake, 'hours', 'A001')! };
}

test('onOpen adds the add-on menu; showSidebar shows the Sidebar file', () => {
  entry.onOpen({});
  entry.onInstall({});
  expect(fake.menus).toEqual([
    { title: 'add-on', items: [['Open', 'showSidebar']] },
    { title: 'add-on', items: [['Open', 'showSidebar']] },
  ]);
  entry.showSidebar();
  expect(fake.sidebars).toMatchObject([{ file: 'Sidebar', title: 'Qualcard' }]);
});

test('set-up validates the endpoint and frameworks and changes nothing when wrong', () => {
  expect(() =>
    entry.saveSetup({ endpoint: 'http://evil.example.com', sponsorId: 'acme', frameworkIds: ['nitas-help-desk'] }),
  ).toThrow(/endpoint: an https:\/\/ URL/);
  expect(() => entry.saveSetup({ frameworkIds: ['nope'] })).toThrow(/frameworks: unknown nope/);
  expect(fake.properties.size).toBe(0);
  const state = entry.saveSetup({
    endpoint: 'https://us-central1-demo.cloudfunctions.net/api',
    sponsorId: 'acme',
    frameworkIds: ['nitas-help-desk'],
  });
  expect(state.program.map((f) => f.id)).toEqual(['nitas-help-desk']);
  expect(state.available).toHaveLength(5);
});

test('the sponsor Framework sheet: row-numbered errors import nothing; a good sheet becomes the sponsor framework', () => {
  entry.saveSetup({ frameworkIds: ['nitas-help-desk'] });
  expect(entry.createFrameworkSheet()).toEqual({ name: 'Framework', created: true });
  const sheet = fake.ss.byName('Framework')!;
  sheet.setCell(3, 1, 'L1');
  sheet.setCell(3, 3, 'WF1');
  sheet.setCell(3, 5, 'CO1.2');
  sheet.setCell(3, 11, 'sometimes');
  const bad = entry.importFrameworkSheet({ id: 'acme-desk', title: 'Acme desk' });
  expect(bad.ok).toBe(false);
  expect(bad.errors.join('\n')).toMatch(/Framework row 3, column core_optional: "sometimes" must be core or optional/);
  expect([...fake.properties.keys()].some((k) => k.startsWith('qualcard.sponsorFramework'))).toBe(false);
  sheet.setCell(3, 11, 'optional');
  sheet.setCell(3, 10, 'Explains the VPN to a new starter');
  const good = entry.importFrameworkSheet({ id: 'acme-desk', title: 'Acme desk' });
  expect(good.errors).toEqual([]);
  expect(good.state!.program.find((f) => f.sponsor)).toMatchObject({ id: 'acme-desk', items: 2 });
});

test('regenerating in the spreadsheet keeps every sign-off, date, note and hours row; the old sheets are replaced', () => {
  const { qual, hours } = generated();
  stamp(qual, 'HD1.1.1', '2026-02-01');
  stamp(qual, 'HD1.2.2', '2026-02-05');
  qual.setCell(rowOfKey(qual, 'item:HD1.2.2'), col(qual, 'Notes'), 'Observed on shift');
  logHours(hours, 'h-1', [
    '2026-02-02',
    'On-the-job learning',
    'CWF1 — Customer service',
    6,
    'Phones',
    'coach@example.com',
  ]);
  const sheetCount = fake.ss.sheets.length;
  // A new framework version without HD1.2.2.
  fake.properties.clear();
  setUpProgram(fake, { sponsor: smallFramework({ version: '2.0.0', drop: ['HD1.2.2'] }) });
  const [result] = entry.generateApprentices(['A001']);
  expect(result).toMatchObject({ regenerated: true, archived: 1 });
  expect(fake.ss.sheets.length).toBe(sheetCount + 2); // the new layout's two prototypes; old sheets deleted
  const q2 = taggedSheet(fake, 'qualcard', 'A001')!;
  const h2 = taggedSheet(fake, 'hours', 'A001')!;
  expect(q2).not.toBe(qual);
  expect(q2.name).toBe('Qual card · Apprentice A001 (A001)');
  expect(fake.ss.sheets).not.toContain(qual);
  expect(q2.cell(rowOfKey(q2, 'item:HD1.1.1'), col(q2, 'Signed date'))).toEqual(day('2026-02-01'));
  const archived = rowOfKey(q2, 'archived:item:HD1.2.2');
  expect([
    q2.cell(archived, col(q2, 'Signed')),
    q2.cell(archived, col(q2, 'Signed date')),
    q2.cell(archived, col(q2, 'Signed by')),
    q2.cell(archived, col(q2, 'Notes')),
  ]).toEqual([true, day('2026-02-05'), 'coach@example.com', 'Observed on shift']);
  const h = rowOfKey(h2, 'h-1');
  expect([2, 3, 4, 5, 6, 7].map((c) => h2.cell(h, c))).toEqual([
    day('2026-02-02'),
    'On-the-job learning',
    'CWF1 — Customer service',
    6,
    'Phones',
    'coach@example.com',
  ]);
  expect(q2.protections).toHaveLength(1);
  expect(String(q2.cell(rowOfKey(q2, 'level:L1'), 5))).toContain(`'Hours · Apprentice A001 (A001)'!`);
});

describe('coach sign-off through the backend', () => {
  test('selected item rows are signed with the verified coach and server time; a grid tick turns from pending to signed', () => {
    const { qual } = generated({ endpoint: 'https://fn.example.com/api' });
    const pendingRow = rowOfKey(qual, 'item:HD1.1.2');
    qual.setCell(pendingRow, col(qual, 'Signed'), true); // ticked in the grid: pending
    fake.onFetch((call) => {
      const body = JSON.parse(String(call.params.payload)) as { itemIds: string[] };
      return {
        status: 201,
        body: JSON.stringify({
          apprenticeId: 'A001',
          signed: body.itemIds.filter((i) => i !== 'HD1.2.1'),
          alreadySigned: ['HD1.2.1'],
          coachEmail: 'coach@example.com',
          signedAt: '2026-04-02T10:11:12.000Z',
          progress: {},
        }),
      };
    });
    fake.ss.select(qual, [
      rowOfKey(qual, 'item:HD1.1.1'),
      pendingRow,
      rowOfKey(qual, 'wf:CWF2'),
      rowOfKey(qual, 'item:HD1.2.1'),
    ]);
    const result = entry.signOffSelection();
    expect(result).toEqual({
      apprenticeId: 'A001',
      signed: ['HD1.1.1', 'HD1.1.2'],
      alreadySigned: ['HD1.2.1'],
      coachEmail: 'coach@example.com',
      date: '2026-04-02',
    });
    expect(fake.fetches).toHaveLength(1);
    expect(fake.fetches[0]!.url).toBe('https://fn.example.com/api/v1/sponsors/acme/apprentices/A001/sign-offs');
    expect(fake.fetches[0]!.params.headers).toEqual({ Authorization: 'Bearer fake.identity.token' });
    expect(JSON.parse(String(fake.fetches[0]!.params.payload))).toEqual({ itemIds: ['HD1.1.1', 'HD1.1.2', 'HD1.2.1'] });
    for (const r of [rowOfKey(qual, 'item:HD1.1.1'), pendingRow]) {
      expect([
        qual.cell(r, col(qual, 'Signed')),
        qual.cell(r, col(qual, 'Signed date')),
        qual.cell(r, col(qual, 'Signed by')),
      ]).toEqual([true, day('2026-04-02'), 'coach@example.com']);
    }
    expect(qual.cell(rowOfKey(qual, 'item:HD1.2.1'), col(qual, 'Signed'))).toBe(false); // not stamped: the backend had it already
  });

  test('a backend refusal is shown and the sheet is not stamped', () => {
    const { qual } = generated({ endpoint: 'https://fn.example.com/api' });
    fake.onFetch(() => ({
      status: 403,
      body: JSON.stringify({
        error: { status: 403, code: 'forbidden', message: 'other@example.com is not a coach of apprentice A001' },
      }),
    }));
    fake.ss.select(qual, [rowOfKey(qual, 'item:HD1.1.1')]);
    const before = qual.grid();
    expect(() => entry.signOffSelection()).toThrow(
      'Qualcard service error 403: other@example.com is not a coach of apprentice A001 (your account has no access to this)',
    );
    expect(qual.grid()).toEqual(before);
  });

  test('a selection without item rows, or on another sheet, is refused before any request', () => {
    const { qual } = generated({ endpoint: 'https://fn.example.com/api' });
    fake.ss.select(qual, [1, 2]);
    expect(() => entry.signOffSelection()).toThrow(/no item rows/);
    fake.ss.select(fake.ss.byName('Roster')!, [5]);
    expect(() => entry.signOffSelection()).toThrow(/open an apprentice's qual card/);
    expect(fake.fetches).toHaveLength(0);
  });

  test('another action holding the document lock: refused, nothing written', () => {
    const { qual } = generated({ endpoint: 'https://fn.example.com/api' });
    fake.ss.select(qual, [rowOfKey(qual, 'item:HD1.1.1')]);
    fake.lock.busy = true;
    expect(() => entry.signOffSelection()).toThrow(/another Qualcard action is running/);
    expect(() => entry.generateApprentices(['A001'])).toThrow(/another Qualcard action is running/);
    fake.lock.busy = false;
    expect(fake.fetches).toHaveLength(0);
  });
});

describe('Check progress', () => {
  test('without an endpoint: the engine runs locally and the Dashboard lists levels, gaps with links, and a chart', () => {
    const { qual, hours } = generated();
    stamp(qual, 'HD1.1.1', '2026-02-01');
    logHours(hours, 'h-1', ['2026-02-02', 'On-the-job learning', '', 40, 'Desk', '']);
    const result = entry.checkProgress();
    expect(result).toMatchObject({ apprentices: 2, synced: false, missing: [] });
    const dash = taggedSheet(fake, 'dashboard')!;
    const grid = dash.grid();
    const a1 = grid.find((r) => r[0] === 'A001')!;
    expect(a1.slice(0, 5)).toEqual(['A001', 'Apprentice A001', 'Level 1 (L1)', 'target', 'no']);
    expect(a1[7]).toBe('1 of 4');
    const levelRows = grid.slice(
      0,
      grid.findIndex((r) => r[0] === 'Gaps'),
    );
    expect(levelRows.filter((r) => r[0] === 'A002').map((r) => r[3])).toEqual(['earlier', 'target']); // cumulative: L1 and L2
    const link = grid.find((r) => r[0] === 'A001' && String(r[3]).includes('HD1.1.2'))!;
    expect(link[4]).toBe(
      `=HYPERLINK("#gid=${qual.id}&range=${String.fromCharCode(64 + col(qual, 'Signed'))}${rowOfKey(qual, 'item:HD1.1.2')}","${qual.name}!${String.fromCharCode(64 + col(qual, 'Signed'))}${rowOfKey(qual, 'item:HD1.1.2')}")`,
    );
    expect(dash.charts).toHaveLength(1);
    // Check again: the same dashboard sheet is rewritten, not a second one.
    entry.checkProgress();
    expect(fake.ss.sheets.filter((s) => s.name === 'Dashboard')).toHaveLength(1);
  });

  test('with an endpoint: the sync body is the shared ApprenticeRecord built from the sheets, and the backend progress is shown', () => {
    const { qual, hours } = generated({ endpoint: 'https://fn.example.com/api' });
    stamp(qual, 'HD1.1.1', '2026-02-01');
    logHours(hours, 'h-1', ['2026-02-02', 'Related instruction', '', 2.5, 'Course', '']);
    fake.onFetch((call) => {
      const body = JSON.parse(String(call.params.payload)) as {
        records: unknown[];
        asOf: string;
        idempotencyKey: string;
      };
      const records = body.records.map((r) => ApprenticeRecord.parse(r));
      return {
        status: 200,
        body: JSON.stringify({
          sponsorId: 'acme',
          asOf: body.asOf,
          replayed: false,
          apprentices: records.map((r) => ({
            apprenticeId: r.apprentice.id,
            progress: computeProgress(smallFramework(), r, body.asOf),
          })),
        }),
      };
    });
    const result = entry.checkProgress();
    expect(result.synced).toBe(true);
    const call = fake.fetches[0]!;
    expect(call.url).toBe('https://fn.example.com/api/v1/sponsors/acme/sync');
    const body = JSON.parse(String(call.params.payload)) as { records: ApprenticeRecord[]; idempotencyKey: string };
    expect(body.idempotencyKey).toMatch(/^sync-/);
    const a1 = body.records.find((r) => r.apprentice.id === 'A001')!;
    expect(a1).toMatchObject({
      schemaVersion: 1,
      sponsorId: 'acme',
      signOffs: [{ itemId: 'HD1.1.1', date: '2026-02-01', coachEmail: 'coach@example.com' }],
      hours: [{ id: 'h-1', date: '2026-02-02', category: 'related-instruction', hours: 2.5, description: 'Course' }],
    });
    expect(a1.apprentice).toEqual({
      id: 'A001',
      name: 'Apprentice A001',
      email: 'a001@example.com',
      startDate: '2026-01-05',
      frameworkId: 'small',
      levelId: 'L1',
      coachEmails: ['coach@example.com'],
    });
  });

  test('a bad hours cell stops the sync and names the sheet and row', () => {
    const { hours } = generated({ endpoint: 'https://fn.example.com/api' });
    const r = rowOfKey(hours, 'h-2');
    hours.setCell(r, 2, day('2026-02-02'));
    hours.setCell(r, 3, 'Naps');
    hours.setCell(r, 5, 3);
    expect(() => entry.checkProgress()).toThrow(
      `Hours · Apprentice A001 (A001) row ${r}: category "Naps" is not one of the listed categories`,
    );
    expect(fake.fetches).toHaveLength(0);
    expect(taggedSheet(fake, 'dashboard')).toBeUndefined();
  });
});

test('Export transcript: created by the backend, downloaded as base64 for the sidebar', () => {
  generated({ endpoint: 'https://fn.example.com/api' });
  fake.onFetch((call) =>
    call.params.method === 'post'
      ? {
          status: 201,
          body: JSON.stringify({
            id: 't1',
            fileName: 'transcript-A001-v1.xlsx',
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            size: 4,
            version: 1,
          }),
        }
      : {
          status: 200,
          body: new Uint8Array([0x50, 0x4b, 3, 4]),
          headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        },
  );
  const file = entry.exportTranscript('A001');
  expect(file).toEqual({
    fileName: 'transcript-A001-v1.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: 'UEsDBA==',
  });
  expect(fake.fetches.map((f) => f.url)).toEqual([
    'https://fn.example.com/api/v1/sponsors/acme/apprentices/A001/transcripts',
    'https://fn.example.com/api/v1/sponsors/acme/apprentices/A001/transcripts/t1',
  ]);
});
