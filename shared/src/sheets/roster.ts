// The Roster sheet: its plan (headers, validation, an example row) and parsing its rows into roster rows
// with row- and column-numbered errors. A roster with errors generates nothing.

import rosterTemplate from '../../../templates/roster.json';
import { optionalWorkFunctionIds } from '../engine/program';
import { ID_PATTERN_SOURCE } from '../model/ids';
import { MAX_PROGRAM_MONTHS } from '../model/limits';
import { Apprentice, type Framework, HoursCategory } from './model';
import { a1, type Cell, columnLetter, PlanBuilder, type SheetPlan, type Validation } from './plan';
import type { RosterCredit, RosterRow } from './roster-row';
import { withRuleText } from './rule-text';

const template = withRuleText(rosterTemplate);
export type RosterColumn =
  | 'id'
  | 'name'
  | 'email'
  | 'coachEmails'
  | 'startDate'
  | 'frameworkId'
  | 'levelId'
  | 'priorCredit'
  | 'maximumMonths'
  | 'optionalWorkFunctionIds';
const COLUMNS = template.columns as {
  id: RosterColumn;
  header: string;
  width: number;
  help: string;
  example: string;
}[];
export const ROSTER_HEADERS = COLUMNS.map((c) => c.header);
const HEADER_ROW = template.headerRow;
const ROWS = 200;

export function planRoster(frameworks: Framework[]): SheetPlan {
  const b = new PlanBuilder(COLUMNS.length);
  b.row([template.title], 'title');
  b.row([template.help], 'help');
  b.row(ROSTER_HEADERS, 'header');
  const levels = [...new Set(frameworks.flatMap((f) => f.levels.map((l) => l.id)))];
  for (let i = 0; i < ROWS; i += 1) {
    const r = b.row(i === 0 ? COLUMNS.map((c) => c.example) : [], i === 0 ? 'example' : null);
    COLUMNS.forEach((c, k) => {
      const at = a1(r, k + 1);
      const v: Validation = (
        {
          id: { kind: 'formula', formula: `=REGEXMATCH(${at},"${ID_PATTERN_SOURCE}")`, help: c.help },
          name: { kind: 'formula', formula: `=LEN(TRIM(${at}))>0`, help: c.help },
          email: { kind: 'email', help: c.help },
          coachEmails: {
            kind: 'formula',
            formula: `=REGEXMATCH(${at},"^\\s*[^@,\\s]+@[^@,\\s]+(\\s*,\\s*[^@,\\s]+@[^@,\\s]+)*\\s*$")`,
            help: c.help,
          },
          startDate: { kind: 'date', help: c.help },
          frameworkId: { kind: 'list', values: frameworks.map((f) => f.id), help: c.help },
          levelId: { kind: 'list', values: levels, help: c.help },
          priorCredit: {
            kind: 'formula',
            formula: `=REGEXMATCH(${at},"^\\s*(\\d+(\\.\\d+)?\\s+(${HoursCategory.options.join('|')})\\s*(;\\s*|$))*$")`,
            help: c.help,
          },
          maximumMonths: { kind: 'number', min: 1, max: MAX_PROGRAM_MONTHS, help: c.help },
          optionalWorkFunctionIds: {
            kind: 'formula',
            formula: `=REGEXMATCH(${at},"^\\s*([A-Za-z0-9._-]+\\s*(,\\s*|$))*$")`,
            help: c.help,
          },
        } satisfies Record<RosterColumn, Validation>
      )[c.id];
      b.validate(r, k + 1, v);
      if (c.id === 'startDate') b.style(r, k + 1, i === 0 ? 'example' : 'date');
    });
  }
  return b.build({
    name: template.sheetName,
    tag: { kind: 'roster' },
    columnWidths: COLUMNS.map((c) => c.width),
    hiddenColumns: [],
    frozenRows: HEADER_ROW,
    protections: [],
    conditional: [],
    charts: [],
  });
}

export interface RosterError {
  row: number;
  column: string;
  cell: string;
  message: string;
}
export interface ParsedRoster {
  rows: RosterRow[];
  errors: RosterError[];
}

const text = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/** Parses the roster grid (the whole sheet, row 1 first). Blank rows and example rows are skipped. */
export function parseRoster(grid: Cell[][], frameworks: Framework[]): ParsedRoster {
  const header = readHeader(grid);
  if ('errors' in header) return { rows: [], errors: header.errors };
  const errors: RosterError[] = [];
  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  for (const [i, values] of grid.slice(header.row).entries()) {
    const cells = rowCells(values, header.row + 1 + i, header.index, errors);
    const parsed = parseRow(cells, frameworks, seen);
    if (parsed) rows.push(parsed);
  }
  return { rows, errors };
}

const OPTIONAL_COLUMNS: RosterColumn[] = ['priorCredit', 'maximumMonths', 'optionalWorkFunctionIds'];

/** Column index (0-based, -1 when absent) of each roster column. */
type ColumnIndex = Map<RosterColumn, number>;

