// The sponsor framework path of the add-on (test/unit/addon-confirm.test.ts runs it against an in-memory service
// that accepts any framework) against the real functions on the emulators: the admin imports the Framework sheet,
// publishes it, generates (the sync pins the apprentice to the published version), the coach's ticks are confirmed
// and counted, a transcript is exported; then a second version is published, the diff is shown and nothing moves
// until the admin applies it, and the regenerated sheet archives the item that left, its sign-off kept.
import { addDays, FRAMEWORK_COLUMNS } from '@qualcard/shared';
import * as entry from '../../addon/src/main';
import { writeSettings } from '../../addon/src/settings';
import { type FakeAppsScript, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import {
  apprentice,
  cardCell,
  colOfHeader,
  fillRoster,
  rowOfKey,
  taggedSheet,
  typeTick,
} from '../../addon/test-support/program';
import { syncFetch } from '../../addon/test-support/sync-fetch';
import { readRecord } from '../../functions/src/store/apprentice';
import { mintIdToken } from '../../scripts/emulator-key';
import { ADMIN, acme, allDocuments, COACH, db, scenario } from './kit';
import { apiUrl } from './kit/env';

const today = new Date().toISOString().slice(0, 10);
const start = addDays(today, -120);

let fake: FakeAppsScript;
beforeEach(async () => {
  await scenario(acme());
  fake = installFakeAppsScript({ fetch: syncFetch, identity: mintIdToken({ email: ADMIN }) });
});
afterEach(() => fake.uninstall());

const signAs = (email: string): void => {
  fake.identity.token = mintIdToken({ email });
};

/** The admin's Framework sheet: one level, items with non-ASCII texts. */
function fillFrameworkSheet(items: string[]): void {
  const sheet = fake.ss.byName('Framework')!;
  sheet.clear();
  const col = (name: (typeof FRAMEWORK_COLUMNS)[number]) => FRAMEWORK_COLUMNS.indexOf(name) + 1;
  FRAMEWORK_COLUMNS.forEach((h, i) => {
    sheet.setCell(1, i + 1, h);
  });
  items.forEach((id, i) => {
    const r = i + 2;
    sheet.setCell(r, col('level'), 'L1');
    sheet.setCell(r, col('level_title'), 'Stufe 1');
    sheet.setCell(r, col('work_function'), 'WF1');
    sheet.setCell(r, col('work_function_title'), 'Bürosysteme');
    sheet.setCell(r, col('item_id'), id);
    sheet.setCell(r, col('statement'), `Überprüfung ${id} — 日本語 ✓`);
    sheet.setCell(r, col('core_optional'), 'core');
    sheet.setCell(r, col('ojl_hours'), i === 0 ? '40' : '');
  });
}

test('publish, generate, confirm and export on a sponsor framework; a new version moves nobody until the admin applies the diff', async () => {
  writeSettings({ endpoint: apiUrl(), sponsorId: 'acme', frameworkIds: [] });
  entry.createFrameworkSheet();
  fillFrameworkSheet(['A1', 'A2', 'A3']);
  const v1 = { id: 'acme-sheet-desk', title: 'Acme desk', baseId: '', version: '1.0.0' };
  expect(entry.importFrameworkSheet(v1).errors).toEqual([]);
  expect(entry.publishFramework()).toMatchObject({
    frameworkId: 'acme-sheet-desk',
    version: '1.0.0',
    outcome: 'created',
  });
  expect(entry.publishFramework()).toMatchObject({ outcome: 'unchanged' });

  entry.createRoster();
  fillRoster(fake, [
    apprentice('ann', { frameworkId: 'acme-sheet-desk', levelId: 'L1', coachEmails: COACH, startDate: start }),
  ]);
  expect(entry.generateApprentices(['ann'])[0]).not.toHaveProperty('note');
  expect((await readRecord(db(), 'acme', 'ann'))!.apprentice.frameworkVersion).toBe('1.0.0');

  const qual = taggedSheet(fake, 'qualcard', 'ann')!;
  for (const [i, id] of ['A1', 'A2', 'A3'].entries()) typeTick(qual, `item:${id}`, addDays(start, 10 + i), COACH);
  signAs(COACH);
  expect(entry.confirmMyTicks()).toMatchObject({ by: COACH, confirmed: { signOffs: 3 }, skipped: { flagged: 0 } });
  expect(qual.cell(rowOfKey(qual, 'level:L1'), colOfHeader(qual, 'levels', 'Items counted'))).toBe(3);
  signAs(ADMIN);
  expect(entry.exportTranscript('ann').fileName).toMatch(/^transcript-Apprentice-ann-v1\.xlsx$/);

  // Changed rows under the same version: the service refuses, and the add-on says so.
  fillFrameworkSheet(['A1', 'A2', 'A4']);
  expect(entry.importFrameworkSheet(v1).errors).toEqual([]);
  const refused = entry.publishFramework();
  expect(refused.outcome).toBe('conflict');
  expect(refused.message).toMatch(/Not published: .*409.*version "1\.0\.0".*never changes/);

  // Version 2.0.0 (A3 left, A4 came): published; the diff is shown and writes nothing.
  expect(entry.importFrameworkSheet({ ...v1, version: '2.0.0' }).errors).toEqual([]);
  expect(entry.publishFramework()).toMatchObject({ version: '2.0.0', outcome: 'created' });
  const before = await allDocuments();
  const diff = entry.previewMigration({ toVersion: '' });
  expect(diff).toEqual({
    frameworkId: 'acme-sheet-desk',
    toVersion: '2.0.0',
    applied: false,
    apprentices: [
      {
        apprenticeId: 'ann',
        fromVersion: '1.0.0',
        itemsAdded: ['A4'],
        itemsArchived: [{ itemId: 'A3', signed: true }],
        levelsRemoved: [],
      },
    ],
  });
  expect(await allDocuments()).toEqual(before);
  expect(() => entry.applyMigration({ toVersion: '2.0.0' })).toThrow(/show the changes first; nobody was moved/);

  const moved = entry.applyMigration({ toVersion: diff.toVersion, apprenticeIds: ['ann'] });
  expect(moved).toMatchObject({ applied: true, apprentices: diff.apprentices });
  const record = (await readRecord(db(), 'acme', 'ann'))!;
  expect(record.apprentice.frameworkVersion).toBe('2.0.0');
  expect(record.signOffs.map((s) => [s.itemId, !!s.confirmation, s.archived?.fromVersion ?? null])).toEqual([
    ['A1', true, null],
    ['A2', true, null],
    ['A3', true, '1.0.0'],
  ]);

  // Regenerated: A3 is archived in the sheet, its tick kept; the sync keeps the archived sign-off.
  expect(entry.generateApprentices(['ann'])[0]).toMatchObject({ regenerated: true, archived: 1 });
  const q2 = taggedSheet(fake, 'qualcard', 'ann')!;
  expect(cardCell(q2, 'archived:item:A3', 'Signed')).toBe(true);
  expect(q2.cell(rowOfKey(q2, 'level:L1'), colOfHeader(q2, 'levels', 'Items counted'))).toBe(2);
  expect((await readRecord(db(), 'acme', 'ann'))!.signOffs).toEqual(record.signOffs);
}, 120_000);

test('NITAS with the Level 3 slots HD3.0.1-3 filled in the Framework sheet: published, generated, confirmed and counted', async () => {
  writeSettings({ endpoint: apiUrl(), sponsorId: 'acme', frameworkIds: [] });
  entry.createFrameworkSheet();
  const sheet = fake.ss.byName('Framework')!;
  sheet.clear();
  const rows = [
    ['level', 'work_function', 'item_id', 'statement', 'core_optional'],
    ['L3', 'WP', 'HD3.0.1', 'Runs the weekly change review', 'optional'],
    ['L3', 'WP', 'HD3.0.2', 'Mentors a Level 1 apprentice for a month', 'optional'],
    ['L3', 'WP', 'HD3.0.3', 'Writes a knowledge-base article a week', 'optional'],
  ];
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      sheet.setCell(r + 1, c + 1, v);
    });
  });
  const input = { id: 'nitas-help-desk-acme', title: 'NITAS Help Desk (Acme)', baseId: 'nitas-help-desk' };
  expect(entry.importFrameworkSheet(input).errors).toEqual([]);
  expect(entry.publishFramework()).toMatchObject({
    frameworkId: 'nitas-help-desk-acme',
    version: '1.1.0-sponsor.1',
    outcome: 'created',
  });

  entry.createRoster();
  fillRoster(fake, [
    apprentice('ben', { frameworkId: 'nitas-help-desk-acme', levelId: 'L3', coachEmails: COACH, startDate: start }),
  ]);
  expect(entry.generateApprentices(['ben'])[0]).not.toHaveProperty('note');
  const qual = taggedSheet(fake, 'qualcard', 'ben')!;
  for (const [i, id] of ['HD3.0.1', 'HD3.0.2', 'HD3.0.3'].entries())
    typeTick(qual, `item:${id}`, addDays(start, 10 + i), COACH);
  signAs(COACH);
  expect(entry.confirmMyTicks()).toMatchObject({ confirmed: { signOffs: 3 }, skipped: { flagged: 0 } });
  const record = (await readRecord(db(), 'acme', 'ben'))!;
  expect(record.apprentice.frameworkVersion).toBe('1.1.0-sponsor.1');
  expect(record.signOffs.map((s) => [s.itemId, s.confirmation?.by])).toEqual([
    ['HD3.0.1', COACH],
    ['HD3.0.2', COACH],
    ['HD3.0.3', COACH],
  ]);
  expect(cardCell(qual, 'item:HD3.0.2', 'Confirmation')).toBe(`confirmed by ${COACH} on ${today}`);
  expect(entry.checkProgress()).toMatchObject({ apprentices: 1, synced: true, pending: 0 });
}, 120_000);
