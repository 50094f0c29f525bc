// An in-memory fake of exactly the Apps Script services the add-on uses. Each class implements a Pick of the
// real @types/google-apps-script interface, so a signature change there breaks the build here. Every call on
// a spreadsheet object is counted (builders separately: they make no round trip).
import { gunzipSync } from 'node:zlib';

type SS = GoogleAppsScript.Spreadsheet.Spreadsheet;
type SheetT = GoogleAppsScript.Spreadsheet.Sheet;
type RangeT = GoogleAppsScript.Spreadsheet.Range;
type Value = string | number | boolean | Date | null;

export class CallLog {
  readonly calls: string[] = [];
  readonly builderCalls: string[] = [];
  /** Values written by setValues, for benchmarks. */
  cellsWritten = 0;
  track(name: string): void {
    this.calls.push(name);
  }
  builder(name: string): void {
    this.builderCalls.push(name);
  }
  reset(): void {
    this.calls.length = 0;
    this.builderCalls.length = 0;
    this.cellsWritten = 0;
  }
  count(prefix = ''): number {
    return this.calls.filter((c) => c.startsWith(prefix)).length;
  }
  /** The calls that change the spreadsheet (set, insert, add, remove, delete, hide, protect, ...), not the reads. */
  writes(): string[] {
    return this.calls.filter(isWrite);
  }
}

/** A call that changes the spreadsheet: every other call (get, find, with, can, is) only reads. */
export const isWrite = (call: string): boolean =>
  /^(set|insert|add|remove|delete|hide|show|clear|protect|shift|collapse|expand|copy|append)/.test(
    call.split('.')[1] ?? '',
  );

const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** Sheets turns a typed ISO date into a date value; so does the fake. */
const stored = (v: unknown): Value =>
  typeof v === 'string' && ISO.test(v) ? new Date(`${v}T00:00:00Z`) : (v as Value);
const as = <T>(v: unknown): T => v as T;

export interface FakeValidation {
  kind: string;
  args: unknown[];
  help?: string;
  allowInvalid?: boolean;
}

export class FakeDataValidationBuilder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.DataValidationBuilder,
      | 'requireCheckbox'
      | 'requireDate'
      | 'requireValueInList'
      | 'requireNumberBetween'
      | 'requireTextIsEmail'
      | 'requireFormulaSatisfied'
      | 'setAllowInvalid'
      | 'setHelpText'
      | 'build'
    >
{
  private v: FakeValidation = { kind: 'none', args: [] };
  constructor(private log: CallLog) {}
  private set(kind: string, args: unknown[]): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.log.builder(`DataValidationBuilder.${kind}`);
    this.v = { ...this.v, kind, args };
    return as(this);
  }
  requireCheckbox(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('checkbox', []);
  }
  requireDate(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('date', []);
  }
  requireValueInList(values: string[], showDropdown?: boolean): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('list', [values, showDropdown]);
  }
  requireNumberBetween(start: number, end: number): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('number', [start, end]);
  }
  requireTextIsEmail(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('email', []);
  }
  requireFormulaSatisfied(formula: string): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return this.set('formula', [formula]);
  }
  setAllowInvalid(allowInvalidData: boolean): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.v.allowInvalid = allowInvalidData;
    return as(this);
  }
  setHelpText(helpText: string): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.v.help = helpText;
    return as(this);
  }
  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    return as({ ...this.v });
  }
}

export class FakeConditionalRuleBuilder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
      'whenTextEqualTo' | 'setBackground' | 'setFontColor' | 'setRanges' | 'build'
    >
{
  private rule: Record<string, unknown> = {};
  whenTextEqualTo(text: string): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.rule.text = text;
    return as(this);
  }
  setBackground(color: string | null): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.rule.background = color;
    return as(this);
  }
  setFontColor(color: string | null): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.rule.color = color;
    return as(this);
  }
  setRanges(ranges: RangeT[]): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this.rule.ranges = ranges.map((r) => (r as unknown as FakeRange).a1());
    return as(this);
  }
  build(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
    return as({ ...this.rule });
  }
}

export class FakeChartBuilder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder,
      'asBarChart' | 'addRange' | 'setOption' | 'setPosition' | 'build'
    >
{
  readonly chart: { ranges: string[]; options: Record<string, unknown>; position?: number[] } = {
    ranges: [],
    options: {},
  };
  asBarChart(): GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder {
    this.chart.options.type = 'bar';
    return as(this);
  }
  addRange(range: RangeT): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.chart.ranges.push((range as unknown as FakeRange).a1());
    return as(this);
  }
  setOption(option: string, value: unknown): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.chart.options[option] = value;
    return as(this);
  }
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.chart.position = [anchorRowPos, anchorColPos, offsetX, offsetY];
    return as(this);
  }
  build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    return as({ ...this.chart });
  }
}

