// The qual card plan: three frozen rows (title, the engine's progress, column headers), the items grouped by work
// function with the typed columns (tick, date, signed by, evidence, notes) and Qualcard's Status and Confirmation,
// the exams and certifications, an archived block for items that left the framework, then the help, the
// apprentice's details and the level table. Existing rows are placed by row key, so regenerating never loses a
// tick, a typed value or a confirmation. Only the work functions the apprentice's program runs are shown, plus any
// item of another work function that already holds something typed.

import qualCardTemplate from '../../../templates/qualcard.json';
import { coreItemIds } from '../engine/completion';
import { workFunctionsRun } from '../engine/program';
import { MAX_TEXT_LENGTH } from '../model/limits';
import type { ProgramChoice } from '../model/program';
import { levelStandardText } from '../model/standard';
import { columnHeader, columnWidth, type QualCardColumn, qualCardColumns, type TextKey, textKeys } from './columns';
import { HOURS_CATEGORIES, levelsInScope } from './hours';
import { asOfNote, bar, fillLevelRow, levelTableHeaders } from './level-table';
import type { Apprentice, Framework, HoursCategory, Level, WorkFunction } from './model';
import { type Area, a1, fill, PlanBuilder, type SheetPlan, type StyleName, sheetName, type Validation } from './plan';
import { type ExistingQualCard, hasData, type KeptSignOff } from './read';
import type { RosterRow } from './roster-row';
import { withRuleText } from './rule-text';
import { rowConfirmationText, statusFormats, statusFormula, withdrawnText } from './status';
import type { ProgressView } from './view';

const template = withRuleText(qualCardTemplate);
const V = {
  checkbox: { kind: 'checkbox' } as Validation,
  date: { kind: 'date', help: template.help_validation.signedDate } as Validation,
  email: { kind: 'email', help: template.help_validation.signedBy } as Validation,
};
const required = (l: Level, c: HoursCategory): number => l.requirements.hours.find((h) => h.category === c)?.hours ?? 0;

export interface QualCardRefs {
  /** Cell (A1) of each level's percent, for the dashboard and the header. */
  percentCell: Record<string, string>;
}

/** What an item row shows; archived rows fill it from the kept row instead of the framework. */
interface ItemCells {
  id: string;
  texts: Partial<Record<string, string>>;
  core: string;
  levels: string;
}

/**
 * The card under construction and what every section needs to place its cells: the columns, the levels in
 * scope, the kept rows (each taken at most once, so the ones left over are the archived rows) and the view.
 */
interface Card {
  b: PlanBuilder;
  framework: Framework;
  apprentice: Apprentice;
  scope: Level[];
  scopeIds: Set<string>;
  texts: TextKey[];
  /** The sheet's columns; null: a column only the level table below the items uses. */
  columns: (QualCardColumn | null)[];
  /** Hours categories some level in scope requires: each gets a counted/required pair in the level table. */
  categories: HoursCategory[];
  kept: Map<string, KeptSignOff>;
  view: ProgressView | undefined;
  counted: Set<string>;
  /** The work functions the apprentice's program runs. */
  run: Set<string>;
}

const col = (card: Card, c: QualCardColumn): number => card.columns.indexOf(c) + 1;
const firstTextCol = (card: Card): number => col(card, `text:${card.texts[0]!}`);
/** The kept row for a row key, removed so it is not archived as well. */
function take(card: Card, key: string): KeptSignOff | undefined {
  const k = card.kept.get(key);
  card.kept.delete(key);
  return k;
}

/**
 * The collapsed long texts (Do, Know, Exit) go after the level table's last column, so the table below the items
 * never sits in a collapsed column; the columns between hold nothing on the item rows.
 */
function withTableRoom(columns: QualCardColumn[], texts: TextKey[], tableEnd: number): (QualCardColumn | null)[] {
  const at = texts.length > 1 ? columns.indexOf(`text:${texts[1]!}`) : columns.length;
  const room = Math.max(0, tableEnd - at);
  return [...columns.slice(0, at), ...Array.from({ length: room }, () => null), ...columns.slice(at)];
}

