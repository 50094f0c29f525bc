// Applies sheet plans to SpreadsheetApp in batched calls. A layout is built once into a hidden prototype
// sheet (formats, validations, widths); each apprentice's sheet is inserted from it and gets its values,
// tag and protection: a fixed number of calls, whatever the number of items.
import type { Area, Cell, CellStyle, SheetPlan, SheetTag, StyleName, Validation } from '@qualcard/shared/sheets';
import { a1Area, cellsOf, inArea, STYLES } from '@qualcard/shared/sheets';
import { layoutHash, prototypeName } from './layout';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One metadata key per apprentice (or per cohort sheet), so finding an apprentice's sheets reads only theirs. */
export const tagKey = (tag: Pick<SheetTag, 'kind' | 'apprenticeId'>): string =>
  `qualcard.sheet.${tag.apprenticeId ?? tag.kind}`;

/** Per-execution cache of prototype sheets, so a chunk of apprentices looks each layout up once. */
export type LayoutCache = Map<string, Sheet>;

export function ensurePrototype(ss: Spreadsheet, plan: SheetPlan, cache: LayoutCache): Sheet {
  const name = prototypeName(plan, plan.baseCells);
  const cached = cache.get(name);
  if (cached) return cached;
  const sheet = ss.getSheetByName(name) ?? buildPrototype(ss, plan, name);
  cache.set(name, sheet);
  return sheet;
}

const grid = <T>(plan: SheetPlan, f: (style: CellStyle, r: number, c: number) => T): T[][] =>
  plan.styles.map((row, r) => row.map((s, c) => f(s ? STYLES[s as StyleName] : {}, r, c)));

function buildPrototype(ss: Spreadsheet, plan: SheetPlan, name: string): Sheet {
  const sheet = ss.insertSheet(name);
  // Without a baseline the prototype holds no values at all: no apprentice's data sits in a hidden sheet.
  applyFormats(sheet, { ...plan, cells: plan.baseCells ?? plan.cells.map((r) => r.map(() => null)) });
  sheet.hideSheet();
  return sheet;
}

/** Everything but values, tag and protections: once per layout (prototype) or per one-off sheet. */
export function applyFormats(sheet: Sheet, plan: SheetPlan): void {
  const range = sheet.getRange(1, 1, plan.rows, plan.cols);
  range.setValues(plan.cells);
  range.setDataValidations(plan.validations.map((row) => row.map((v) => (v ? dataValidation(v) : null))));
  range.setBackgrounds(grid(plan, (s) => s.background ?? null) as string[][]);
  range.setFontColors(grid(plan, (s) => s.color ?? null) as string[][]);
  range.setFontWeights(grid(plan, (s) => (s.bold ? 'bold' : 'normal')));
  range.setFontStyles(grid(plan, (s) => (s.italic ? 'italic' : 'normal')));
  range.setFontSizes(grid(plan, (s) => s.fontSize ?? 10));
  range.setNumberFormats(grid(plan, (s) => s.numberFormat ?? 'General'));
  range.setWraps(grid(plan, (s) => s.wrap ?? false));
  range.setHorizontalAlignments(grid(plan, (s) => s.align ?? null));
  range.setVerticalAlignment('top'); // long item texts wrap: ids and ticks stay level with their first line
  if (plan.conditional.length) {
    sheet.setConditionalFormatRules(
      plan.conditional.map((c) => {
        const b = SpreadsheetApp.newConditionalFormatRule()
          .whenTextEqualTo(c.textEquals)
          .setBackground(c.background)
          .setRanges([rangeOf(sheet, c.area)]);
        return (c.color ? b.setFontColor(c.color) : b).build();
      }),
    );
  }
  for (const [i, w] of plan.columnWidths.entries()) sheet.setColumnWidth(i + 1, w);
  for (const c of plan.hiddenColumns) sheet.hideColumns(c);
  // Frozen rows also repeat on every printed page: Apps Script has no page setup (orientation, fit to width).
  if (plan.frozenRows) sheet.setFrozenRows(plan.frozenRows);
  if (plan.frozenColumns) sheet.setFrozenColumns(plan.frozenColumns);
  const g = plan.collapsedColumns;
  if (g) {
    sheet.getRange(1, g.col, 1, g.cols).shiftColumnGroupDepth(1);
    sheet.getColumnGroup(g.col, 1)?.collapse();
  }
}