export class FakeProtection
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.Protection,
      | 'setWarningOnly'
      | 'isWarningOnly'
      | 'getRange'
      | 'setDescription'
      | 'getDescription'
      | 'addEditors'
      | 'removeEditors'
      | 'getEditors'
      | 'canDomainEdit'
      | 'setDomainEdit'
    >
{
  warningOnly = false;
  description = '';
  /** Who may edit (besides the spreadsheet's owner and whoever ran the script, whom Sheets never removes). */
  editors = new Set<string>();
  domainEdit = true;
  constructor(
    private log: CallLog,
    readonly range: FakeRange,
  ) {}
  setWarningOnly(warningOnly: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this.log.track('Protection.setWarningOnly');
    this.warningOnly = warningOnly;
    return as(this);
  }
  isWarningOnly(): boolean {
    this.log.track('Protection.isWarningOnly');
    return this.warningOnly;
  }
  getRange(): RangeT {
    this.log.track('Protection.getRange');
    return as(this.range);
  }
  setDescription(description: string): GoogleAppsScript.Spreadsheet.Protection {
    this.log.track('Protection.setDescription');
    this.description = description;
    return as(this);
  }
  getDescription(): string {
    this.log.track('Protection.getDescription');
    return this.description;
  }
  addEditors(emailAddresses: string[]): GoogleAppsScript.Spreadsheet.Protection {
    this.log.track('Protection.addEditors');
    for (const e of emailAddresses) this.editors.add(e);
    return as(this);
  }
  removeEditors(emailAddresses: string[]): GoogleAppsScript.Spreadsheet.Protection;
  removeEditors(users: GoogleAppsScript.Base.User[]): GoogleAppsScript.Spreadsheet.Protection;
  removeEditors(who: (string | GoogleAppsScript.Base.User)[]): GoogleAppsScript.Spreadsheet.Protection {
    this.log.track('Protection.removeEditors');
    for (const e of who) this.editors.delete(typeof e === 'string' ? e : e.getEmail());
    return as(this);
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    this.log.track('Protection.getEditors');
    return [...this.editors].map((e) => as<GoogleAppsScript.Base.User>({ getEmail: () => e }));
  }
  canDomainEdit(): boolean {
    this.log.track('Protection.canDomainEdit');
    return this.domainEdit;
  }
  setDomainEdit(editable: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this.log.track('Protection.setDomainEdit');
    this.domainEdit = editable;
    return as(this);
  }
}

type Grid<T> = T[][];
export interface CellFormats {
  background: string | null;
  color: string | null;
  weight: string;
  style: string;
  size: number;
  numberFormat: string;
  wrap: boolean;
  align: string | null;
  valign?: string | null;
}