export function planQualCard(
  framework: Framework,
  roster: RosterRow,
  existing: ExistingQualCard | null,
  view?: ProgressView,
  program?: ProgramChoice,
): SheetPlan & QualCardRefs {
  const { apprentice } = roster;
  const scope = levelsInScope(framework, apprentice.levelId);
  const texts = textKeys(framework);
  const categories = HOURS_CATEGORIES.filter((c) => scope.some((l) => required(l, c) > 0));
  const tableHeaders = levelTableHeaders(categories);
  const columns = withTableRoom(qualCardColumns(texts), texts, tableHeaders.length + 2);
  const card: Card = {
    b: new PlanBuilder(Math.max(columns.length, tableHeaders.length + 1)),
    framework,
    apprentice,
    scope,
    scopeIds: new Set(scope.map((l) => l.id)),
    texts,
    columns,
    categories,
    kept: new Map(existing?.rows ?? []),
    view,
    counted: new Set(view?.countedItems ?? []),
    run: workFunctionsRun(framework, apprentice, program),
  };

  // A small frozen block (title, progress, column headers) over the rows a coach works in; the level table, the
  // apprentice's details and the help come after them, so the tick and Status stay on the first screen.
  const progressRow = addTop(card);
  const first = card.b.rowCount + 1;
  addWorkFunctions(card);
  addRequirements(card);
  addArchived(card);
  const written: Area = {
    row: first,
    col: col(card, 'status'),
    rows: card.b.rowCount - first + 1,
    cols: col(card, 'confirmation') - col(card, 'status') + 1,
  };
  const about = addAbout(card, tableHeaders);
  const computed: Area[] = [
    { row: progressRow, col: 3, rows: 1, cols: 2 },
    { row: about.asOfRow, col: 3, rows: about.lastRow - about.asOfRow + 1, cols: card.b.cols - 2 },
    written,
  ];
  card.b.style(about.headerRow, 1, 'key');
  return { ...buildCard(card, computed, written), percentCell: about.percentCell };
}

/** The frozen rows: the title, the target level's progress and the column headers; returns the progress row. */
function addTop(card: Card): number {
  const { b, apprentice, view } = card;
  const t = b.row(['title', fill(template.title, { name: apprentice.name })], 'title');
  b.key('title', t);
  const target = view?.progress.levels.find((l) => l.levelId === apprentice.levelId);
  const progressRow = metaRow(b, 'progress', target ? target.percent : '', 'percent');
  b.set(progressRow, 4, target ? bar(target.percent) : '', 'bar');
  b.row(['columns', ...card.columns.slice(1).map((c) => (c ? columnHeader(c) : null))], 'header');
  return progressRow;
}

/**
 * Below the rows: the help, the apprentice's details, the "as of" note and the level table. Returns the rows the
 * engine's numbers fill and each level's percent cell.
 */
function addAbout(
  card: Card,
  tableHeaders: string[],
): { asOfRow: number; headerRow: number; lastRow: number; percentCell: Record<string, string> } {
  const { b, framework, apprentice, scope, view } = card;
  b.row();
  b.row(['help', template.help], 'help');
  const meta: [string, string][] = [
    ['apprentice', apprentice.name],
    ['id', apprentice.id],
    ['framework', `${framework.title} (version ${framework.version})`],
    ['level', `${scope.at(-1)!.title} (${apprentice.levelId})`],
    ['coach', apprentice.coachEmails.join(', ')],
    ['start', apprentice.startDate],
  ];
  for (const [k, v] of meta) metaRow(b, k, v, k === 'start' ? 'date' : 'value');
  const standard = signOffStandardText(scope);
  if (standard) metaRow(b, 'standard', standard, 'help');
  const asOfRow = metaRow(b, 'asOf', asOfNote(view), 'help');
  b.row();
  return { asOfRow, ...addLevelTable(card, tableHeaders) };
}

/** The standard a coach signs each level's items against, one line per level in scope that states one. */
export function signOffStandardText(levels: Level[]): string {
  return levels
    .filter((l) => l.signOffStandard)
    .map((l) => `${l.title}: ${levelStandardText(l)}`)
    .join('\n');
}

function metaRow(b: PlanBuilder, k: string, value: string | number, style: StyleName): number {
  const r = b.row([`meta:${k}`, template.headerLabels[k as keyof typeof template.headerLabels], value]);
  b.style(r, 1, 'key');
  b.style(r, 2, 'label');
  b.style(r, 3, style);
  return r;
}

/** The level table: a header and one row per level in scope with the engine's counts. */
function addLevelTable(
  card: Card,
  headers: string[],
): { headerRow: number; lastRow: number; percentCell: Record<string, string> } {
  const { b, framework } = card;
  const headerRow = b.row(['levels', ...headers], 'header');
  const percentCell: Record<string, string> = {};
  for (const level of card.scope) {
    const r = b.row([`level:${level.id}`, `${level.title} (${level.id})`]);
    b.key(`level:${level.id}`, r);
    b.style(r, 1, 'key');
    b.style(r, 2, 'label');
    const engine = card.view?.progress.levels.find((l) => l.levelId === level.id);
    const core = coreItemIds(framework, level.id, card.run).length;
    percentCell[level.id] = fillLevelRow(b, r, level, card.categories, engine, core);
  }
  return { headerRow, lastRow: b.rowCount, percentCell };
}

