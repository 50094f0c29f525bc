// The Wage schedule sheet: its plan parses back (example row skipped), every error names its cell, and in the
// add-on (fake Apps Script services) an admin's Check progress sends the schedules with the programs; the
// Dashboard's "Wage step" column shows the service's answer; a schedule with a bad cell sends nothing.
import * as entry from '../../addon/src/main';
import { withWageSchedules } from '../../addon/src/wage-schedule';
import { type FakeAppsScript, fakeIdToken, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { fakeService } from '../../addon/test-support/fake-service';
import { apprentice, fillRoster, setUpProgram, taggedSheet } from '../../addon/test-support/program';
import { getFramework } from '../../shared/src';
import { type Cell, parseWageSchedules, planWageSchedule, WAGE_HEADERS } from '../../shared/src/sheets';

const FW = 'it-generalist-competencies';
const f = getFramework(FW)!;
const BLANK = WAGE_HEADERS.map(() => '' as Cell);
/** A row by header: Framework, Step, Wage %, Wage per hour, Currency, Level, hours (all, OJL, RI, WE), Months, JW. */
const row = (values: Partial<Record<(typeof WAGE_HEADERS)[number], Cell>>): Cell[] =>
  WAGE_HEADERS.map((h, i) => values[h] ?? BLANK[i]!);
const gridWith = (...rows: Cell[][]): Cell[][] => [...planWageSchedule([f]).cells.slice(0, 5), ...rows];
const step1 = row({ Framework: FW, Step: 1, 'Wage % of journeyworker rate': 50 });

describe('parsing the sheet', () => {
  test('the plan alone (its example row) is no schedule', () => {
    expect(parseWageSchedules(planWageSchedule([f]).cells, [f])).toEqual({ schedules: {}, errors: [] });
  });

  test('rows become the schedule, in step order, with the journeyworker rate of step 1', () => {
    const grid = gridWith(
      row({
        Framework: FW,
        Step: 2,
        'Wage % of journeyworker rate': 60,
        'On-the-job learning hours': 1000,
        'Months in program': 6,
      }),
      row({
        ...Object.fromEntries(WAGE_HEADERS.map((h, i) => [h, step1[i]!])),
        Currency: 'USD',
        'Journeyworker rate per hour (step 1)': 40,
      }),
      row({
        Framework: FW,
        Step: '3',
        'Wage % of journeyworker rate': '75',
        'Level completed': 'L1',
        'Confirmed hours (all)': 2000,
      }),
    );
    expect(parseWageSchedules(grid, [f])).toEqual({
      errors: [],
      schedules: {
        [FW]: {
          journeyworkerRate: { kind: 'amount', amount: 40, currency: 'USD', per: 'hour' },
          steps: [
            { wage: { kind: 'percent', percent: 50 } },
            {
              wage: { kind: 'percent', percent: 60 },
              hours: [{ hours: 1000, category: 'on-the-job-learning' }],
              months: 6,
            },
            { wage: { kind: 'percent', percent: 75 }, level: 'L1', hours: [{ hours: 2000 }] },
          ],
        },
      },
    });
  });

  test.each([
    [
      row({ Framework: FW, Step: 2, 'Wage % of journeyworker rate': 120, 'Months in program': 6 }),
      'C7 (Wage % of journeyworker rate): at most 100 (% of the journeyworker rate)',
    ],
    [
      row({ Framework: FW, Step: 2, 'Wage % of journeyworker rate': 60 }),
      'B7 (Step): step 2 needs a condition (a level, hours or months)',
    ],
    [
      row({ Framework: FW, Step: 2, 'Wage % of journeyworker rate': 40, 'Months in program': 6 }),
      "C7 (Wage % of journeyworker rate): steps increase: 40 is not above step 1's 50",
    ],
    [
      row({ Framework: FW, Step: 2, 'Wage % of journeyworker rate': 60, 'Level completed': 'L9' }),
      'F7 (Level completed): "L9" is not a level of it-generalist-competencies (levels: L1)',
    ],
    [
      row({ Framework: FW, Step: 3, 'Wage % of journeyworker rate': 60, 'Months in program': 6 }),
      'B7 (Step): step 2 of it-generalist-competencies is missing (steps are 1, 2, 3, ...)',
    ],
    [
      row({ Framework: FW, Step: 2, 'Wage % of journeyworker rate': 60, 'Wage per hour': 20, 'Months in program': 6 }),
      'D7 (Wage per hour): give a percentage or an amount, not both',
    ],
    [
      row({ Framework: FW, Step: 2, 'Wage % of journeyworker rate': 60, 'Months in program': 'six' }),
      'K7 (Months in program): "six" is not a number',
    ],
    [
      row({ Framework: 'nope', Step: 2, 'Wage % of journeyworker rate': 60 }),
      'A7 (Framework): "nope" is not a framework of this program (it-generalist-competencies)',
    ],
  ])('an error names its cell (%#)', (bad, message) => {
    const { schedules, errors } = parseWageSchedules(gridWith(step1, bad), [f]);
    expect(errors.map((e) => `${e.cell} (${e.column}): ${e.message}`)).toEqual([message]);
    expect(schedules).toEqual({});
  });
  test('the journeyworker rate goes on step 1, with its currency', () => {
    const jw = (extra: Record<string, Cell>) =>
      row({
        Framework: FW,
        Step: 1,
        'Wage % of journeyworker rate': 50,
        'Journeyworker rate per hour (step 1)': 40,
        ...extra,
      });
    const cells = (grid: Cell[][]) => parseWageSchedules(grid, [f]).errors.map((e) => `${e.cell}: ${e.message}`);
    expect(cells(gridWith(jw({})))).toEqual(['E6: a three-letter currency code such as USD']);
    expect(
      cells(
        gridWith(step1, jw({ Step: 2, 'Wage % of journeyworker rate': 60, Currency: 'USD', 'Months in program': 3 })),
      ),
    ).toEqual(['L7: give the journeyworker rate on step 1']);
  });
});

let fake: FakeAppsScript;
beforeEach(() => {
  fake = installFakeAppsScript();
});
afterEach(() => {
  expect(fake.lock.held).toBe(false);
  fake.uninstall();
});

function typeSchedule(rows: Cell[][]): void {
  const sheet = fake.ss.byName('Wage schedule')!;
  rows.forEach((r, i) => {
    r.forEach((v, c) => {
      sheet.setCell(6 + i, c + 1, v ?? '');
    });
  });
}

test("an admin's Check progress sends the schedule with the program; the Dashboard shows the wage step", () => {
  setUpProgram(fake, { frameworkIds: [FW], endpoint: 'https://fn.example.com/api', sponsorId: 'acme' });
  fillRoster(fake, [apprentice('A001', { frameworkId: FW })]);
  const service = fakeService([f], { admins: ['admin@example.com'] });
  fake.onFetch(service.handler);
  fake.identity.token = fakeIdToken('admin@example.com');
  entry.generateApprentices(['A001']);
  expect(entry.createWageSchedule()).toEqual({ created: true, name: 'Wage schedule' });
  expect(entry.createWageSchedule()).toEqual({ created: false, name: 'Wage schedule' });
  typeSchedule([step1, row({ Framework: FW, Step: 2, 'Wage % of journeyworker rate': 101, 'Months in program': 6 })]);
  fake.fetches.length = 0;
  expect(() => entry.checkProgress()).toThrow(
    'Wage schedule!C7 (Wage % of journeyworker rate): at most 100 (% of the journeyworker rate)',
  );
  expect(fake.fetches.filter((x) => x.url.endsWith('/sync'))).toEqual([]);

  typeSchedule([step1, row({ Framework: FW, Step: 2, 'Wage % of journeyworker rate': 60, 'Months in program': 6 })]);
  entry.checkProgress();
  const sync = fake.fetches.find((x) => x.url.endsWith('/sync'))!;
  const schedule = {
    steps: [{ wage: { kind: 'percent', percent: 50 } }, { wage: { kind: 'percent', percent: 60 }, months: 6 }],
  };
  expect(JSON.parse(String(sync.params.payload)).programs).toEqual({
    [FW]: { optionalWorkFunctionIds: ['JF3', 'JF5', 'JF6'], wageSchedule: schedule }, // the default: every job function
  });
  expect(service.programs[FW]!.wageSchedule).toEqual(schedule);
  // The roster's start date (2026-01-05) plus six months: eligible from 2026-07-05 on (the sync's as-of is today).
  // The add-on sends no asOf (only an admin may ask for another day than the sponsor's today).
  expect(JSON.parse(String(sync.params.payload)).asOf).toBeUndefined();
  const asOf = new Date().toISOString().slice(0, 10);
  const dashboard = taggedSheet(fake, 'dashboard')!;
  const header = dashboard.grid()[3]!;
  const wage = String(dashboard.grid()[4]![header.indexOf('Wage step')]);
  if (asOf >= '2026-07-05') expect(wage).toBe('Step 1 (recorded); eligible for step 2 since 2026-07-05');
  else expect(wage).toMatch(/^Step 1; next: step 2 after \d+ more months? \(from 2026-07-05\)$/);
});

test('without the sheet the programs are left as they are; with it every framework carries the key', () => {
  const programs = { [FW]: { optionalWorkFunctionIds: ['JF5'] } };
  expect(withWageSchedules(programs, null, [f])).toBe(programs);
  const withSheet = withWageSchedules(programs, {}, [f]);
  expect(withSheet).toEqual({ [FW]: { optionalWorkFunctionIds: ['JF5'], wageSchedule: undefined } });
  expect('wageSchedule' in withSheet[FW]!).toBe(true);
});
