// The hours sheet plan: a validated log (date, category, work function, hours, description, verified by)
// and totals against each level's requirement. The totals' allocation across levels mirrors the engine's
// (shared/src/engine/completion.ts allocateHours): tests check both give the same numbers.

import hoursTemplate from '../../../templates/hours.json';
import { COUNTS_TOWARDS, HOURS_CATEGORY_LABEL, RULES } from '../engine/rules';
import { MAX_TEXT_LENGTH } from '../model/limits';
import { type Framework, HoursCategory, type Level } from './model';
import {
  a1,
  type Cell,
  columnLetter,
  PlanBuilder,
  type SheetPlan,
  type StyleName,
  sheetName,
  str,
  type Validation,
} from './plan';
import type { ExistingHours, HoursRow } from './read';
import type { RosterRow } from './roster-row';
import { withRuleText } from './rule-text';

const template = withRuleText(hoursTemplate);
export const HOURS_CATEGORIES: readonly HoursCategory[] = HoursCategory.options;
export const categoryLabel = (c: HoursCategory): string => HOURS_CATEGORY_LABEL[c];
export const priorCreditLabel = (c: HoursCategory): string => `${template.priorCreditPrefix}${categoryLabel(c)}`;
export const workFunctionLabel = (wf: { id: string; title: string }): string => `${wf.id} — ${wf.title}`;
export const HOURS_COLUMNS = template.columns.map((c) => c.id) as HoursColumn[];
export type HoursColumn = 'key' | 'date' | 'category' | 'workFunction' | 'hours' | 'description' | 'verifiedBy';
export const hoursCol = (id: HoursColumn): number => HOURS_COLUMNS.indexOf(id) + 1;

/** Levels whose hours the qual card shows: up to the target for a cumulative framework, else the target. */
export function levelsInScope(framework: Framework, levelId: string): Level[] {
  const i = framework.levels.findIndex((l) => l.id === levelId);
  if (i < 0) throw new Error(`level "${levelId}" is not a level of ${framework.id}`);
  return framework.program.levelsCumulative ? framework.levels.slice(0, i + 1) : [framework.levels[i]!];
}

export interface HoursPlan {
  plan: SheetPlan;
  /** Cell (A1, on the hours sheet) holding the counted hours for `${levelId}|${category}`. */
  counted: Record<string, string>;
}

const required = (l: Level, c: HoursCategory): number => l.requirements.hours.find((h) => h.category === c)?.hours ?? 0;

export function planHours(framework: Framework, roster: RosterRow, existing: ExistingHours | null): HoursPlan {
  const { apprentice } = roster;
  const b = new PlanBuilder(TOTALS_COL + 3);
  b.row([null, template.title], 'title');
  b.row([null, template.help], 'help');
  b.row();
  b.row(
    template.columns.map((c) => c.header),
    'header',
  );
  const kept = logEntries(roster, existing);
  addLog(b, framework, kept);
  const counted = addTotals(b, framework, levelsInScope(framework, apprentice.levelId));
  const plan = b.build({
    name: sheetName(template.sheetName, { name: apprentice.name, id: apprentice.id }),
    tag: {
      kind: 'hours',
      apprenticeId: apprentice.id,
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      levelId: apprentice.levelId,
    },
    columnWidths: [...template.columns.map((c) => c.width), 20, 240, 80, 80, 80],
    hiddenColumns: [hoursCol('key')],
    frozenRows: template.headerRow,
    protections: [],
    conditional: [],
    charts: [],
  });
  // The baseline: the same sheet for an apprentice with nothing logged and no prior credit.
  const fresh = kept.length === 0;
  const base = fresh
    ? plan.cells
    : existing === null && roster.priorCredit.length && template.logRows >= roster.priorCredit.length + 100
      ? planHours(framework, { ...roster, priorCredit: [] }, null).plan.cells
      : undefined;
  return { plan: base ? { ...plan, baseCells: base } : plan, counted };
}

/** First column of the totals, with one blank column between the log and the totals. */
const TOTALS_COL = template.columns.length + 2;

/** The log's entries: kept rows first (matched by their row key), then roster prior credit not yet in the log. */
function logEntries(roster: RosterRow, existing: ExistingHours | null): HoursRow[] {
  const kept: HoursRow[] = existing ? [...existing.rows] : [];
  const keys = new Set(kept.map((r) => r.key));
  for (const credit of roster.priorCredit) {
    const key = `credit:${credit.category}`;
    if (keys.has(key)) continue;
    kept.push({
      key,
      date: roster.apprentice.startDate,
      category: priorCreditLabel(credit.category),
      workFunction: '',
      hours: credit.hours,
      description: 'Prior credit from the roster (counts once verified)',
      verifiedBy: '',
    });
    keys.add(key);
  }
  return kept;
}

/** The next unused `h-<n>` key, for new rows and kept rows that lost their key. */
function keyMaker(used: Iterable<string>): () => string {
  const keys = new Set(used);
  let next = 1;
  return () => {
    while (keys.has(`h-${next}`)) next += 1;
    keys.add(`h-${next}`);
    return `h-${next}`;
  };
}

const LOG_STYLE: Partial<Record<HoursColumn, StyleName>> = {
  key: 'key',
  date: 'date',
  hours: 'hours',
  description: 'text',
};