export class FakeRange
  implements
    Pick<
      RangeT,
      | 'setValues'
      | 'getValues'
      | 'getDisplayValues'
      | 'setDataValidations'
      | 'setBackgrounds'
      | 'setFontColors'
      | 'setFontWeights'
      | 'setFontStyles'
      | 'setFontSizes'
      | 'setNumberFormats'
      | 'setWraps'
      | 'setHorizontalAlignments'
      | 'setVerticalAlignment'
      | 'setBackground'
      | 'setFontColor'
      | 'setFontWeight'
      | 'setFontStyle'
      | 'setFontSize'
      | 'setNumberFormat'
      | 'setWrap'
      | 'setHorizontalAlignment'
      | 'protect'
      | 'getRow'
      | 'getNumRows'
      | 'getColumn'
      | 'getNumColumns'
      | 'getA1Notation'
      | 'shiftColumnGroupDepth'
    >
{
  constructor(
    private log: CallLog,
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
  ) {
    if (row < 1 || col < 1 || rows < 1 || cols < 1)
      throw new Error(
        `The coordinates of the range are outside the dimensions of the sheet (${row},${col},${rows},${cols})`,
      );
  }
  a1(): string {
    return `${this.sheet.name}!R${this.row}C${this.col}:R${this.row + this.rows - 1}C${this.col + this.cols - 1}`;
  }
  private check<T>(grid: Grid<T>, what: string): void {
    if (grid.length !== this.rows || grid.some((r) => r.length !== this.cols)) {
      throw new Error(
        `${what}: the data has ${grid.length} rows and ${grid[0]?.length ?? 0} columns, but the range has ${this.rows} and ${this.cols}`,
      );
    }
  }
  private write<T>(grid: Grid<T>, what: string, put: (r: number, c: number, v: T) => void): RangeT {
    this.log.track(`Range.${what}`);
    this.check(grid, what);
    for (const [r, row] of grid.entries()) for (const [c, v] of row.entries()) put(this.row + r, this.col + c, v);
    return as(this);
  }
  setValues(values: unknown[][]): RangeT {
    this.log.cellsWritten += values.reduce((n, r) => n + r.length, 0);
    return this.write(values, 'setValues', (r, c, v) => this.sheet.setCell(r, c, stored(v)));
  }
  getValues(): unknown[][] {
    this.log.track('Range.getValues');
    return this.read((r, c) => this.sheet.cell(r, c));
  }
  getDisplayValues(): string[][] {
    this.log.track('Range.getDisplayValues');
    return this.read((r, c) => {
      const v = this.sheet.cell(r, c);
      return v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v);
    });
  }
  private read<T>(f: (r: number, c: number) => T): T[][] {
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.cols }, (_, c) => f(this.row + r, this.col + c)),
    );
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): RangeT {
    return this.write(rules, 'setDataValidations', (r, c, v) =>
      this.sheet.validations.set(`${r},${c}`, v as unknown as FakeValidation | null),
    );
  }
  private fmt<K extends keyof CellFormats>(key: K, what: string) {
    return (grid: unknown[][]): RangeT =>
      this.write(grid, what, (r, c, v) => {
        this.sheet.format(r, c)[key] = v as CellFormats[K];
      });
  }
  setBackgrounds(color: string[][]): RangeT {
    return this.fmt('background', 'setBackgrounds')(color);
  }
  setFontColors(colors: unknown[][]): RangeT {
    return this.fmt('color', 'setFontColors')(colors);
  }
  setFontWeights(fontWeights: unknown[][]): RangeT {
    return this.fmt('weight', 'setFontWeights')(fontWeights);
  }
  setFontStyles(fontStyles: unknown[][]): RangeT {
    return this.fmt('style', 'setFontStyles')(fontStyles);
  }
  setFontSizes(sizes: number[][]): RangeT {
    return this.fmt('size', 'setFontSizes')(sizes);
  }
  setNumberFormats(numberFormats: unknown[][]): RangeT {
    return this.fmt('numberFormat', 'setNumberFormats')(numberFormats);
  }
  setWraps(isWrapEnabled: boolean[][]): RangeT {
    return this.fmt('wrap', 'setWraps')(isWrapEnabled);
  }
  setHorizontalAlignments(alignments: ('left' | 'center' | 'normal' | 'right' | null)[][]): RangeT {
    return this.fmt('align', 'setHorizontalAlignments')(alignments);
  }
  /** One format for every cell of the range (the singular setters): one call, whatever the range's size. */
  private all<K extends keyof CellFormats>(key: K, what: string, v: CellFormats[K]): RangeT {
    this.log.track(`Range.${what}`);
    for (let r = 0; r < this.rows; r += 1)
      for (let c = 0; c < this.cols; c += 1) this.sheet.format(this.row + r, this.col + c)[key] = v;
    return as(this);
  }
  setBackground(color: string | null): RangeT {
    return this.all('background', 'setBackground', color as CellFormats['background']);
  }
  setFontColor(color: string | null): RangeT {
    return this.all('color', 'setFontColor', color as CellFormats['color']);
  }
  setFontWeight(weight: string | null): RangeT {
    return this.all('weight', 'setFontWeight', weight as CellFormats['weight']);
  }
  setFontStyle(style: string | null): RangeT {
    return this.all('style', 'setFontStyle', style as CellFormats['style']);
  }
  setFontSize(size: number): RangeT {
    return this.all('size', 'setFontSize', size as CellFormats['size']);
  }
  setNumberFormat(format: string): RangeT {
    return this.all('numberFormat', 'setNumberFormat', format as CellFormats['numberFormat']);
  }
  setWrap(wrap: boolean): RangeT {
    return this.all('wrap', 'setWrap', wrap as CellFormats['wrap']);
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): RangeT {
    return this.all('align', 'setHorizontalAlignment', alignment as CellFormats['align']);
  }
  setVerticalAlignment(alignment: string | null): RangeT {
    return this.write(
      Array.from({ length: this.rows }, () => Array.from({ length: this.cols }, () => alignment)),
      'setVerticalAlignment',
      (r, c, v) => {
        this.sheet.format(r, c).valign = v;
      },
    );
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.log.track('Range.protect');
    const p = new FakeProtection(this.log, this);
    this.sheet.protections.push(p);
    return as(p);
  }
  getRow(): number {
    this.log.track('Range.getRow');
    return this.row;
  }
  getNumRows(): number {
    this.log.track('Range.getNumRows');
    return this.rows;
  }
  getColumn(): number {
    this.log.track('Range.getColumn');
    return this.col;
  }
  getNumColumns(): number {
    this.log.track('Range.getNumColumns');
    return this.cols;
  }
  getA1Notation(): string {
    this.log.track('Range.getA1Notation');
    return this.a1();
  }
  shiftColumnGroupDepth(delta: number): RangeT {
    this.log.track('Range.shiftColumnGroupDepth');
    if (delta !== 1) throw new Error('fake: only one level of column groups');
    this.sheet.columnGroups.push(new FakeGroup(this.log, this.col, this.cols));
    return as(this);
  }
}

