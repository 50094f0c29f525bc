// The hours sheet plan: a validated log (date, category, work function, hours, description, verified by) with
// each row's Status and Confirmation, and the engine's totals against each level's requirement. The totals are the
// engine's numbers (what was confirmed), written as values: logged hours count only once a coach confirms them.

import hoursTemplate from '../../../templates/hours.json';
import { workFunctionsRun } from '../engine/program';
import { HOURS_CATEGORY_LABEL, RULES } from '../engine/rules';
import { MAX_TEXT_LENGTH } from '../model/limits';
import type { ProgramChoice } from '../model/program';
import { type Framework, HoursCategory, type Level } from './model';
import { a1, type Cell, fill, PlanBuilder, type SheetPlan, type StyleName, sheetName, type Validation } from './plan';
import { type ExistingHours, type HoursRow, hasTyped } from './read';
import type { RosterRow } from './roster-row';
import { withRuleText } from './rule-text';
import { rowConfirmationText, statusFormats, statusFormula, withdrawnText } from './status';
import type { ProgressView } from './view';

const template = withRuleText(hoursTemplate);
export const HOURS_CATEGORIES: readonly HoursCategory[] = HoursCategory.options;
export const categoryLabel = (c: HoursCategory): string => HOURS_CATEGORY_LABEL[c];
export const priorCreditLabel = (c: HoursCategory): string => `${template.priorCreditPrefix}${categoryLabel(c)}`;
export const workFunctionLabel = (wf: { id: string; title: string }): string => `${wf.id} — ${wf.title}`;
/** The work function id a Work function cell names: its label's id, or the cell as typed (undefined when blank). */
export const workFunctionIdOf = (cell: string): string | undefined => cell.split(' — ')[0]!.trim() || undefined;
export const HOURS_COLUMNS = template.columns.map((c) => c.id) as HoursColumn[];
export type HoursColumn =
  | 'key'
  | 'date'
  | 'category'
  | 'workFunction'
  | 'hours'
  | 'description'
  | 'verifiedBy'
  | 'status'
  | 'confirmation';
export const hoursCol = (id: HoursColumn): number => HOURS_COLUMNS.indexOf(id) + 1;
/** The columns a person types, in sheet order (between the row key and Status). */
const TYPED = HOURS_COLUMNS.slice(1, HOURS_COLUMNS.indexOf('status')) as Exclude<
  HoursColumn,
  'key' | 'status' | 'confirmation'
>[];

/** Levels whose hours the qual card shows: up to the target for a cumulative framework, else the target. */
export function levelsInScope(framework: Framework, levelId: string): Level[] {
  const i = framework.levels.findIndex((l) => l.id === levelId);
  if (i < 0) throw new Error(`level "${levelId}" is not a level of ${framework.id}`);
  return framework.program.levelsCumulative ? framework.levels.slice(0, i + 1) : [framework.levels[i]!];
}

const required = (l: Level, c: HoursCategory): number => l.requirements.hours.find((h) => h.category === c)?.hours ?? 0;
/** First column of the totals, with one blank column between the log and the totals. */
const TOTALS_COL = template.columns.length + 2;
const TOTALS_COLS = template.totalsHeader.length;
const FIRST_LOG_ROW = template.headerRow + 1;

/** What every part of the sheet needs: the framework and the work functions the apprentice's program runs. */
interface HoursContext {
  framework: Framework;
  run: ReadonlySet<string>;
}

export function planHours(
  framework: Framework,
  roster: RosterRow,
  existing: ExistingHours | null,
  view?: ProgressView,
  /** The sponsor's program for this framework (absent: the framework's default): the work functions offered. */
  program?: ProgramChoice,
): SheetPlan {
  const ctx: HoursContext = { framework, run: workFunctionsRun(framework, roster.apprentice, program) };
  const plan = buildHours(ctx, roster, logEntries(ctx, roster, existing, view), view);
  // The baseline: the same sheet for an apprentice with nothing logged, no prior credit and nothing computed.
  const fresh = logEntries(ctx, roster, existing, view).length === 0;
  const base = fresh
    ? view
      ? buildHours(ctx, roster, [], undefined).cells
      : plan.cells
    : existing === null && roster.priorCredit.length && template.logRows >= roster.priorCredit.length + 100
      ? buildHours(ctx, { ...roster, priorCredit: [] }, [], undefined).cells
      : undefined;
  return base ? { ...plan, baseCells: base } : plan;
}

