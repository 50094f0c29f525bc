// Drives the add-on against the fake services as a sponsor would: set-up, roster rows, generation.
import type { Framework } from '../../shared/src/model/framework';
import type { RosterColumn, SheetKind } from '../../shared/src/sheets';
import { hoursCol, ROSTER_HEADERS } from '../../shared/src/sheets';
import * as entry from '../src/main';
import { writeSettings, writeSponsorFramework } from '../src/settings';
import type { FakeAppsScript, FakeSheet } from './fake-apps-script';

export function setUpProgram(
  fake: FakeAppsScript,
  opts: { sponsor?: Framework; frameworkIds?: string[]; endpoint?: string; sponsorId?: string } = {},
): void {
  if (opts.sponsor) writeSponsorFramework(opts.sponsor);
  writeSettings({
    endpoint: opts.endpoint ?? '',
    sponsorId: opts.sponsorId ?? '',
    frameworkIds: opts.frameworkIds ?? [],
  });
  entry.createRoster();
  void fake;
}

export type RosterInput = Partial<Record<RosterColumn, string>>;

/** Types rows into the Roster sheet below the example row. */
export function fillRoster(fake: FakeAppsScript, rows: RosterInput[]): FakeSheet {
  const sheet = fake.ss.byName('Roster')!;
  const keys = [
    'id',
    'name',
    'email',
    'coachEmails',
    'startDate',
    'frameworkId',
    'levelId',
    'priorCredit',
    'maximumMonths',
    'optionalWorkFunctionIds',
  ] as const;
  expect(ROSTER_HEADERS.length).toBe(keys.length);
  for (const [i, r] of rows.entries()) {
    for (const [c, k] of keys.entries()) {
      const v = r[k];
      // Dates go in as Date cells, as a person typing a date into Sheets would leave them.
      sheet.setCell(
        5 + i,
        c + 1,
        v === undefined ? '' : /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v,
      );
    }
  }
  return sheet;
}

export const apprentice = (id: string, extra: RosterInput = {}): RosterInput => ({
  id,
  name: `Apprentice ${id}`,
  email: `${id.toLowerCase()}@example.com`,
  coachEmails: 'coach@example.com',
  startDate: '2026-01-05',
  frameworkId: 'small',
  levelId: 'L1',
  ...extra,
});

/** Finds an apprentice's generated sheet by its developer metadata tag, as the add-on does. */
export function taggedSheet(fake: FakeAppsScript, kind: SheetKind, apprenticeId?: string): FakeSheet | undefined {
  return fake.ss.sheets.find((s) =>
    s.metadata.some((m) => {
      const t = JSON.parse(m.value) as { kind: string; apprenticeId?: string };
      return t.kind === kind && t.apprenticeId === apprenticeId;
    }),
  );
}

/** Row number of a row key (column A) in a fake sheet. */
export function rowOfKey(sheet: FakeSheet, key: string): number {
  const grid = sheet.grid();
  const i = grid.findIndex((r) => r[0] === key);
  if (i < 0) throw new Error(`no row ${key} on ${sheet.name}`);
  return i + 1;
}
export function colOfHeader(sheet: FakeSheet, headerKey: string, header: string): number {
  const row = sheet.grid().find((r) => r[0] === headerKey)!;
  const i = row.indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i + 1;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** A coach's tick as typed in the grid (dates are Date values in Sheets); `by` blank leaves "Signed by" empty. */
export function typeTick(s: FakeSheet, key: string, date: string | null, by = ''): void {
  const r = rowOfKey(s, key);
  s.setCell(r, colOfHeader(s, 'columns', 'Signed'), true);
  s.setCell(r, colOfHeader(s, 'columns', 'Signed date'), date ? day(date) : '');
  if (key.startsWith('item:')) s.setCell(r, colOfHeader(s, 'columns', 'Signed by'), by);
}

/** An hours row as typed: date, category, work function, hours, description, verified by (placed by header). */
export function typeHours(s: FakeSheet, key: string, values: [string, string, string, number, string, string]): void {
  const r = rowOfKey(s, key);
  const ids = ['date', 'category', 'workFunction', 'hours', 'description', 'verifiedBy'] as const;
  for (const [i, v] of values.entries()) s.setCell(r, hoursCol(ids[i]!), i === 0 ? day(v as string) : v);
}

/** A qual card cell by row key and column header, as the sheet shows it. */
export const cardCell = (s: FakeSheet, key: string, header: string): unknown =>
  s.cell(rowOfKey(s, key), colOfHeader(s, 'columns', header));
