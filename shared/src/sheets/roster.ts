// The Roster sheet: its plan (headers, validation, an example row) and parsing its rows into roster rows
// with row- and column-numbered errors. A roster with errors generates nothing.

import rosterTemplate from '../../../templates/roster.json';
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
  | 'maximumMonths';
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
  const errors: RosterError[] = [];
  const headerIndex = grid.findIndex((r) => r.some((c) => text(c) === ROSTER_HEADERS[0]));
  if (headerIndex < 0)
    return {
      rows: [],
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
  const index = new Map(COLUMNS.map((c) => [c.id, header.indexOf(c.header)]));
  for (const c of COLUMNS)
    if (index.get(c.id)! < 0 && !['priorCredit', 'maximumMonths'].includes(c.id)) {
      errors.push({
        row: headerIndex + 1,
        column: c.header,
        cell: a1(headerIndex + 1, 1),
        message: 'column is missing',
      });
    }
  if (errors.length) return { rows: [], errors };

  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  grid.slice(headerIndex + 1).forEach((cells, i) => {
    const row = headerIndex + 2 + i;
    const get = (c: RosterColumn): string => (index.get(c)! >= 0 ? text(cells[index.get(c)!]) : '');
    const err = (c: RosterColumn, message: string): void => {
      const k = index.get(c)!;
      errors.push({
        row,
        column: COLUMNS.find((x) => x.id === c)!.header,
        cell: `${columnLetter(k + 1)}${row}`,
        message,
      });
    };
    if (COLUMNS.every((c) => !get(c.id))) return;
    if (/^example/i.test(get('id'))) return;
    const before = errors.length;
    const framework = frameworks.find((f) => f.id === get('frameworkId'));
    if (!framework)
      err(
        'frameworkId',
        `"${get('frameworkId')}" is not a framework set up for this program (${frameworks.map((f) => f.id).join(', ')})`,
      );
    else if (!framework.levels.some((l) => l.id === get('levelId')))
      err(
        'levelId',
        `"${get('levelId')}" is not a level of ${framework.id} (${framework.levels.map((l) => l.id).join(', ')})`,
      );
    const priorCredit = parseCredit(get('priorCredit'), (m) => err('priorCredit', m));
    const months = get('maximumMonths');
    const parsed = Apprentice.safeParse({
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
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) err(String(issue.path[0] ?? 'id') as RosterColumn, issue.message);
    }
    if (parsed.success && seen.has(parsed.data.id))
      err('id', `"${parsed.data.id}" is already used on row ${seen.get(parsed.data.id)}`);
    if (parsed.success && parsed.data.coachEmails.includes(parsed.data.email))
      err('coachEmails', 'the apprentice cannot be their own coach');
    if (errors.length === before && parsed.success) {
      seen.set(parsed.data.id, row);
      rows.push({ row, apprentice: parsed.data, priorCredit });
    }
  });
  return { rows, errors };
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