const rangeOf = (sheet: Sheet, a: Area): GoogleAppsScript.Spreadsheet.Range =>
  sheet.getRange(a.row, a.col, a.rows, a.cols);

export function dataValidation(v: Validation): GoogleAppsScript.Spreadsheet.DataValidation {
  const b = SpreadsheetApp.newDataValidation();
  switch (v.kind) {
    case 'checkbox':
      return b.requireCheckbox().build();
    case 'date':
      return b.requireDate().setAllowInvalid(false).setHelpText(v.help).build();
    case 'list':
      return b.requireValueInList(v.values, true).setAllowInvalid(false).setHelpText(v.help).build();
    case 'number':
      return b.requireNumberBetween(v.min, v.max).setAllowInvalid(false).setHelpText(v.help).build();
    case 'email':
      return b.requireTextIsEmail().setAllowInvalid(false).setHelpText(v.help).build();
    case 'formula':
      return b.requireFormulaSatisfied(v.formula).setAllowInvalid(false).setHelpText(v.help).build();
  }
}

/**
 * Writes one planned sheet. A new sheet is inserted from the layout prototype; an existing one (already read
 * and merged into the plan by the caller) is replaced only after the new one holds everything.
 */
export function writePlan(ss: Spreadsheet, plan: SheetPlan, cache: LayoutCache, existing?: Sheet): Sheet {
  const prototype = ensurePrototype(ss, plan, cache);
  const name = existing ? `${plan.name.slice(0, 90)} (new)` : plan.name;
  const sheet = ss.insertSheet(name, { template: prototype });
  writeValues(sheet, plan);
  const tag: StoredTag = { ...plan.tag, layout: layoutHash(plan) };
  sheet.addDeveloperMetadata(tagKey(plan.tag), JSON.stringify(tag));
  // plan.protections (Status, Confirmation: Qualcard's) are not written as warning-only ranges here: the caller
  // restricts the whole sheet to named editors (protect.ts), and every refresh rewrites those areas from the service.
  for (const c of plan.charts) insertChart(sheet, c);
  if (existing) {
    carryProtection(existing, sheet);
    ss.deleteSheet(existing);
    sheet.setName(plan.name);
  }
  return sheet;
}

/** A replacement sheet keeps who may edit the one it replaces (Check progress can regenerate a sheet too). */
function carryProtection(from: Sheet, to: Sheet): void {
  const old = from.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  if (old)
    restrictSheet(
      to,
      old.getEditors().map((u) => u.getEmail()),
    );
}

/**
 * Restricts a sheet to `editors`, writing only what differs: a kept sheet whose editors did not change costs one
 * call that writes nothing new. A new protection starts with the spreadsheet's editors: those not listed go. No
 * description (a write per sheet): the sheet's name and tag say whose it is, its editor list who may edit.
 */
export function restrictSheet(sheet: Sheet, editors: string[]): void {
  const p = sheet.protect();
  const wanted = new Set(editors.map((e) => e.toLowerCase()));
  const current = p.getEditors().map((u) => u.getEmail());
  const have = new Set(current.map((e) => e.toLowerCase()));
  const extra = current.filter((e) => !wanted.has(e.toLowerCase()));
  if (extra.length) p.removeEditors(extra);
  const missing = editors.filter((e) => !have.has(e.toLowerCase()));
  if (missing.length) p.addEditors(missing);
  if (p.canDomainEdit()) p.setDomainEdit(false);
}

/**
 * A sheet inserted from its prototype holds the prototype's values. Without a baseline they are another
 * apprentice's: write everything. With one, write only what differs: nothing, or only the computed areas (the
 * engine's numbers), or everything.
 */
