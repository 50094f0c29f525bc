// The qual card plan: header block, a level table with live progress, exams and certifications, the
// items grouped by work function with sign-off columns, and an archived block for items that left the
// framework. Existing sign-offs are placed by row key, so regenerating never loses one.

import qualCardTemplate from '../../../templates/qualcard.json';
import { MAX_TEXT_LENGTH } from '../model/limits';
import { columnHeader, columnWidth, type QualCardColumn, qualCardColumns, type TextKey, textKeys } from './columns';
import { categoryLabel, HOURS_CATEGORIES, type HoursPlan, levelsInScope } from './hours';
import type { Apprentice, Framework, HoursCategory, Level, WorkFunction } from './model';
import {
  type Area,
  a1,
  type Cell,
  columnLetter,
  fill,
  PlanBuilder,
  type SheetPlan,
  type StyleName,
  sheetName,
  sheetRef,
  str,
  type Validation,
} from './plan';
import { type ExistingQualCard, hasData, type KeptSignOff } from './read';
import type { RosterRow } from './roster-row';
import { withRuleText } from './rule-text';

const template = withRuleText(qualCardTemplate);
const V = {
  checkbox: { kind: 'checkbox' } as Validation,
  date: { kind: 'date', help: template.help_validation.signedDate } as Validation,
  email: { kind: 'email', help: template.help_validation.signedBy } as Validation,
};
const BAR = (pct: string, width = 20): string =>
  `REPT("█",ROUND(${pct}*${width}/100))&REPT("░",${width}-ROUND(${pct}*${width}/100))`;
const required = (l: Level, c: HoursCategory): number => l.requirements.hours.find((h) => h.category === c)?.hours ?? 0;

export interface QualCardRefs {
  /** Cell (A1) of each level's percent, for the dashboard and the header. */
  percentCell: Record<string, string>;
}

/** First and last row of a block of exam or certification rows. */
type Span = [number, number];
interface RequirementRows {
  exams: Span | null;
  certs: Span | null;
}
/** What an item row shows; archived rows fill it from the kept sign-off instead of the framework. */
interface ItemCells {
  id: string;
  texts: Partial<Record<string, string>>;
  core: string;
  levels: string;
}

/**
 * The card under construction and what every section needs to place its cells: the columns, the levels in
 * scope and the kept sign-offs, each taken at most once so the ones left over are the archived rows.
 */
interface Card {
  b: PlanBuilder;
  framework: Framework;
  apprentice: Apprentice;
  scope: Level[];
  scopeIds: Set<string>;
  texts: TextKey[];
  columns: QualCardColumn[];
  /** Hours categories some level in scope requires: each gets a counted/required pair in the level table. */
  categories: HoursCategory[];
  kept: Map<string, KeptSignOff>;
}

const col = (card: Card, c: QualCardColumn): number => card.columns.indexOf(c) + 1;
const letter = (card: Card, c: QualCardColumn): string => columnLetter(col(card, c));
const firstTextCol = (card: Card): number => col(card, `text:${card.texts[0]!}`);
/** The kept sign-off for a row key, removed so it is not archived as well. */
function take(card: Card, key: string): KeptSignOff | undefined {
  const k = card.kept.get(key);
  card.kept.delete(key);
  return k;
}

export function planQualCard(
  framework: Framework,
  roster: RosterRow,
  existing: ExistingQualCard | null,
  hours: HoursPlan,
): SheetPlan & QualCardRefs {
  const { apprentice } = roster;
  const scope = levelsInScope(framework, apprentice.levelId);
  const texts = textKeys(framework);
  const columns = qualCardColumns(texts);
  const categories = HOURS_CATEGORIES.filter((c) => scope.some((l) => required(l, c) > 0));
  const tableHeaders = levelTableHeaders(categories);
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
  };

  const progressRow = addHeader(card);
  const table = addLevelTable(card, tableHeaders);
  const requirements = addRequirements(card);
  const items = addWorkFunctions(card);
  addArchived(card);
  const percentCell = fillLevelTable(card, table.levelRows, requirements, items, hours);
  const target = percentCell[apprentice.levelId]!;
  card.b.set(progressRow, 3, `=${target}`, 'percent');
  card.b.set(progressRow, 4, `=${BAR(target)}`, 'bar');
  card.b.style(table.headerRow, 1, 'key');
  return { ...buildCard(card, items.first), percentCell };
}

