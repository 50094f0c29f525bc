// The "Wage schedule" sheet: the admin types each program's wage steps, one row per step (a percentage of the
// journeyworker rate or an amount per hour, and the conditions that reach it). Parsed into the WageSchedule of each
// framework's program, which an admin's sync sends with the programs; every error names its cell, and a sheet with
// errors sends nothing.
import { checkWageSchedule } from '../engine/wages';
import type { Framework, HoursCategory } from '../model/framework';
import { MAX_PROGRAM_MONTHS } from '../model/limits';
import { MAX_WAGE_STEPS, type WageHours, WageSchedule, type WageStep } from '../model/wages';
import { a1, type Cell, PlanBuilder, type SheetPlan, type Validation } from './plan';
import type { RosterError } from './roster';

export const WAGE_SCHEDULE_SHEET = 'Wage schedule';
const HEADER_ROW = 4;
const ROWS = 60;

type Column =
  | 'frameworkId'
  | 'step'
  | 'percent'
  | 'amount'
  | 'currency'
  | 'level'
  | 'hours'
  | 'on-the-job-learning'
  | 'related-instruction'
  | 'work-experience'
  | 'months'
  | 'journeyworkerRate';
const COLUMNS: { id: Column; header: string; width: number; example: Cell }[] = [
  { id: 'frameworkId', header: 'Framework', width: 190, example: 'example' },
  { id: 'step', header: 'Step', width: 50, example: 2 },
  { id: 'percent', header: 'Wage % of journeyworker rate', width: 110, example: 60 },
  { id: 'amount', header: 'Wage per hour', width: 90, example: '' },
  { id: 'currency', header: 'Currency', width: 70, example: '' },
  { id: 'level', header: 'Level completed', width: 100, example: 'L1' },
  { id: 'hours', header: 'Confirmed hours (all)', width: 100, example: '' },
  { id: 'on-the-job-learning', header: 'On-the-job learning hours', width: 110, example: 1000 },
  { id: 'related-instruction', header: 'Related instruction hours', width: 110, example: '' },
  { id: 'work-experience', header: 'Work experience hours', width: 110, example: '' },
  { id: 'months', header: 'Months in program', width: 90, example: 6 },
  { id: 'journeyworkerRate', header: 'Journeyworker rate per hour (step 1)', width: 140, example: '' },
];
export const WAGE_HEADERS = COLUMNS.map((c) => c.header);
const HOURS_COLUMNS = ['hours', 'on-the-job-learning', 'related-instruction', 'work-experience'] as const;
const HELP =
  'One row per step of each program\'s wage schedule. Step 1 is the starting wage (no condition); each later step gives a wage (a % of the journeyworker rate, or an amount per hour with its currency) and what reaches it: a level completed, confirmed hours (in all, or per category), months in the program, or several (all must hold). Steps increase. An admin\'s Check progress sends the schedule with the program; rows whose Framework starts with "example" are ignored.';

export function planWageSchedule(frameworks: Framework[]): SheetPlan {
  const b = new PlanBuilder(COLUMNS.length);
  b.row(['Wage schedule'], 'title');
  b.row([HELP], 'help');
  b.row();
  b.row(WAGE_HEADERS, 'header');
  const levels = [...new Set(frameworks.flatMap((f) => f.levels.map((l) => l.id)))];
  const number = (max: number, help: string): Validation => ({ kind: 'number', min: 0, max, help });
  const validation: Partial<Record<Column, Validation>> = {
    frameworkId: { kind: 'list', values: frameworks.map((f) => f.id), help: 'A framework of this program' },
    step: number(MAX_WAGE_STEPS, 'The step number: 1, 2, 3, ... in order'),
    percent: number(100, 'Above 0, at most 100'),
    level: { kind: 'list', values: levels, help: 'The level whose completion reaches the step' },
    months: number(MAX_PROGRAM_MONTHS, 'Whole months since the start date'),
  };
  for (let i = 0; i < ROWS; i += 1) {
    const r = b.row(i === 0 ? COLUMNS.map((c) => c.example) : [], i === 0 ? 'example' : null);
    COLUMNS.forEach((c, k) => {
      const v = validation[c.id];
      if (v) b.validate(r, k + 1, v);
    });
  }
  return b.build({
    name: WAGE_SCHEDULE_SHEET,
    tag: { kind: 'wage-schedule' },
    columnWidths: COLUMNS.map((c) => c.width),
    hiddenColumns: [],
    frozenRows: HEADER_ROW,
    protections: [],
    conditional: [],
    charts: [],
  });
}