/** SpreadsheetApp.ProtectionType, as the enum's members are numbered in @types/google-apps-script. */
const PROTECTION_TYPE = { RANGE: 0, SHEET: 1 } as const;

/** A column group (one level deep): collapsing it hides its columns. */
export class FakeGroup implements Pick<GoogleAppsScript.Spreadsheet.Group, 'collapse' | 'expand'> {
  collapsed = false;
  constructor(
    private log: CallLog,
    readonly col: number,
    readonly cols: number,
  ) {}
  collapse(): GoogleAppsScript.Spreadsheet.Group {
    this.log.track('Group.collapse');
    this.collapsed = true;
    return as(this);
  }
  expand(): GoogleAppsScript.Spreadsheet.Group {
    this.log.track('Group.expand');
    this.collapsed = false;
    return as(this);
  }
  copy(): FakeGroup {
    const g = new FakeGroup(this.log, this.col, this.cols);
    g.collapsed = this.collapsed;
    return g;
  }
}

export class FakeMetadata
  implements Pick<GoogleAppsScript.Spreadsheet.DeveloperMetadata, 'getKey' | 'getValue' | 'getLocation'>
{
  constructor(
    private log: CallLog,
    readonly key: string,
    readonly value: string,
    readonly sheet: FakeSheet,
  ) {}
  getKey(): string {
    this.log.track('DeveloperMetadata.getKey');
    return this.key;
  }
  getValue(): string | null {
    this.log.track('DeveloperMetadata.getValue');
    return this.value;
  }
  getLocation(): GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation {
    this.log.track('DeveloperMetadata.getLocation');
    const sheet = this.sheet;
    const log = this.log;
    const location: Pick<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation, 'getSheet'> = {
      getSheet: () => {
        log.track('DeveloperMetadataLocation.getSheet');
        return as(sheet);
      },
    };
    return as(location);
  }
}

export class FakeFinder implements Pick<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder, 'withKey' | 'find'> {
  private key: string | null = null;
  constructor(
    private log: CallLog,
    private ss: FakeSpreadsheet,
  ) {}
  withKey(key: string): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this.log.track('DeveloperMetadataFinder.withKey');
    this.key = key;
    return as(this);
  }
  find(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    this.log.track('DeveloperMetadataFinder.find');
    return as(this.ss.sheets.flatMap((s) => s.metadata).filter((m) => this.key === null || m.key === this.key));
  }
}

let nextSheetId = 1000;