function writeValues(sheet: Sheet, plan: SheetPlan): void {
  const base = plan.baseCells;
  const differs = (r: number, c: number): boolean => plan.cells[r]![c] !== base?.[r]?.[c];
  const computed = plan.computed ?? [];
  let outside = !base || base.length !== plan.rows;
  const areas = new Set<Area>();
  for (let r = 0; r < plan.rows && !outside; r += 1)
    for (let c = 0; c < plan.cols && !outside; c += 1) {
      if (!differs(r, c)) continue;
      const area = computed.find((a) => inArea(a, r + 1, c + 1));
      if (area) areas.add(area);
      else outside = true;
    }
  if (outside) sheet.getRange(1, 1, plan.rows, plan.cols).setValues(plan.cells);
  else for (const a of areas) rangeOf(sheet, a).setValues(cellsOf(plan.cells, a));
}

/** A generated sheet's tag as stored: the plan's tag and the hash of the layout it was generated with. */
export type StoredTag = SheetTag & { layout?: string };

/**
 * The sheet as it stands is what the plan would write outside its computed areas (row keys, headers, texts, typed
 * values; formulas are not read back, so they are skipped) under the same tag and name: the computed areas can be
 * rewritten in place. Otherwise (rows moved, a framework or roster change) the sheet must be regenerated. With
 * `sameLayout`, the sheet must also have been generated with the plan's layout (formats, validations, widths).
 */
export function alignedWith(
  plan: SheetPlan,
  current: { grid: Cell[][]; tag?: StoredTag; name?: string },
  sameLayout = false,
): boolean {
  const { layout, ...tag } = current.tag ?? ({} as StoredTag);
  if (sameLayout && layout !== layoutHash(plan)) return false;
  if (!current.tag || JSON.stringify(tag) !== JSON.stringify(plan.tag) || current.name !== plan.name) return false;
  const text = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
  const computed = plan.computed ?? [];
  for (let r = 0; r < Math.max(plan.rows, current.grid.length); r += 1) {
    for (let c = 0; c < Math.max(plan.cols, current.grid[r]?.length ?? 0); c += 1) {
      const planned = plan.cells[r]?.[c];
      if (typeof planned === 'string' && planned.startsWith('=')) continue;
      if (computed.some((a) => inArea(a, r + 1, c + 1))) continue;
      if (text(current.grid[r]?.[c]) !== text(planned)) return false;
    }
  }
  return true;
}

/**
 * Shows a plan's computed areas (numbers, Status, Confirmation) in an apprentice's sheet: in place when the sheet
 * is aligned with the plan (one write per area, nothing typed touched), else by regenerating it, which keeps every
 * typed value too. Returns the sheet that holds the plan now.
 */
export function refreshSheet(
  ss: Spreadsheet,
  plan: SheetPlan,
  current: { sheet: Sheet; grid: Cell[][]; tag?: StoredTag; name?: string },
  cache: LayoutCache,
  sameLayout = false,
): Sheet {
  if (!alignedWith(plan, current, sameLayout)) return writePlan(ss, plan, cache, current.sheet);
  for (const a of plan.computed ?? []) rangeOf(current.sheet, a).setValues(cellsOf(plan.cells, a));
  return current.sheet;
}

/** A one-off sheet (roster, dashboard): formats applied in place, no prototype. */
export function writeStandalone(ss: Spreadsheet, plan: SheetPlan, existing?: Sheet | null): Sheet {
  const sheet = existing ?? ss.insertSheet(plan.name);
  if (existing) {
    existing.clear();
    existing.setConditionalFormatRules([]);
    for (const c of existing.getCharts()) existing.removeChart(c);
  }
  applyFormats(sheet, plan);
  if (!existing) sheet.addDeveloperMetadata(tagKey(plan.tag), JSON.stringify(plan.tag));
  for (const c of plan.charts) insertChart(sheet, c);
  return sheet;
}

/** The one style every data row has in a column (null: unstyled), or undefined when the rows differ. */
function columnStyles(plan: SheetPlan, head: number): (StyleName | null)[] | undefined {
  const styles: (StyleName | null)[] = [];
  for (let c = 0; c < plan.cols; c += 1) {
    const first = plan.styles[head]?.[c] ?? null;
    if (plan.styles.slice(head).some((row) => (row[c] ?? null) !== first)) return undefined;
    styles.push(first as StyleName | null);
  }
  return styles;
}

