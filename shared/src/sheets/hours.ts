// The hours sheet plan: a validated log (date, category, work function, hours, description, verified by)
// and totals against each level's requirement. The totals' allocation across levels mirrors the engine's
// (shared/src/engine/completion.ts allocateHours): tests check both give the same numbers.

import hoursTemplate from '../../../templates/hours.json';
import { COUNTS_TOWARDS, HOURS_CATEGORY_LABEL, RULES } from '../engine/rules';
import { MAX_TEXT_LENGTH } from '../model/limits';
import { type Framework, HoursCategory, type Level } from './model';
import { a1, type Cell, columnLetter, PlanBuilder, type SheetPlan, sheetName, str, type Validation } from './plan';
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
  const scope = levelsInScope(framework, apprentice.levelId);
  const categories = HOURS_CATEGORIES.filter((c) => framework.levels.some((l) => required(l, c) > 0));
  const totalsCol = template.columns.length + 2; // one blank column between the log and the totals
  const b = new PlanBuilder(totalsCol + 3);
  const headerRow = template.headerRow;

  b.row([null, template.title], 'title');
  b.row([null, template.help], 'help');
  b.row();
  b.row(
    template.columns.map((c) => c.header),
    'header',
  );

  // The log: kept rows first (matched by their row key), then roster prior credit not yet in the log, then blanks.
  const kept: HoursRow[] = existing ? [...existing.rows] : [];
  const keys = new Set(kept.map((r) => r.key).filter(Boolean));
  for (const credit of roster.priorCredit) {
    const key = `credit:${credit.category}`;
    if (keys.has(key)) continue;
    kept.push({
      key,
      date: apprentice.startDate,
      category: priorCreditLabel(credit.category),
      workFunction: '',
      hours: credit.hours,
      description: 'Prior credit from the roster (counts once verified)',
      verifiedBy: '',
    });
    keys.add(key);
  }
  let next = 1;
  const freshKey = (): string => {
    while (keys.has(`h-${next}`)) next += 1;
    keys.add(`h-${next}`);
    return `h-${next}`;
  };
  const logRows = Math.max(template.logRows, kept.length + 100);
  const lists = {
    category: [...HOURS_CATEGORIES.map(categoryLabel), ...HOURS_CATEGORIES.map(priorCreditLabel)],
    workFunction: framework.workFunctions.map(workFunctionLabel),
  };
  const help = Object.fromEntries(template.columns.map((c) => [c.id, c.help ?? ''])) as Record<HoursColumn, string>;
  const validation = (id: HoursColumn, row: number): Validation | null => {
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
  for (let i = 0; i < logRows; i += 1) {
    const r = kept[i];
    const cells: Cell[] = r
      ? [r.key || freshKey(), r.date, r.category, r.workFunction, r.hours, r.description, r.verifiedBy]
      : [freshKey()];
    const row = b.row(cells);
    HOURS_COLUMNS.forEach((id, c) => {
      b.style(
        row,
        c + 1,
        id === 'key' ? 'key' : id === 'date' ? 'date' : id === 'hours' ? 'hours' : id === 'description' ? 'text' : null,
      );
      const v = validation(id, row);
      if (v) b.validate(row, c + 1, v);
    });
    b.key(`hours:${cells[0]}`, row);
  }

  // Totals: the pool per category (logged + verified prior credit), then each level's share of it.
  const col = (id: HoursColumn): string => columnLetter(hoursCol(id));
  const [cA, cB, cC, cD] = [0, 1, 2, 3].map((i) => totalsCol + i) as [number, number, number, number];
  let r = headerRow;
  b.set(r, cA, template.totalsTitle, 'section');
  b.set(++r, cA, template.poolHeader[0]!, 'header');
  b.set(r, cB, template.poolHeader[1]!, 'header');
  b.set(r, cC, template.poolHeader[2]!, 'header');
  b.set(r, cD, template.poolHeader[3]!, 'header');
  // Which logged categories count towards which requirement is the engine's rule table, not ours.
  const poolRow: Partial<Record<HoursCategory, number>> = {};
  for (const c of HOURS_CATEGORIES) {
    r += 1;
    poolRow[c] = r;
    b.set(r, cA, categoryLabel(c), 'label');
    b.set(
      r,
      cB,
      `=SUMIFS(${col('hours')}:${col('hours')},${col('category')}:${col('category')},${str(categoryLabel(c))})`,
      'hours',
    );
    b.set(
      r,
      cC,
      `=SUMIFS(${col('hours')}:${col('hours')},${col('category')}:${col('category')},${str(priorCreditLabel(c))},${col('verifiedBy')}:${col('verifiedBy')},"<>")`,
      'hours',
    );
  }
  const pool: Partial<Record<HoursCategory, string>> = {};
  for (const c of HOURS_CATEGORIES) {
    const sources = COUNTS_TOWARDS[c] as readonly HoursCategory[];
    b.set(
      poolRow[c]!,
      cD,
      `=${sources.map((s) => `${a1(poolRow[s]!, cB)}+${a1(poolRow[s]!, cC)}`).join('+')}`,
      'hours',
    );
    pool[c] = a1(poolRow[c]!, cD);
  }
  r += 1;
  b.set(++r, cA, template.totalsHeader[0]!, 'header');
  b.set(r, cB, template.totalsHeader[1]!, 'header');
  b.set(r, cC, template.totalsHeader[2]!, 'header');
  b.set(r, cD, template.totalsHeader[3]!, 'header');
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
  const vars = { name: apprentice.name, id: apprentice.id };
  const plan = b.build({
    name: sheetName(template.sheetName, vars),
    tag: {
      kind: 'hours',
      apprenticeId: apprentice.id,
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      levelId: apprentice.levelId,
    },
    columnWidths: [...template.columns.map((c) => c.width), 20, 240, 80, 80, 80],
    hiddenColumns: [hoursCol('key')],
    frozenRows: headerRow,
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