/** Exams and certifications per level, after the items: a tick, a date, evidence and notes. */
function addRequirements(card: Card): void {
  card.b.row(['requirements', template.requirementsTitle], 'section');
  for (const level of card.scope) {
    addRequirementBlock(card, level, 'exam', level.requirements.exams);
    addRequirementBlock(card, level, 'cert', level.requirements.certifications);
  }
}

function addRequirementBlock(card: Card, level: Level, kind: 'exam' | 'cert', list: { id: string; title: string }[]) {
  const { b } = card;
  for (const e of list) {
    const key = `${kind}:${level.id}:${e.id}`;
    const k = take(card, key);
    const r = b.row([key, kind === 'exam' ? 'Exam' : 'Certification']);
    b.set(r, firstTextCol(card), `${level.title}: ${e.title}`, 'text');
    b.set(r, col(card, 'signed'), k?.signed ?? false, 'checkbox', V.checkbox);
    b.set(r, col(card, 'signedDate'), k?.date ?? '', 'date', V.date);
    b.set(r, col(card, 'evidence'), k?.evidence ?? '', 'text', textLimit(r, col(card, 'evidence')));
    b.set(r, col(card, 'notes'), k?.notes ?? '', 'text', textLimit(r, col(card, 'notes')));
    setStatus(card, r, resultConfirmation(card, level, kind, e.id, k));
    b.style(r, 1, 'key');
    b.key(key, r);
  }
}

/** Status (a formula over the tick and Confirmation) and Confirmation of a live row. */
function setStatus(card: Card, r: number, confirmation: string): void {
  const [signed, conf] = [a1(r, col(card, 'signed')), a1(r, col(card, 'confirmation'))];
  card.b.set(r, col(card, 'status'), statusFormula(conf, `${signed}=TRUE`), 'stamp');
  card.b.set(r, col(card, 'confirmation'), confirmation, 'stamp');
}

/**
 * An exam's or certification's Confirmation. The engine counts a level's results all or none at a time when the
 * level's tally is full or empty: only then can the card tell a confirmed result that is not counted (flagged).
 */
function resultConfirmation(card: Card, level: Level, kind: 'exam' | 'cert', id: string, k?: KeptSignOff): string {
  const confirmations = card.view?.confirmations;
  if (!confirmations) return k?.confirmation ?? '';
  const c = kind === 'exam' ? confirmations.exams[id] : confirmations.certifications[id];
  if (!c) return withdrawnText(confirmations.history?.[kind === 'exam' ? 'exams' : 'certifications'][id]);
  const tally = card.view!.progress.levels.find((l) => l.levelId === level.id)?.[
    kind === 'exam' ? 'exams' : 'certifications'
  ];
  const counted = !tally ? undefined : tally.done === tally.required ? true : tally.done === 0 ? false : undefined;
  return rowConfirmationText(kind === 'exam' ? 'exam' : 'certification', c, card.view!.progress, counted);
}

/** The in-scope items of each work function. */
function addWorkFunctions(card: Card): void {
  for (const wf of card.framework.workFunctions) addWorkFunction(card, wf);
}

/**
 * A work function's section row, with the engine's count of its core items, then its item rows. A work function
 * the program does not run shows only the items that already hold something typed (never archived, never lost).
 */
function addWorkFunction(card: Card, wf: WorkFunction): void {
  const { b, scopeIds } = card;
  const run = card.run.has(wf.id);
  const typed = (id: string): boolean => {
    const k = card.kept.get(`item:${id}`);
    return !!k && hasData(k);
  };
  const items = wf.items.filter((i) => i.levels.some((l) => scopeIds.has(l)) && (run || typed(i.id)));
  if (!items.length) return;
  const wfRow = b.row([`wf:${wf.id}`, wf.id], 'section');
  b.set(wfRow, firstTextCol(card), wf.title);
  for (const i of items)
    addItemRow(
      card,
      `item:${i.id}`,
      { id: i.id, texts: i.texts, core: i.core, levels: i.levels.filter((l) => scopeIds.has(l)).join(', ') },
      take(card, `item:${i.id}`),
      false,
    );
  const core = run ? items.filter((i) => i.core === 'core') : [];
  const done = core.filter((i) => card.counted.has(i.id)).length;
  const count =
    card.view && core.length
      ? fill(template.workFunctionCount, {
          bar: bar((100 * done) / core.length, 10),
          done: String(done),
          required: String(core.length),
        })
      : '';
  b.set(wfRow, col(card, 'confirmation'), count, 'bar');
  b.key(`wf:${wf.id}`, wfRow);
}