/** The header row (1-based) and where each column is, or an error per missing required column. */
function readHeader(grid: Cell[][]): { row: number; index: ColumnIndex } | { errors: RosterError[] } {
  const headerIndex = grid.findIndex((r) => r.some((c) => text(c) === ROSTER_HEADERS[0]));
  if (headerIndex < 0)
    return {
      errors: [
        {
          row: 1,
          column: ROSTER_HEADERS[0]!,
          cell: 'A1',
          message: `no header row with "${ROSTER_HEADERS[0]}" found; create the roster from the sidebar`,
        },
      ],
    };
  const header = grid[headerIndex]!.map(text);
  const index: ColumnIndex = new Map(COLUMNS.map((c) => [c.id, header.indexOf(c.header)]));
  // Prior credit, maximum months and optional work functions are optional columns: a roster without them parses.
  const errors = COLUMNS.filter((c) => index.get(c.id)! < 0 && !OPTIONAL_COLUMNS.includes(c.id)).map((c) => ({
    row: headerIndex + 1,
    column: c.header,
    cell: a1(headerIndex + 1, 1),
    message: 'column is missing',
  }));
  return errors.length ? { errors } : { row: headerIndex + 1, index };
}

/** One roster row's cells by column, and errors named by the cell they are about. */
interface RowCells {
  row: number;
  get(c: RosterColumn): string;
  err(c: RosterColumn, message: string): void;
}

function rowCells(cells: Cell[], row: number, index: ColumnIndex, errors: RosterError[]): RowCells {
  return {
    row,
    get: (c) => (index.get(c)! >= 0 ? text(cells[index.get(c)!]) : ''),
    err: (c, message) => {
      const k = index.get(c)!;
      errors.push({
        row,
        column: COLUMNS.find((x) => x.id === c)!.header,
        cell: `${columnLetter(k + 1)}${row}`,
        message,
      });
    },
  };
}

/**
 * A roster row, or null when it is blank, an example or has errors. `seen` holds the ids of the rows
 * before it, each with its row, so a repeated id names the row that has it first.
 */
function parseRow(cells: RowCells, frameworks: Framework[], seen: Map<string, number>): RosterRow | null {
  const { get, err } = cells;
  if (COLUMNS.every((c) => !get(c.id))) return null;
  if (/^example/i.test(get('id'))) return null;
  let errorCount = 0;
  const counted = (c: RosterColumn, message: string): void => {
    errorCount += 1;
    err(c, message);
  };
  checkFrameworkLevel(get('frameworkId'), get('levelId'), frameworks, counted);
  checkWorkFunctions(
    get('optionalWorkFunctionIds'),
    frameworks.find((f) => f.id === get('frameworkId')),
    (m) => counted('optionalWorkFunctionIds', m),
  );
  const priorCredit = parseCredit(get('priorCredit'), (m) => counted('priorCredit', m));
  const parsed = apprenticeFromRow(get);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) counted(String(issue.path[0] ?? 'id') as RosterColumn, issue.message);
    return null;
  }
  const a = parsed.data;
  if (seen.has(a.id)) counted('id', `"${a.id}" is already used on row ${seen.get(a.id)}`);
  if (a.coachEmails.includes(a.email)) counted('coachEmails', 'the apprentice cannot be their own coach');
  if (errorCount) return null;
  seen.set(a.id, cells.row);
  return { row: cells.row, apprentice: a, priorCredit };
}

/** The framework must be one of the program's, and the level one of that framework's. */
function checkFrameworkLevel(
  frameworkId: string,
  levelId: string,
  frameworks: Framework[],
  err: (c: RosterColumn, message: string) => void,
): void {
  const framework = frameworks.find((f) => f.id === frameworkId);
  if (!framework)
    err(
      'frameworkId',
      `"${frameworkId}" is not a framework set up for this program (${frameworks.map((f) => f.id).join(', ')})`,
    );
  else if (!framework.levels.some((l) => l.id === levelId))
    err('levelId', `"${levelId}" is not a level of ${framework.id} (${framework.levels.map((l) => l.id).join(', ')})`);
}

/** The apprentice's plan: ids of the framework's optional work functions, or blank for the program's choice. */
const workFunctionList = (raw: string): string[] =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function checkWorkFunctions(raw: string, framework: Framework | undefined, err: (m: string) => void): void {
  if (!raw || !framework) return;
  const optional = optionalWorkFunctionIds(framework);
  for (const id of workFunctionList(raw))
    if (!optional.includes(id))
      err(`"${id}" is not an optional work function of ${framework.id} (optional: ${optional.join(', ') || 'none'})`);
}

function apprenticeFromRow(get: RowCells['get']): ReturnType<typeof Apprentice.safeParse> {
  const months = get('maximumMonths');
  const plan = get('optionalWorkFunctionIds');
  return Apprentice.safeParse({
    id: get('id'),
    name: get('name'),
    email: get('email'),
    startDate: get('startDate'),
    frameworkId: get('frameworkId'),
    levelId: get('levelId'),
    coachEmails: get('coachEmails')
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean),
    ...(months ? { maximumMonths: Number(months) } : {}),
    ...(plan ? { optionalWorkFunctionIds: workFunctionList(plan) } : {}),
  });
}

function parseCredit(raw: string, err: (m: string) => void): RosterCredit[] {
  if (!raw) return [];
  const credits: RosterCredit[] = [];
  for (const part of raw
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d+(?:\.\d+)?)\s+(\S+)$/.exec(part);
    const category = HoursCategory.safeParse(m?.[2]);
    if (!m || !category.success) {
      err(`"${part}" is not "<hours> <category>" with a category of ${HoursCategory.options.join(', ')}`);
      continue;
    }
    credits.push({ category: category.data, hours: Number(m[1]) });
  }
  return credits;
}

export const formatRosterErrors = (errors: RosterError[]): string =>
  errors.map((e) => `Roster ${e.cell} (row ${e.row}, ${e.column}): ${e.message}`).join('\n');