/** A style on a whole range, one singular call per property it sets. */
function applyStyle(range: GoogleAppsScript.Spreadsheet.Range, s: CellStyle): void {
  if (s.background) range.setBackground(s.background);
  if (s.color) range.setFontColor(s.color);
  if (s.bold) range.setFontWeight('bold');
  if (s.italic) range.setFontStyle('italic');
  if (s.fontSize) range.setFontSize(s.fontSize);
  if (s.numberFormat) range.setNumberFormat(s.numberFormat);
  if (s.wrap) range.setWrap(true);
  if (s.align) range.setHorizontalAlignment(s.align);
}

/**
 * A Qualcard-owned table (a few heading rows, then rows styled alike per column, no validations), replacing what the
 * sheet held: the heading rows as any plan, the data rows' values in one write and their formats once per styled
 * column. Calls and their payloads then grow with the values only, not with ten format grids of every cell.
 */
export function writeTable(ss: Spreadsheet, plan: SheetPlan, head: number, existing?: Sheet | null): Sheet {
  const styles = columnStyles(plan, head);
  if (!styles || plan.rows <= head || plan.charts.length) return writeStandalone(ss, plan, existing);
  const sheet = existing ?? ss.insertSheet(plan.name);
  if (existing) {
    existing.clear();
    existing.setConditionalFormatRules([]);
  }
  const top = <T>(grid: T[][]): T[][] => grid.slice(0, head);
  applyFormats(sheet, {
    ...plan,
    rows: head,
    cells: top(plan.cells),
    styles: top(plan.styles),
    validations: top(plan.validations),
  });
  const rows = plan.rows - head;
  const data = sheet.getRange(head + 1, 1, rows, plan.cols);
  data.setValues(plan.cells.slice(head));
  data.setVerticalAlignment('top');
  for (const [c, name] of styles.entries())
    if (name) applyStyle(sheet.getRange(head + 1, c + 1, rows, 1), STYLES[name]);
  if (!existing) sheet.addDeveloperMetadata(tagKey(plan.tag), JSON.stringify(plan.tag));
  return sheet;
}

function insertChart(sheet: Sheet, c: SheetPlan['charts'][number]): void {
  const chart = sheet
    .newChart()
    .asBarChart()
    .addRange(sheet.getRange(a1Area(c.labels)))
    .addRange(sheet.getRange(a1Area(c.values)))
    .setOption('title', c.title)
    .setPosition(c.anchor.row, c.anchor.col, 0, 0)
    .build();
  sheet.insertChart(chart);
}

/** The sheets tagged for one apprentice (or a cohort sheet kind), by kind: found by developer metadata, not by name. */
export function findTagged(
  ss: Spreadsheet,
  scope: { apprenticeId: string } | { kind: 'roster' | 'dashboard' | 'cohort' | 'gaps' | 'gap-list' | 'wage-schedule' },
): Map<string, { sheet: Sheet; tag: StoredTag }> {
  const found = new Map<string, { sheet: Sheet; tag: StoredTag }>();
  const key = 'apprenticeId' in scope ? tagKey({ kind: 'qualcard', apprenticeId: scope.apprenticeId }) : tagKey(scope);
  for (const m of ss.createDeveloperMetadataFinder().withKey(key).find()) {
    let tag: StoredTag;
    try {
      tag = JSON.parse(m.getValue() ?? '') as StoredTag;
    } catch {
      continue;
    }
    const sheet = m.getLocation().getSheet();
    if (sheet) found.set(tag.kind, { sheet, tag });
  }
  return found;
}

/** A sheet's values with dates as YYYY-MM-DD in the spreadsheet's time zone (the plans know no Date). */
export function readValues(sheet: Sheet, timeZone: string): Cell[][] {
  return sheet
    .getDataRange()
    .getValues()
    .map((row) =>
      row.map((v: unknown): Cell => {
        if (v instanceof Date) return Utilities.formatDate(v, timeZone, 'yyyy-MM-dd');
        if (v === '' || v === undefined) return '';
        return v as Cell;
      }),
    );
}