/** The log rows: the entries, then blank rows (at least 100) to log into, every cell styled and validated. */
function addLog(b: PlanBuilder, framework: Framework, entries: HoursRow[]): void {
  const freshKey = keyMaker(entries.map((r) => r.key).filter(Boolean));
  const validation = logValidation(framework);
  const logRows = Math.max(template.logRows, entries.length + 100);
  for (let i = 0; i < logRows; i += 1) {
    const r = entries[i];
    const cells: Cell[] = r
      ? [r.key || freshKey(), r.date, r.category, r.workFunction, r.hours, r.description, r.verifiedBy]
      : [freshKey()];
    const row = b.row(cells);
    HOURS_COLUMNS.forEach((id, c) => {
      b.style(row, c + 1, LOG_STYLE[id] ?? null);
      const v = validation(id, row);
      if (v) b.validate(row, c + 1, v);
    });
    b.key(`hours:${cells[0]}`, row);
  }
}

/** Each log column's validation, with the column's help text from the template. */
function logValidation(framework: Framework): (id: HoursColumn, row: number) => Validation | null {
  const lists = {
    category: [...HOURS_CATEGORIES.map(categoryLabel), ...HOURS_CATEGORIES.map(priorCreditLabel)],
    workFunction: framework.workFunctions.map(workFunctionLabel),
  };
  const help = Object.fromEntries(template.columns.map((c) => [c.id, c.help ?? ''])) as Record<HoursColumn, string>;
  return (id, row) => {
    switch (id) {
      case 'date':
        return { kind: 'date', help: help.date };
      case 'category':
        return { kind: 'list', values: lists.category, help: help.category };
      case 'workFunction':
        return { kind: 'list', values: lists.workFunction, help: help.workFunction };
      case 'hours':
        return { kind: 'number', min: 0, max: RULES.maxHoursPerDay, help: help.hours };
      case 'description':
        return {
          kind: 'formula',
          formula: `=LEN(${a1(row, hoursCol('description'))})<=${MAX_TEXT_LENGTH}`,
          help: help.description,
        };
      case 'verifiedBy':
        return { kind: 'email', help: help.verifiedBy };
      default:
        return null;
    }
  };
}

/** The four columns of the totals, right of the log. */
const [cA, cB, cC, cD] = [0, 1, 2, 3].map((i) => TOTALS_COL + i) as [number, number, number, number];
const logRange = (id: HoursColumn): string => `${columnLetter(hoursCol(id))}:${columnLetter(hoursCol(id))}`;

function setHeader(b: PlanBuilder, row: number, labels: string[]): void {
  for (const [i, c] of [cA, cB, cC, cD].entries()) b.set(row, c, labels[i]!, 'header');
}

/**
 * Totals: the pool per category (logged + verified prior credit), then each level's share of it. Returns the
 * counted cell of each `${levelId}|${category}`.
 */
function addTotals(b: PlanBuilder, framework: Framework, scope: Level[]): Record<string, string> {
  let r = template.headerRow;
  b.set(r, cA, template.totalsTitle, 'section');
  setHeader(b, ++r, template.poolHeader);
  const pool = addPool(b, r + 1);
  r += HOURS_CATEGORIES.length + 1;
  setHeader(b, ++r, template.totalsHeader);
  const categories = HOURS_CATEGORIES.filter((c) => framework.levels.some((l) => required(l, c) > 0));
  const counted: Record<string, string> = {};
  for (const level of scope) {
    for (const c of categories) {
      const need = required(level, c);
      if (need <= 0) continue;
      r += 1;
      b.set(r, cA, `${level.title}: ${categoryLabel(c)}`, 'label');
      b.set(r, cB, need, 'hours');
      b.set(r, cC, `=${countedFormula(framework, level, c, pool[c]!)}`, 'hours');
      b.set(r, cD, `=MAX(0,${a1(r, cB)}-${a1(r, cC)})`, 'hours');
      counted[`${level.id}|${c}`] = a1(r, cC);
    }
  }
  return counted;
}

/** One pool row per category from `firstRow`; returns the cell of each category's pool. */
function addPool(b: PlanBuilder, firstRow: number): Partial<Record<HoursCategory, string>> {
  const poolRow: Partial<Record<HoursCategory, number>> = {};
  for (const [i, c] of HOURS_CATEGORIES.entries()) {
    const r = firstRow + i;
    poolRow[c] = r;
    b.set(r, cA, categoryLabel(c), 'label');
    b.set(r, cB, `=SUMIFS(${logRange('hours')},${logRange('category')},${str(categoryLabel(c))})`, 'hours');
    b.set(
      r,
      cC,
      `=SUMIFS(${logRange('hours')},${logRange('category')},${str(priorCreditLabel(c))},${logRange('verifiedBy')},"<>")`,
      'hours',
    );
  }
  // Which logged categories count towards which requirement is the engine's rule table, not ours.
  const pool: Partial<Record<HoursCategory, string>> = {};
  for (const c of HOURS_CATEGORIES) {
    const sources = COUNTS_TOWARDS[c] as readonly HoursCategory[];
    const sum = sources.map((s) => `${a1(poolRow[s]!, cB)}+${a1(poolRow[s]!, cC)}`).join('+');
    b.set(poolRow[c]!, cD, `=${sum}`, 'hours');
    pool[c] = a1(poolRow[c]!, cD);
  }
  return pool;
}

/**
 * Untagged hours fill a cumulative framework's levels in order, each up to its requirement, and the last
 * level with a requirement takes the excess; a non-cumulative framework counts them for every level.
 */
function countedFormula(framework: Framework, level: Level, c: HoursCategory, pool: string): string {
  if (!framework.program.levelsCumulative) return `ROUND(${pool},2)`;
  const withRequirement = framework.levels.filter((l) => required(l, c) > 0);
  const index = withRequirement.findIndex((l) => l.id === level.id);
  const before = withRequirement.slice(0, index).reduce((s, l) => s + required(l, c), 0);
  const rest = `MAX(0,${pool}-${before})`;
  return index === withRequirement.length - 1 ? `ROUND(${rest},2)` : `ROUND(MIN(${required(level, c)},${rest}),2)`;
}