function buildHours(ctx: HoursContext, roster: RosterRow, entries: HoursRow[], view?: ProgressView): SheetPlan {
  const { framework } = ctx;
  const { apprentice } = roster;
  const b = new PlanBuilder(TOTALS_COL + TOTALS_COLS - 1);
  b.row([null, template.title], 'title');
  b.row([null, template.help], 'help');
  b.row();
  b.row(
    template.columns.map((c) => c.header),
    'header',
  );
  addLog(b, ctx, entries, view);
  const lastTotalsRow = addTotals(b, framework, levelsInScope(framework, apprentice.levelId), view);
  const logArea = {
    row: FIRST_LOG_ROW,
    col: hoursCol('status'),
    rows: b.rowCount - FIRST_LOG_ROW + 1,
    cols: 2,
  };
  return b.build({
    name: sheetName(template.sheetName, { name: apprentice.name, id: apprentice.id }),
    tag: {
      kind: 'hours',
      apprenticeId: apprentice.id,
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      levelId: apprentice.levelId,
    },
    columnWidths: [...template.columns.map((c) => c.width), 20, 240, 80, 80, 90, 80],
    hiddenColumns: [hoursCol('key')],
    frozenRows: template.headerRow,
    // Warning-only: the add-on writes Status and Confirmation as whoever runs it.
    protections: [{ area: logArea, description: template.protection, warningOnly: true }],
    conditional: statusFormats({ ...logArea, cols: 1 }),
    charts: [],
    computed: [
      logArea,
      { row: template.headerRow, col: TOTALS_COL, rows: lastTotalsRow - template.headerRow + 1, cols: TOTALS_COLS },
    ],
  });
}

/**
 * The log's entries: kept rows first (matched by their row key), then confirmed rows deleted from the sheet (written
 * back with their confirmed values: they still count, and their key is not reused), then roster prior credit not
 * yet in the log.
 */