const text = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

interface StepRow {
  row: number;
  frameworkId: string;
  number: number;
  step: WageStep;
  journeyworkerRate?: number;
  currency: string;
}

interface Reader {
  row: number;
  get(c: Column): string;
  err(c: Column, message: string): void;
}

/** A cell as a number: undefined when blank; an error naming the cell when it is not a number. */
function num(r: Reader, c: Column): number | undefined {
  const v = r.get(c);
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return n;
  r.err(c, `"${v}" is not a number`);
  return undefined;
}

function wageOf(r: Reader): WageStep['wage'] | undefined {
  const percent = num(r, 'percent');
  const amount = num(r, 'amount');
  if (percent !== undefined && amount !== undefined) r.err('amount', 'give a percentage or an amount, not both');
  else if (percent !== undefined) return { kind: 'percent', percent };
  else if (amount !== undefined) return { kind: 'amount', amount, currency: r.get('currency'), per: 'hour' };
  else r.err('percent', 'give the wage: a % of the journeyworker rate, or an amount per hour');
  return undefined;
}

function stepRow(r: Reader, frameworks: Framework[]): StepRow | undefined {
  const frameworkId = r.get('frameworkId');
  if (!frameworks.some((f) => f.id === frameworkId))
    r.err(
      'frameworkId',
      `"${frameworkId}" is not a framework of this program (${frameworks.map((f) => f.id).join(', ')})`,
    );
  const number = num(r, 'step');
  if (number === undefined || !Number.isInteger(number) || number < 1) r.err('step', 'a step number: 1, 2, 3, ...');
  const wage = wageOf(r);
  const hours: WageHours[] = HOURS_COLUMNS.flatMap((c) => {
    const h = num(r, c);
    return h === undefined ? [] : [c === 'hours' ? { hours: h } : { hours: h, category: c as HoursCategory }];
  });
  const months = num(r, 'months');
  const level = r.get('level');
  const step = {
    wage,
    ...(level ? { level } : {}),
    ...(hours.length ? { hours } : {}),
    ...(months !== undefined ? { months } : {}),
  };
  const journeyworkerRate = num(r, 'journeyworkerRate');
  if (journeyworkerRate !== undefined && number !== 1)
    r.err('journeyworkerRate', 'give the journeyworker rate on step 1');
  if (!wage || number === undefined) return undefined;
  return { row: r.row, frameworkId, number, step: step as WageStep, journeyworkerRate, currency: r.get('currency') };
}

/** Where each schedule issue is on the sheet: the step's row, and the column of the field named. */
function issueColumn(path: PropertyKey[], s: StepRow | undefined): Column {
  const [field, , sub] = path;
  if (field === 'wage')
    return path[1] === 'currency' ? 'currency' : s?.step.wage.kind === 'amount' ? 'amount' : 'percent';
  if (field === 'hours') {
    const h = s?.step.hours?.[Number(path[1])];
    return sub === undefined && !h ? 'hours' : (h?.category ?? 'hours');
  }
  if (field === 'level' || field === 'months') return field;
  return 'step';
}

export interface ParsedWageSchedules {
  schedules: Record<string, WageSchedule>;
  errors: RosterError[];
}

type ColumnIndex = Map<Column, number>;