/** An item's Confirmation: from the service when the view has its confirmations, else as the sheet had it. */
function itemConfirmation(card: Card, itemId: string, k: KeptSignOff | undefined): string {
  const confirmations = card.view?.confirmations;
  if (!confirmations) return k?.confirmation ?? '';
  const c = confirmations.signOffs[itemId];
  return c
    ? rowConfirmationText('sign-off', c, card.view!.progress, card.counted.has(itemId))
    : withdrawnText(confirmations.history?.signOffs[itemId]);
}

/** One item row. An archived row keeps its values for the record but loses its validation and status. */
function addItemRow(card: Card, key: string, item: ItemCells, k: KeptSignOff | undefined, archived: boolean): number {
  const { b } = card;
  const c = (name: QualCardColumn): number => col(card, name);
  const live = (style: StyleName): StyleName => (archived ? 'archived' : style);
  const r = b.row([key, item.id], archived ? 'archived' : null);
  for (const tk of card.texts) b.set(r, c(`text:${tk}`), item.texts[tk] ?? '', live('text'));
  b.set(r, c('core'), item.core);
  b.set(r, c('levels'), item.levels);
  b.set(r, c('signed'), k?.signed ?? false, live('checkbox'), V.checkbox);
  b.set(r, c('signedDate'), k?.date ?? '', live('date'), archived ? null : V.date);
  b.set(r, c('signedBy'), k?.signedBy ?? '', live('value'), archived ? null : V.email);
  b.set(r, c('evidence'), k?.evidence ?? '', live('text'), archived ? null : textLimit(r, c('evidence')));
  b.set(r, c('notes'), k?.notes ?? '', live('text'), archived ? null : textLimit(r, c('notes')));
  if (archived) b.set(r, c('confirmation'), k?.confirmation ?? '');
  else setStatus(card, r, itemConfirmation(card, item.id, k));
  b.style(r, 1, 'key');
  b.key(key, r);
  return r;
}

/** Evidence and notes: the record's length limit, checked as the coach types. */
const textLimit = (row: number, column: number): Validation => ({
  kind: 'formula',
  help: template.help_validation.text,
  formula: `=LEN(${a1(row, column)})<=${MAX_TEXT_LENGTH}`,
});

/** Kept rows whose item, exam or certification is not on this card any more. */
function addArchived(card: Card): void {
  const leftovers = [...card.kept.values()].filter(hasData);
  if (!leftovers.length) return;
  const { b, framework } = card;
  b.row();
  const ar = b.row(
    ['archived-title', fill(template.archivedTitle, { framework: framework.title, version: framework.version })],
    'section',
  );
  b.key('archived-title', ar);
  for (const k of leftovers)
    addItemRow(
      card,
      `archived:${k.key}`,
      { id: k.label || k.key, texts: k.texts, core: 'archived', levels: '' },
      k,
      true,
    );
}

/** The sheet around the grid: widths, the hidden key column, frozen panes, the Status/Confirmation protection, colours. */
function buildCard(card: Card, computed: Area[], written: Area): SheetPlan {
  const { b, apprentice, framework, columns } = card;
  return b.build({
    name: sheetName(template.sheetName, { name: apprentice.name, id: apprentice.id }),
    tag: {
      kind: 'qualcard',
      apprenticeId: apprentice.id,
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      levelId: apprentice.levelId,
    },
    columnWidths: Array.from({ length: b.cols }, (_, i) => (columns[i] ? columnWidth(columns[i]!) : 70)),
    hiddenColumns: [1],
    // The title, progress and column headers stay on screen (and repeat on printed pages); so does the item id.
    frozenRows: b.cells.findIndex((r) => r[0] === 'columns') + 1,
    frozenColumns: columns.indexOf('item') + 1,
    // Do, Know and Exit: long texts a person expands when needed (so the card prints readably one page wide).
    ...(card.texts.length > 1
      ? { collapsedColumns: { col: col(card, `text:${card.texts[1]!}`), cols: card.texts.length - 1 } }
      : {}),
    // Warning-only: the add-on writes Status and Confirmation as whoever runs it (a coach), who must be able to.
    protections: [{ area: written, description: template.protection, warningOnly: true }],
    conditional: statusFormats({ ...written, cols: 1 }),
    charts: [],
    computed,
  });
}