/** The level table's headers: a counted/required pair per hours category between the items and exams pairs. */
function levelTableHeaders(categories: HoursCategory[]): string[] {
  return [
    template.levelTable[0]!,
    template.levelTable[1]!,
    template.levelTable[2]!,
    ...categories.flatMap((c) => [`${categoryLabel(c)} counted`, `${categoryLabel(c)} required`]),
    ...template.levelTable.slice(3),
  ];
}

/** Title, help and the apprentice's details; returns the progress row, filled once the level table is. */
function addHeader(card: Card): number {
  const { b, framework, apprentice, scope } = card;
  const t = b.row(['title', fill(template.title, { name: apprentice.name })], 'title');
  b.key('title', t);
  b.row(['help', template.help], 'help');
  b.row();
  const meta: [string, Cell][] = [
    ['apprentice', apprentice.name],
    ['id', apprentice.id],
    ['framework', `${framework.title} (version ${framework.version})`],
    ['level', `${scope.at(-1)!.title} (${apprentice.levelId})`],
    ['coach', apprentice.coachEmails.join(', ')],
    ['start', apprentice.startDate],
  ];
  for (const [k, v] of meta) {
    const r = b.row([`meta:${k}`, template.headerLabels[k as keyof typeof template.headerLabels], v]);
    b.style(r, 1, 'key');
    b.style(r, 2, 'label');
    b.style(r, 3, k === 'start' ? 'date' : 'value');
  }
  const progressRow = b.row(['meta:progress', template.headerLabels.progress]);
  b.style(progressRow, 1, 'key');
  b.style(progressRow, 2, 'label');
  b.row();
  return progressRow;
}

/** The level table's header and one labelled row per level; the formulas wait until the item rows are known. */
function addLevelTable(card: Card, headers: string[]): { headerRow: number; levelRows: Map<string, number> } {
  const { b } = card;
  const headerRow = b.row(['levels', ...headers], 'header');
  const levelRows = new Map(
    card.scope.map((l) => {
      const r = b.row([`level:${l.id}`, `${l.title} (${l.id})`]);
      b.key(`level:${l.id}`, r);
      b.style(r, 1, 'key');
      b.style(r, 2, 'label');
      return [l.id, r];
    }),
  );
  b.row();
  return { headerRow, levelRows };
}

/** Exams and certifications per level: a tick and a date. */
function addRequirements(card: Card): Map<string, RequirementRows> {
  card.b.row(['requirements', template.requirementsTitle], 'section');
  const reqRows = new Map<string, RequirementRows>();
  for (const level of card.scope) {
    reqRows.set(level.id, {
      exams: addRequirementBlock(card, level, 'exam', level.requirements.exams),
      certs: addRequirementBlock(card, level, 'cert', level.requirements.certifications),
    });
  }
  card.b.row();
  return reqRows;
}

function addRequirementBlock(
  card: Card,
  level: Level,
  kind: 'exam' | 'cert',
  list: { id: string; title: string }[],
): Span | null {
  if (!list.length) return null;
  const { b } = card;
  const rows = list.map((e) => {
    const key = `${kind}:${level.id}:${e.id}`;
    const k = take(card, key);
    const r = b.row([key, kind === 'exam' ? 'Exam' : 'Certification']);
    b.set(r, firstTextCol(card), `${level.title}: ${e.title}`, 'text');
    b.set(r, col(card, 'signed'), k?.signed ?? false, 'checkbox', V.checkbox);
    b.set(r, col(card, 'signedDate'), k?.date ?? '', 'date', V.date);
    b.set(r, col(card, 'notes'), k?.notes ?? '', 'text');
    b.style(r, 1, 'key');
    b.key(key, r);
    return r;
  });
  return [rows[0]!, rows.at(-1)!];
}