function reader(cells: Cell[], row: number, index: ColumnIndex, errors: RosterError[]): Reader {
  const at = (c: Column): number => index.get(c) ?? -1;
  return {
    row,
    get: (c) => (at(c) >= 0 ? text(cells[at(c)]) : ''),
    err: (c, message) =>
      errors.push({
        row,
        column: COLUMNS.find((x) => x.id === c)!.header,
        cell: a1(row, Math.max(0, at(c)) + 1),
        message,
      }),
  };
}

/** Steps numbered 1, 2, 3 ... once each; the schedule's own rules (wages.ts) and the framework's levels. */
function scheduleOf(f: Framework, own: StepRow[], index: ColumnIndex, errors: RosterError[]): WageSchedule | undefined {
  const before = errors.length;
  const err = (s: StepRow, c: Column, message: string) => reader([], s.row, index, errors).err(c, message);
  own.forEach((s, k) => {
    if (k > 0 && s.number === own[k - 1]!.number)
      err(s, 'step', `step ${s.number} of ${f.id} is also on row ${own[k - 1]!.row}`);
    else if (s.number !== k + 1) err(s, 'step', `step ${k + 1} of ${f.id} is missing (steps are 1, 2, 3, ...)`);
  });
  if (errors.length > before) return undefined;
  const first = own[0]!;
  const jw = first.journeyworkerRate;
  const input = {
    ...(jw !== undefined
      ? { journeyworkerRate: { kind: 'amount', amount: jw, currency: first.currency, per: 'hour' } }
      : {}),
    steps: own.map((s) => s.step),
  };
  const parsed = WageSchedule.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, k, ...rest] = issue.path;
      if (field === 'steps' && typeof k === 'number') err(own[k]!, issueColumn(rest, own[k]), issue.message);
      else err(first, k === 'currency' ? 'currency' : 'journeyworkerRate', issue.message);
    }
    return undefined;
  }
  try {
    checkWageSchedule(f, parsed.data, 'wageSchedule');
  } catch (e) {
    const k = Number(/steps\.(\d+)\.level/.exec((e as Error).message)?.[1] ?? 0);
    err(own[k]!, 'level', (e as Error).message.replace(/^[^:]*: /, ''));
    return undefined;
  }
  return parsed.data;
}

/** The schedule of each framework from the sheet's grid (row 1 first); example and blank rows are skipped. */
export function parseWageSchedules(grid: Cell[][], frameworks: Framework[]): ParsedWageSchedules {
  const headerIndex = grid.findIndex((r) => text(r[0]) === WAGE_HEADERS[0]);
  if (headerIndex < 0)
    return {
      schedules: {},
      errors: [{ row: 1, column: WAGE_HEADERS[0]!, cell: 'A1', message: 'no header row starting "Framework" found' }],
    };
  const header = grid[headerIndex]!.map(text);
  const index: ColumnIndex = new Map(COLUMNS.map((c) => [c.id, header.indexOf(c.header)]));
  const errors: RosterError[] = [];
  const rows: StepRow[] = [];
  const broken = new Set<string>();
  grid.slice(headerIndex + 1).forEach((cells, i) => {
    const r = reader(cells, headerIndex + 2 + i, index, errors);
    if (COLUMNS.every((c) => !r.get(c.id)) || /^example/i.test(r.get('frameworkId'))) return;
    const before = errors.length;
    const s = stepRow(r, frameworks);
    if (s && errors.length === before) rows.push(s);
    else broken.add(r.get('frameworkId'));
  });
  const schedules: Record<string, WageSchedule> = {};
  for (const f of frameworks.filter((x) => !broken.has(x.id))) {
    const own = rows.filter((s) => s.frameworkId === f.id).sort((a, b) => a.number - b.number);
    const schedule = own.length ? scheduleOf(f, own, index, errors) : undefined;
    if (schedule) schedules[f.id] = schedule;
  }
  // A sheet with an error gives no schedule at all: nothing half-read is sent.
  return { schedules: errors.length ? {} : schedules, errors };
}

export const formatWageErrors = (errors: RosterError[]): string =>
  errors.map((e) => `${WAGE_SCHEDULE_SHEET}!${e.cell} (${e.column}): ${e.message}`).join('\n');