function logEntries(
  { framework }: HoursContext,
  roster: RosterRow,
  existing: ExistingHours | null,
  view?: ProgressView,
): HoursRow[] {
  const kept: HoursRow[] = existing ? [...existing.rows] : [];
  const keys = new Set(kept.map((r) => r.key));
  for (const [key, row] of Object.entries(view?.confirmations?.hours ?? {})) {
    if (row.onSheet?.kind !== 'deleted' || keys.has(key)) continue;
    const v = row.confirmed;
    const wf = framework.workFunctions.find((w) => w.id === v.workFunctionId);
    kept.push({
      key,
      date: String(v.date ?? ''),
      category: HoursCategory.safeParse(v.category).success ? categoryLabel(v.category as HoursCategory) : '',
      workFunction: wf ? workFunctionLabel(wf) : String(v.workFunctionId ?? ''),
      hours: typeof v.hours === 'number' ? v.hours : '',
      description: template.restoredRow,
      verifiedBy: row.confirmation.by,
      confirmation: '',
    });
    keys.add(key);
  }
  for (const credit of roster.priorCredit) {
    const key = `credit:${credit.category}`;
    if (keys.has(key)) continue;
    kept.push({
      key,
      date: roster.apprentice.startDate,
      category: priorCreditLabel(credit.category),
      workFunction: '',
      hours: credit.hours,
      description: template.priorCreditRow,
      verifiedBy: '',
      confirmation: '',
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
  status: 'stamp',
  confirmation: 'stamp',
};

/** A row's Confirmation: from the service when the view has its confirmations, else as the sheet had it. */
function confirmationCell(key: string, kept: string, view?: ProgressView): string {
  const confirmations = view?.confirmations;
  if (!confirmations) return kept;
  const hours = confirmations.hours[key];
  if (hours) return rowConfirmationText('hours-entry', hours, view.progress);
  const credit = confirmations.priorCredit[key];
  if (credit) return rowConfirmationText('prior-credit', credit, view.progress);
  return withdrawnText(confirmations.history?.hours[key] ?? confirmations.history?.priorCredit[key]);
}

/** The log rows: the entries, then blank rows (at least 100) to log into, every cell styled and validated. */
function addLog(b: PlanBuilder, ctx: HoursContext, entries: HoursRow[], view?: ProgressView): void {
  const freshKey = keyMaker(entries.map((r) => r.key).filter(Boolean));
  const validation = logValidation(ctx, entries);
  const logRows = Math.max(template.logRows, entries.length + 100);
  for (let i = 0; i < logRows; i += 1) {
    const r = entries[i];
    const key = r?.key || freshKey();
    const row = b.rowCount + 1;
    b.row();
    b.set(row, hoursCol('key'), key);
    if (r && hasTyped(r)) for (const id of TYPED) b.set(row, hoursCol(id), r[id]);
    // The typed columns sit together, B to G: any of them typed makes the row pending until it is confirmed.
    const typedRange = `${a1(row, hoursCol(TYPED[0]!))}:${a1(row, hoursCol(TYPED.at(-1)!))}`;
    b.set(row, hoursCol('status'), statusFormula(a1(row, hoursCol('confirmation')), `COUNTA(${typedRange})>0`));
    b.set(row, hoursCol('confirmation'), confirmationCell(key, r?.confirmation ?? '', view));
    HOURS_COLUMNS.forEach((id, c) => {
      b.style(row, c + 1, LOG_STYLE[id] ?? null);
      const v = validation(id, row);
      if (v) b.validate(row, c + 1, v);
    });
    b.key(`hours:${key}`, row);
  }
}

/**
 * The work functions a log row may name: those the program runs, plus any a kept row already names (so nothing
 * typed becomes invalid when the program drops a work function).
 */
function offeredWorkFunctions({ framework, run }: HoursContext, entries: HoursRow[]): string[] {
  const typed = new Set(entries.map((r) => workFunctionIdOf(r.workFunction)));
  return framework.workFunctions.filter((wf) => run.has(wf.id) || typed.has(wf.id)).map(workFunctionLabel);
}

/** Each log column's validation, with the column's help text from the template. */
function logValidation(ctx: HoursContext, entries: HoursRow[]): (id: HoursColumn, row: number) => Validation | null {
  const lists = {
    category: [...HOURS_CATEGORIES.map(categoryLabel), ...HOURS_CATEGORIES.map(priorCreditLabel)],
    workFunction: offeredWorkFunctions(ctx, entries),
  };
  const help = Object.fromEntries(template.columns.map((c) => [c.id, (c as { help?: string }).help ?? ''])) as Record<
    HoursColumn,
    string
  >;
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

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Totals: each level's requirement per category with what the engine counted (prior credit included) and what
 * remains; blank until the engine has run. Returns the last row used.
 */
function addTotals(b: PlanBuilder, framework: Framework, scope: Level[], view?: ProgressView): number {
  const col = (i: number): number => TOTALS_COL + i;
  let r = template.headerRow;
  b.set(r, col(0), template.totalsTitle, 'section');
  b.set(++r, col(0), view ? totalsNote(view) : template.notComputed, 'help');
  r += 1;
  for (const [i, h] of template.totalsHeader.entries()) b.set(r, col(i), h, 'header');
  const categories = HOURS_CATEGORIES.filter((c) => framework.levels.some((l) => required(l, c) > 0));
  for (const level of scope) {
    const engine = view?.progress.levels.find((l) => l.levelId === level.id);
    for (const c of categories) {
      const need = required(level, c);
      if (need <= 0) continue;
      const done = engine?.hours.find((h) => h.category === c);
      r += 1;
      b.set(r, col(0), `${level.title}: ${categoryLabel(c)}`, 'label');
      const values: Cell[] = [
        need,
        done?.done ?? '',
        done?.priorCredit ?? '',
        done ? round2(Math.max(0, need - done.done)) : '',
      ];
      for (const [i, v] of values.entries()) b.set(r, col(i + 1), v, 'hours');
    }
  }
  return r;
}

const totalsNote = (view: ProgressView): string => fill(template.asOf[view.source], { asOf: view.progress.asOf });