export class FakeSheet
  implements
    Pick<
      SheetT,
      | 'getRange'
      | 'getDataRange'
      | 'getName'
      | 'setName'
      | 'getSheetId'
      | 'protect'
      | 'hideSheet'
      | 'showSheet'
      | 'addDeveloperMetadata'
      | 'getDeveloperMetadata'
      | 'setColumnWidth'
      | 'hideColumns'
      | 'setFrozenRows'
      | 'setFrozenColumns'
      | 'getColumnGroup'
      | 'getProtections'
      | 'setConditionalFormatRules'
      | 'clear'
      | 'getCharts'
      | 'removeChart'
      | 'newChart'
      | 'insertChart'
    >
{
  readonly id = nextSheetId++;
  cells = new Map<string, Value>();
  validations = new Map<string, FakeValidation | null>();
  formats = new Map<string, CellFormats>();
  protections: FakeProtection[] = [];
  metadata: FakeMetadata[] = [];
  widths = new Map<number, number>();
  hiddenColumns = new Set<number>();
  frozenRows = 0;
  frozenColumns = 0;
  columnGroups: FakeGroup[] = [];
  hidden = false;
  conditional: unknown[] = [];
  charts: unknown[] = [];
  constructor(
    private log: CallLog,
    public name: string,
  ) {}

  cell(r: number, c: number): Value {
    return this.cells.get(`${r},${c}`) ?? '';
  }
  setCell(r: number, c: number, v: Value): void {
    if (v === '' || v === null) this.cells.delete(`${r},${c}`);
    else this.cells.set(`${r},${c}`, v);
  }
  format(r: number, c: number): CellFormats {
    const k = `${r},${c}`;
    if (!this.formats.has(k))
      this.formats.set(k, {
        background: null,
        color: null,
        weight: 'normal',
        style: 'normal',
        size: 10,
        numberFormat: 'General',
        wrap: false,
        align: null,
      });
    return this.formats.get(k)!;
  }
  extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const k of this.cells.keys()) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      rows = Math.max(rows, r);
      cols = Math.max(cols, c);
    }
    return { rows: Math.max(rows, 1), cols: Math.max(cols, 1) };
  }
  /** The values as a test reads them: a grid from A1 to the last used cell, dates as Date. */
  grid(): Value[][] {
    const { rows, cols } = this.extent();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => this.cell(r + 1, c + 1)));
  }
  copyFrom(t: FakeSheet): void {
    this.cells = new Map(t.cells);
    this.validations = new Map(t.validations);
    this.formats = new Map([...t.formats].map(([k, v]) => [k, { ...v }]));
    this.widths = new Map(t.widths);
    this.hiddenColumns = new Set(t.hiddenColumns);
    this.frozenRows = t.frozenRows;
    this.frozenColumns = t.frozenColumns;
    this.columnGroups = t.columnGroups.map((g) => g.copy());
    this.conditional = [...t.conditional];
    // Protections and developer metadata are NOT copied: the adapter must set them on every sheet.
  }

  getRange(row: number | string, column?: number, numRows?: number, numColumns?: number): RangeT {
    this.log.track('Sheet.getRange');
    if (typeof row === 'string') {
      const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(row);
      if (!m) throw new Error(`unsupported A1 notation in fake: ${row}`);
      const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return as(
        new FakeRange(
          this.log,
          this,
          Number(m[2]),
          col(m[1]!),
          Number(m[4]) - Number(m[2]) + 1,
          col(m[3]!) - col(m[1]!) + 1,
        ),
      );
    }
    return as(new FakeRange(this.log, this, row, column!, numRows ?? 1, numColumns ?? 1));
  }
  /** The whole sheet's protection (Sheets keeps one per sheet: protecting again returns it). */
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.log.track('Sheet.protect');
    if (!this.sheetProtection)
      this.sheetProtection = new FakeProtection(this.log, new FakeRange(this.log, this, 1, 1, 1, 1));
    return as(this.sheetProtection);
  }
  sheetProtection: FakeProtection | null = null;
  getDataRange(): RangeT {
    this.log.track('Sheet.getDataRange');
    const e = this.extent();
    return as(new FakeRange(this.log, this, 1, 1, e.rows, e.cols));
  }
  getName(): string {
    this.log.track('Sheet.getName');
    return this.name;
  }
  setName(name: string): SheetT {
    this.log.track('Sheet.setName');
    this.ssOwner?.checkName(name, this);
    this.name = name;
    return as(this);
  }
  ssOwner?: FakeSpreadsheet;
  getSheetId(): number {
    this.log.track('Sheet.getSheetId');
    return this.id;
  }
  hideSheet(): SheetT {
    this.log.track('Sheet.hideSheet');
    this.hidden = true;
    return as(this);
  }
  showSheet(): SheetT {
    this.log.track('Sheet.showSheet');
    this.hidden = false;
    return as(this);
  }
  addDeveloperMetadata(key: string, value?: unknown, _visibility?: unknown): SheetT {
    this.log.track('Sheet.addDeveloperMetadata');
    if (typeof value !== 'string') throw new Error('the add-on always tags with a value');
    this.metadata.push(new FakeMetadata(this.log, key, value, this));
    return as(this);
  }
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    this.log.track('Sheet.getDeveloperMetadata');
    return as([...this.metadata]);
  }
  setColumnWidth(columnPosition: number, width: number): SheetT {
    this.log.track('Sheet.setColumnWidth');
    this.widths.set(columnPosition, width);
    return as(this);
  }
  hideColumns(columnIndex: number): void {
    this.log.track('Sheet.hideColumns');
    this.hiddenColumns.add(columnIndex);
  }
  setFrozenRows(rows: number): void {
    this.log.track('Sheet.setFrozenRows');
    this.frozenRows = rows;
  }
  setFrozenColumns(columns: number): void {
    this.log.track('Sheet.setFrozenColumns');
    this.frozenColumns = columns;
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    this.log.track('Sheet.getProtections');
    const sheet = type === (PROTECTION_TYPE.SHEET as unknown as GoogleAppsScript.Spreadsheet.ProtectionType);
    return as(sheet ? (this.sheetProtection ? [this.sheetProtection] : []) : [...this.protections]);
  }
  getColumnGroup(columnIndex: number, groupDepth: number): GoogleAppsScript.Spreadsheet.Group | null {
    this.log.track('Sheet.getColumnGroup');
    const g = this.columnGroups.find((x) => columnIndex >= x.col && columnIndex < x.col + x.cols);
    return groupDepth === 1 && g ? as(g) : null;
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    this.log.track('Sheet.setConditionalFormatRules');
    this.conditional = [...rules];
  }
  clear(): SheetT {
    this.log.track('Sheet.clear');
    this.cells.clear();
    this.validations.clear();
    this.formats.clear();
    return as(this);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    this.log.track('Sheet.getCharts');
    return as([...this.charts]);
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.log.track('Sheet.removeChart');
    this.charts = this.charts.filter((c) => c !== chart);
  }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.log.track('Sheet.newChart');
    return as(new FakeChartBuilder());
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.log.track('Sheet.insertChart');
    this.charts.push(chart);
  }
}