/** The column headers, then the in-scope items of each work function; returns the first and last item block row. */
function addWorkFunctions(card: Card): { first: number; last: number } {
  const headerRow = card.b.row(['columns', ...card.columns.slice(1).map(columnHeader)], 'header');
  for (const wf of card.framework.workFunctions) addWorkFunction(card, wf);
  return { first: headerRow + 1, last: card.b.rowCount };
}

/** A work function's section row, with a core sign-off count and bar over its items, then its item rows. */
function addWorkFunction(card: Card, wf: WorkFunction): void {
  const { b, scopeIds } = card;
  const items = wf.items.filter((i) => i.levels.some((l) => scopeIds.has(l)));
  if (!items.length) return;
  const wfRow = b.row([`wf:${wf.id}`, wf.id], 'section');
  b.set(wfRow, firstTextCol(card), wf.title);
  const rows = items.map((i) =>
    addItemRow(
      card,
      `item:${i.id}`,
      { id: i.id, texts: i.texts, core: i.core, levels: i.levels.filter((l) => scopeIds.has(l)).join(', ') },
      take(card, `item:${i.id}`),
      false,
    ),
  );
  const range = (c: QualCardColumn): string => `${letter(card, c)}${rows[0]}:${letter(card, c)}${rows.at(-1)}`;
  const done = `COUNTIFS(${range('core')},"core",${range('status')},"signed")`;
  const need = `COUNTIF(${range('core')},"core")`;
  b.set(wfRow, col(card, 'signedBy'), `=${done}&" of "&${need}&" core signed"`);
  b.set(wfRow, col(card, 'evidence'), `=IF(${need}=0,"",${BAR(`100*${done}/${need}`, 10)})`, 'bar');
  b.key(`wf:${wf.id}`, wfRow);
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
  b.set(r, c('signedDate'), k?.date ?? '', live('stampDate'), archived ? null : V.date);
  b.set(r, c('signedBy'), k?.signedBy ?? '', live('stamp'), archived ? null : V.email);
  b.set(r, c('evidence'), k?.evidence ?? '', live('text'), archived ? null : textLimit(r, c('evidence')));
  b.set(r, c('notes'), k?.notes ?? '', live('text'), archived ? null : textLimit(r, c('notes')));
  if (!archived) {
    const [signed, date, by] = [a1(r, c('signed')), a1(r, c('signedDate')), a1(r, c('signedBy'))];
    b.set(r, c('status'), `=IF(${signed}=TRUE,IF(AND(${date}<>"",${by}<>""),"signed","pending"),"")`, 'stamp');
  }
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

/**
 * Level table formulas: the same parts and the same rounding as the engine's level percent. Returns the
 * cell of each level's percent.
 */
function fillLevelTable(
  card: Card,
  levelRows: Map<string, number>,
  requirements: Map<string, RequirementRows>,
  items: { first: number; last: number },
  hours: HoursPlan,
): Record<string, string> {
  const blockRange = (c: QualCardColumn): string =>
    `${letter(card, c)}${items.first}:${letter(card, c)}${Math.max(items.first, items.last)}`;
  // An item's levels cell lists its in-scope levels ("L1, L2"): match the level id in any position.
  const levelMatch = (id: string, extra: string): string =>
    [str(id), str(`${id}, *`), str(`*, ${id}`), str(`*, ${id}, *`)]
      .map((p) => `COUNTIFS(${blockRange('levels')},${p},${blockRange('core')},"core"${extra})`)
      .join('+');
  const percentCell: Record<string, string> = {};
  for (const level of card.scope) {
    const row = new LevelRow(card.b, levelRows.get(level.id)!);
    const coreCount = card.framework.workFunctions
      .flatMap((wf) => wf.items)
      .filter((i) => i.core === 'core' && i.levels.includes(level.id)).length;
    row.pair(levelMatch(level.id, `,${blockRange('status')},"signed"`), levelMatch(level.id, ''), coreCount > 0);
    addHoursPairs(card, row, level, hours);
    addRequirementPairs(card, row, level, requirements.get(level.id)!);
    percentCell[level.id] = row.finish();
  }
  return percentCell;
}

/**
 * One level's row of the level table, written left to right as done/required pairs. Each pair that applies
 * to the level is a part of its percent, capped at 100% so surplus hours cannot make up for a missing exam.
 */
class LevelRow {
  private c = 3;
  private readonly parts: string[] = [];
  constructor(
    private readonly b: PlanBuilder,
    private readonly r: number,
  ) {}

  pair(done: string, need: string | number, counts: boolean): void {
    const { b, r, c } = this;
    b.set(r, c, `=${done}`);
    b.set(r, c + 1, typeof need === 'number' ? need : `=${need}`);
    if (counts) this.parts.push(`MIN(1,${a1(r, c)}/${a1(r, c + 1)})`);
    this.c += 2;
  }
  /** A category the hours sheet does not count for this level: nothing done, nothing required. */
  empty(): void {
    this.b.set(this.r, this.c, '');
    this.b.set(this.r, this.c + 1, 0);
    this.c += 2;
  }
  /** The percent (the mean of the parts, 100 with none) and its bar; returns the percent's cell. */
  finish(): string {
    const { b, r, c, parts } = this;
    b.set(r, c, parts.length ? `=ROUND((${parts.join('+')})/${parts.length}*100,1)` : 100, 'percent');
    b.set(r, c + 1, `=${BAR(a1(r, c))}`, 'bar');
    return a1(r, c);
  }
}

/** Counted hours come from the hours sheet's totals, which allocate them across levels like the engine. */
function addHoursPairs(card: Card, row: LevelRow, level: Level, hours: HoursPlan): void {
  const hoursSheet = sheetRef(hours.plan.name);
  for (const cat of card.categories) {
    const cell = hours.counted[`${level.id}|${cat}`];
    if (cell) row.pair(`${hoursSheet}!${cell}`, required(level, cat), true);
    else row.empty();
  }
}

/** Exams and certifications: the ticks in the level's requirement rows against how many it requires. */
function addRequirementPairs(card: Card, row: LevelRow, level: Level, req: RequirementRows): void {
  const signed = letter(card, 'signed');
  const ticks = (span: Span | null): string => (span ? `COUNTIF(${signed}${span[0]}:${signed}${span[1]},TRUE)` : '0');
  const { exams, certifications } = level.requirements;
  row.pair(ticks(req.exams), exams.length, exams.length > 0);
  row.pair(ticks(req.certs), certifications.length, certifications.length > 0);
}

/** The sheet around the grid: widths, the hidden key column, the stamp protection and the status colours. */
function buildCard(card: Card, firstBlockRow: number): SheetPlan {
  const { b, apprentice, framework, columns } = card;
  const rows = Math.max(1, b.rowCount - firstBlockRow + 1);
  const stampArea: Area = {
    row: firstBlockRow,
    col: col(card, 'signedDate'),
    rows,
    cols: col(card, 'status') - col(card, 'signedDate') + 1,
  };
  const statusArea: Area = { row: firstBlockRow, col: col(card, 'status'), rows, cols: 1 };
  return b.build({
    name: sheetName(template.sheetName, { name: apprentice.name, id: apprentice.id }),
    tag: {
      kind: 'qualcard',
      apprenticeId: apprentice.id,
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      levelId: apprentice.levelId,
    },
    columnWidths: Array.from({ length: b.cols }, (_, i) => (columns[i] ? columnWidth(columns[i]!) : 90)),
    hiddenColumns: [1],
    frozenRows: 0,
    // Warning-only: the add-on writes the stamp as the signing coach, who must be able to edit it.
    protections: [
      {
        area: stampArea,
        description: 'Signed date and signed by are stamped by Qualcard from verified sign-offs',
        warningOnly: true,
      },
    ],
    conditional: [
      { area: statusArea, textEquals: 'pending', background: '#fef7e0', color: '#b06000' },
      { area: statusArea, textEquals: 'signed', background: '#e6f4ea', color: '#137333' },
    ],
    charts: [],
  });
}