export class FakeRangeList implements Pick<GoogleAppsScript.Spreadsheet.RangeList, 'getRanges'> {
  constructor(
    private log: CallLog,
    private ranges: FakeRange[],
  ) {}
  getRanges(): RangeT[] {
    this.log.track('RangeList.getRanges');
    return as(this.ranges);
  }
}

export class FakeSpreadsheet
  implements
    Pick<
      SS,
      | 'getSheetByName'
      | 'insertSheet'
      | 'deleteSheet'
      | 'getNumSheets'
      | 'createDeveloperMetadataFinder'
      | 'getSpreadsheetTimeZone'
      | 'getActiveSheet'
      | 'getActiveRangeList'
      | 'getSheets'
    >
{
  sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;
  selection: FakeRange[] = [];
  constructor(
    readonly log: CallLog,
    readonly timeZone = 'Etc/UTC',
  ) {}
  checkName(name: string, self?: FakeSheet): void {
    if (this.sheets.some((s) => s !== self && s.name === name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }
  byName(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  getSheetByName(name: string): SheetT | null {
    this.log.track('Spreadsheet.getSheetByName');
    return as(this.byName(name) ?? null);
  }
  insertSheet(a?: unknown, b?: unknown, c?: unknown): SheetT {
    this.log.track('Spreadsheet.insertSheet');
    const name = typeof a === 'string' ? a : `Sheet${this.sheets.length + 1}`;
    this.checkName(name);
    const sheet = new FakeSheet(this.log, name);
    sheet.ssOwner = this;
    const options = (typeof b === 'object' ? b : c) as { template?: FakeSheet } | undefined;
    const template = options?.template;
    if (template) sheet.copyFrom(template);
    const index = typeof b === 'number' ? b : this.sheets.length;
    this.sheets.splice(index, 0, sheet);
    return as(sheet);
  }
  deleteSheet(sheet: SheetT): void {
    this.log.track('Spreadsheet.deleteSheet');
    this.sheets = this.sheets.filter((s) => s !== (sheet as unknown as FakeSheet));
  }
  getNumSheets(): number {
    this.log.track('Spreadsheet.getNumSheets');
    return this.sheets.length;
  }
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    this.log.track('Spreadsheet.createDeveloperMetadataFinder');
    return as(new FakeFinder(this.log, this));
  }
  getSpreadsheetTimeZone(): string {
    this.log.track('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }
  getActiveSheet(): SheetT {
    this.log.track('Spreadsheet.getActiveSheet');
    return as(this.active ?? this.sheets[0]);
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList | null {
    this.log.track('Spreadsheet.getActiveRangeList');
    return as(new FakeRangeList(this.log, this.selection));
  }
  getSheets(): SheetT[] {
    this.log.track('Spreadsheet.getSheets');
    return as([...this.sheets]);
  }
  /** Test helper: select whole rows on a sheet, as a coach would. */
  select(sheet: FakeSheet, rows: number[]): void {
    this.active = sheet;
    this.selection = rows.map((r) => new FakeRange(this.log, sheet, r, 1, 1, 1));
  }
}

export interface FetchCall {
  url: string;
  params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
}
export type FetchHandler = (call: FetchCall) => {
  status: number;
  body: string | Uint8Array;
  headers?: Record<string, string>;
};

/** What the fake Ui records: the add-on menu with its items, and the sidebars shown. */
export interface FakeUiLog {
  menus: { title: string; items: [string, string][] }[];
  sidebars: { file: string; title: string }[];
}
/** The document lock: `busy` makes tryLock fail as if another user held it. */
export interface FakeLock {
  held: boolean;
  acquired: number;
  busy: boolean;
}

/** The globals the fake installs, each a Pick of the real service. */
export const GLOBALS = [
  'SpreadsheetApp',
  'LockService',
  'PropertiesService',
  'ScriptApp',
  'UrlFetchApp',
  'Utilities',
  'HtmlService',
] as const;

/** Installs the fake globals; returns the handles a test drives. */
/** An unsigned JWT whose payload carries `email`, like the ID token ScriptApp.getIdentityToken() returns. */
export const fakeIdToken = (email: string): string =>
  ['{"alg":"none"}', JSON.stringify({ email, email_verified: true })]
    .map((p) => Buffer.from(p).toString('base64url'))
    .concat('sig')
    .join('.');

export function installFakeAppsScript(opts: { fetch?: FetchHandler; timeZone?: string; identity?: string } = {}) {
  const log = new CallLog();
  const ss = new FakeSpreadsheet(log, opts.timeZone);
  const properties = new Map<string, string>();
  const fetches: FetchCall[] = [];
  /** Utilities.sleep calls, in ms: recorded, not waited. */
  const sleeps: number[] = [];
  const ui: FakeUiLog = { menus: [], sidebars: [] };
  const lock: FakeLock = { held: false, acquired: 0, busy: false };
  let fetchHandler: FetchHandler = opts.fetch ?? (() => ({ status: 599, body: 'no fetch handler' }));
  /** What ScriptApp.getIdentityToken() returns: set `identity.token` to sign in as someone else. */
  const identity = { token: opts.identity ?? fakeIdToken('coach@example.com') };

  const g = globalThis as Record<string, unknown>;
  const services: Record<(typeof GLOBALS)[number], unknown> = {
    SpreadsheetApp: fakeSpreadsheetApp(log, ss, ui),
    LockService: fakeLockService(lock),
    PropertiesService: fakePropertiesService(properties, () => identity.token),
    ScriptApp: fakeScriptApp(identity),
    // Through a closure: onFetch swaps the handler after installation.
    UrlFetchApp: fakeUrlFetchApp(fetches, (call) => fetchHandler(call)),
    Utilities: fakeUtilities(sleeps),
    HtmlService: fakeHtmlService(),
  };
  Object.assign(g, services);

  return {
    log,
    ss,
    properties,
    fetches,
    sleeps,
    menus: ui.menus,
    sidebars: ui.sidebars,
    lock,
    identity,
    onFetch(h: FetchHandler) {
      fetchHandler = h;
    },
    uninstall() {
      for (const k of GLOBALS) delete g[k];
    },
  };
}

function fakeSpreadsheetApp(
  log: CallLog,
  ss: FakeSpreadsheet,
  ui: FakeUiLog,
): Pick<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  'getActiveSpreadsheet' | 'getUi' | 'newDataValidation' | 'newConditionalFormatRule' | 'ProtectionType'
> {
  return {
    ProtectionType: as(PROTECTION_TYPE),
    getActiveSpreadsheet: () => as(ss),
    getUi: () => as(fakeUi(ui)),
    newDataValidation: () => as(new FakeDataValidationBuilder(log)),
    newConditionalFormatRule: () => as(new FakeConditionalRuleBuilder()),
  };
}

/** The add-on menu (recorded when added to the Ui) and sidebars. */
function fakeUi(ui: FakeUiLog): Pick<GoogleAppsScript.Base.Ui, 'createAddonMenu' | 'showSidebar'> {
  return {
    createAddonMenu: () => {
      const menu = { title: 'add-on', items: [] as [string, string][] };
      const m: Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addToUi'> = {
        addItem: (caption: string, fn: string) => {
          menu.items.push([caption, fn]);
          return as(m);
        },
        addToUi: () => {
          ui.menus.push(menu);
        },
      };
      return as(m);
    },
    showSidebar: (html: GoogleAppsScript.HTML.HtmlOutput) => {
      ui.sidebars.push(html as unknown as { file: string; title: string });
    },
  };
}

function fakeLockService(lock: FakeLock): Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock'> {
  return {
    getDocumentLock: () => {
      const l: Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'releaseLock'> = {
        tryLock: () => {
          if (lock.busy || lock.held) return false;
          lock.held = true;
          lock.acquired += 1;
          return true;
        },
        releaseLock: () => {
          lock.held = false;
        },
      };
      return as(l);
    },
  };
}

/** Apps Script quotas: 9 kB per property value and 500 kB per property store, counted in UTF-8 bytes. */
export const PROPERTY_VALUE_BYTES = 9 * 1024;
export const PROPERTY_STORE_BYTES = 500 * 1024;

/** Document properties, with the real service's limits on a value's size and the store's. */
function fakePropertiesService(
  properties: Map<string, string>,
  user: () => string,
): Pick<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties' | 'getUserProperties'> {
  // Each person's user properties are their own: keyed here by who is signed in (their identity token).
  const users = new Map<string, Map<string, string>>();
  const userStore = () => {
    if (!users.has(user())) users.set(user(), new Map());
    return propertyStore(users.get(user())!);
  };
  return { getDocumentProperties: () => propertyStore(properties), getUserProperties: () => userStore() };
}

function propertyStore(properties: Map<string, string>): GoogleAppsScript.Properties.Properties {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  const props: Pick<
    GoogleAppsScript.Properties.Properties,
    'getProperty' | 'setProperty' | 'getProperties' | 'setProperties' | 'deleteProperty'
  > = {
    getProperty: (k: string) => properties.get(k) ?? null,
    setProperty: (k: string, v: string) => {
      if (bytes(v) > PROPERTY_VALUE_BYTES) throw new Error('Argument too large: value');
      let total = bytes(k) + bytes(v);
      for (const [key, value] of properties) if (key !== k) total += bytes(key) + bytes(value);
      if (total > PROPERTY_STORE_BYTES) throw new Error('You have exceeded the property storage quota.');
      properties.set(k, v);
      return as(props);
    },
    deleteProperty: (k: string) => {
      properties.delete(k);
      return as(props);
    },
    getProperties: () => Object.fromEntries(properties),
    setProperties: (p: { [key: string]: string }) => {
      for (const [k, v] of Object.entries(p)) props.setProperty(k, v);
      return as(props);
    },
  };
  return as(props);
}

function fakeScriptApp(identity: { token: string }): Pick<GoogleAppsScript.Script.ScriptApp, 'getIdentityToken'> {
  return { getIdentityToken: () => identity.token };
}

/** Every fetch is recorded and answered by the test's handler. */
function fakeUrlFetchApp(
  fetches: FetchCall[],
  handler: FetchHandler,
): Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch'> {
  return {
    fetch: (url: string, params?: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions) => {
      const call = { url, params: params ?? {} };
      fetches.push(call);
      const r = handler(call);
      const body = typeof r.body === 'string' ? r.body : Buffer.from(r.body).toString('latin1');
      const response: Pick<
        GoogleAppsScript.URL_Fetch.HTTPResponse,
        'getResponseCode' | 'getContentText' | 'getContent' | 'getHeaders'
      > = {
        getResponseCode: () => r.status,
        getContentText: () => body,
        getContent: () => [...(typeof r.body === 'string' ? Buffer.from(r.body) : r.body)],
        getHeaders: () => r.headers ?? { 'Content-Type': 'application/json' },
      };
      return as(response);
    },
  };
}

let uuids = 0;

/** Java's signed bytes, as Apps Script's Byte[] holds them. */
const signedBytes = (buf: Buffer): GoogleAppsScript.Byte[] =>
  Array.from(new Int8Array(buf.buffer, buf.byteOffset, buf.length));
/** And back (a Uint8Array takes each byte modulo 256). */
const unsignedBytes = (data: GoogleAppsScript.Byte[]): Buffer => Buffer.from(Uint8Array.from(data));

type FakeBlob = Pick<GoogleAppsScript.Base.Blob, 'getBytes' | 'getDataAsString' | 'getContentType'>;
/** A blob over a Buffer: bytes are converted to a Byte[] only when asked for. */
const fakeBlob = (data: Buffer, contentType: string | null = null): FakeBlob & { buffer: Buffer } => ({
  buffer: data,
  getBytes: () => signedBytes(data),
  getDataAsString: () => data.toString('utf8'),
  getContentType: () => contentType,
});

function fakeUtilities(
  sleeps: number[],
): Pick<
  GoogleAppsScript.Utilities.Utilities,
  'formatDate' | 'getUuid' | 'base64Encode' | 'base64Decode' | 'base64DecodeWebSafe' | 'newBlob' | 'ungzip' | 'sleep'
> {
  return {
    formatDate: (date: GoogleAppsScript.Base.Date, timeZone: string, format: string) => {
      if (format !== 'yyyy-MM-dd') throw new Error(`fake formatDate supports yyyy-MM-dd only, got ${format}`);
      // en-CA formats as YYYY-MM-DD; an unknown time zone throws, as Apps Script does.
      return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        date as unknown as Date,
      );
    },
    base64Decode: ((encoded: string) =>
      signedBytes(Buffer.from(encoded, 'base64'))) as GoogleAppsScript.Utilities.Utilities['base64Decode'],
    base64DecodeWebSafe: ((encoded: string) =>
      signedBytes(Buffer.from(encoded, 'base64url'))) as GoogleAppsScript.Utilities.Utilities['base64DecodeWebSafe'],
    newBlob: ((data: GoogleAppsScript.Byte[], contentType?: string) =>
      as(fakeBlob(unsignedBytes(data), contentType))) as GoogleAppsScript.Utilities.Utilities['newBlob'],
    // The add-on marks the blob application/x-gzip, as Apps Script's own gzip does; the fake holds it to that.
    ungzip: (blob: GoogleAppsScript.Base.BlobSource) => {
      const b = blob as unknown as ReturnType<typeof fakeBlob>;
      if (b.getContentType() !== 'application/x-gzip') throw new Error('fake ungzip: not an application/x-gzip blob');
      return as(fakeBlob(gunzipSync(b.buffer)));
    },
    // A new one per call, as Apps Script's; counted so tests stay repeatable.
    getUuid: () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`,
    base64Encode: (data: unknown) => Buffer.from(data as number[]).toString('base64'),
    sleep: (milliseconds: GoogleAppsScript.Integer) => {
      sleeps.push(milliseconds);
    },
  };
}

function fakeHtmlService(): Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutputFromFile'> {
  return {
    createHtmlOutputFromFile: (file: string) => {
      const out = {
        file,
        title: '',
        setTitle(t: string) {
          out.title = t;
          return out;
        },
      };
      return as(out);
    },
  };
}
export type FakeAppsScript = ReturnType<typeof installFakeAppsScript>;
