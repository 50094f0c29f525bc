// A sponsor framework from rows (a CSV file or the add-on's "Framework" sheet): a new framework, or an
// existing one extended with company items. Every error names its row and column; on any error no
// framework is returned, so the caller writes nothing.
import * as z from 'zod';
import { Framework, type FrameworkInput, type HoursCategory, Id } from '../model/framework';

export interface RowError {
  row: number;
  column: string;
  message: string;
}
export type RowsResult = { ok: true; framework: Framework } | { ok: false; errors: RowError[] };

export interface RowsOptions {
  /** The framework to extend; without it the rows make a new framework. */
  base?: Framework;
  id?: string;
  title?: string;
  version?: string;
  /** Recorded on every added item, e.g. the sponsor's id. */
  addedBy?: string;
}

export const FRAMEWORK_COLUMNS = [
  'level',
  'level_title',
  'work_function',
  'work_function_title',
  'item_id',
  'competency',
  'do',
  'know',
  'exit',
  'statement',
  'core_optional',
  'proficiency',
  'ojl_hours',
  'ri_hours',
  'work_experience_hours',
  'certifications',
] as const;
type Column = (typeof FRAMEWORK_COLUMNS)[number];
const HOURS_COLUMNS: [Column, HoursCategory][] = [
  ['ojl_hours', 'on-the-job-learning'],
  ['ri_hours', 'related-instruction'],
  ['work_experience_hours', 'work-experience'],
];
const TEXT_COLUMNS = ['competency', 'do', 'know', 'exit', 'statement'] as const;

const normalize = (h: string): string =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s/-]+/g, '_');
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'certification';

interface LevelSpec {
  row: number;
  title?: string;
  hours: Map<HoursCategory, number>;
  certifications?: string[];
}

type Err = (row: number, column: string, message: string) => void;

export function frameworkFromRows(rows: string[][], options: RowsOptions = {}): RowsResult {
  const errors: RowError[] = [];
  const err: Err = (row, column, message) => {
    errors.push({ row, column, message });
  };
  const [header = [], ...body] = rows;
  const columns = header.map(normalize);
  checkHeader(header, columns, options, err);
  if (errors.length) return { ok: false, errors };

  const draft = startDraft(options);
  const levels = new Map<string, LevelSpec>();
  const itemRows = new Map<string, number>();
  for (const [index, cells] of body.entries()) {
    const row = index + 2; // the header is row 1
    const get = (c: Column): string => (cells[columns.indexOf(c)] ?? '').trim();
    const levelId = readLevel(row, get, levels, err);
    if (levelId) readItem(row, get, levelId, { draft, options, itemRows, err });
  }
  applyLevels(draft, levels, options.base, err);
  if (errors.length) return { ok: false, errors };
  runFilledWorkFunctions(draft, options.base);

  const parsed = Framework.safeParse(draft);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ row: 0, column: i.path.join('.'), message: i.message })),
    };
  }
  return { ok: true, framework: parsed.data };
}

/** Unknown and missing columns, and options that cannot make a framework. */
function checkHeader(header: string[], columns: string[], options: RowsOptions, err: Err): void {
  for (const [i, c] of columns.entries()) {
    if (c && !(FRAMEWORK_COLUMNS as readonly string[]).includes(c))
      err(1, header[i]!, `unknown column (expected one of: ${FRAMEWORK_COLUMNS.join(', ')})`);
  }
  for (const required of ['level', 'work_function', 'item_id', 'core_optional'] as const) {
    if (!columns.includes(required)) err(1, required, 'required column is missing');
  }
  if (!options.base && !(options.id && options.title)) err(1, '-', 'a new framework needs an id and a title');
  if (options.id && !Id.safeParse(options.id).success)
    err(1, '-', `framework id "${options.id}" may hold only letters, digits, ".", "_" or "-"`);
}

/** A new framework, or a copy of the base under a sponsor id, title and version. */
function startDraft(options: RowsOptions): FrameworkInput {
  const base = options.base;
  if (!base)
    return {
      id: options.id!,
      title: options.title!,
      version: options.version ?? '1.0.0',
      levels: [],
      workFunctions: [],
    };
  const draft: FrameworkInput = structuredClone(base);
  draft.id = options.id ?? `${base.id}-sponsor`;
  draft.title = options.title ?? `${base.title} (sponsor items)`;
  draft.version = options.version ?? `${base.version}-sponsor.1`;
  return draft;
}

/**
 * A sponsor who fills items into an optional work function of the base (NITAS's Level 3 work-practice slots) runs
 * it: it joins the extension's default program, so the qual card shows what the sponsor just wrote.
 */
function runFilledWorkFunctions(draft: FrameworkInput, base: Framework | undefined): void {
  if (!base) return;
  const baseItems = new Set(base.workFunctions.flatMap((wf) => wf.items.map((i) => i.id)));
  const filled = draft.workFunctions
    .filter((wf) => wf.core === 'optional' && wf.items.some((i) => !baseItems.has(i.id)))
    .map((wf) => wf.id);
  const before = draft.program?.optionalWorkFunctionsDefault ?? [];
  const added = filled.filter((id) => !before.includes(id));
  if (!added.length) return;
  draft.program = { ...draft.program, optionalWorkFunctionsDefault: [...before, ...added] };
  draft.notes = [
    ...(draft.notes ?? []),
    `Optional work function(s) ${added.join(', ')} hold sponsor items, so this framework runs them by default.`,
  ];
}

type Get = (c: Column) => string;

/**
 * The row's level and what it says about the level's title, hours and certifications. Returns the level id,
 * or null when it is not a valid id (the row's item is then not read).
 */
function readLevel(row: number, get: Get, levels: Map<string, LevelSpec>, err: Err): string | null {
  const levelId = get('level');
  if (!Id.safeParse(levelId).success) {
    err(row, 'level', levelId ? `"${levelId}" is not a valid level id` : 'required');
    return null;
  }
  const spec = levels.get(levelId) ?? { row, hours: new Map<HoursCategory, number>() };
  levels.set(levelId, spec);
  if (get('level_title')) spec.title ??= get('level_title');
  for (const [column, category] of HOURS_COLUMNS) {
    const raw = get(column);
    if (!raw) continue;
    const hours = Number(raw.replace(/,/g, ''));
    if (!/^[\d,]+(\.\d+)?$/.test(raw) || !Number.isFinite(hours) || hours > 100_000) {
      err(row, column, `"${raw}" is not a number of hours`);
      continue;
    }
    const before = spec.hours.get(category);
    if (before !== undefined && before !== hours)
      err(row, column, `${hours} contradicts ${before} given earlier for level ${levelId}`);
    spec.hours.set(category, hours);
  }
  if (get('certifications'))
    spec.certifications = get('certifications')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  return levelId;
}

interface ItemContext {
  draft: FrameworkInput;
  options: RowsOptions;
  /** Row of each item id read so far, even when the rest of its row is not valid: a repeated id names its first row. */
  itemRows: Map<string, number>;
  err: Err;
}

/** The row's item, added to its work function when every cell of it is valid; the first bad cell is reported. */
function readItem(row: number, get: Get, levelId: string, ctx: ItemContext): void {
  const { draft, options, itemRows, err } = ctx;
  const itemId = get('item_id');
  if (!itemId) return; // a row that only sets level requirements
  if (!Id.safeParse(itemId).success) {
    err(row, 'item_id', `"${itemId}" may hold only letters, digits, ".", "_" or "-"`);
    return;
  }
  if (itemRows.has(itemId)) {
    err(row, 'item_id', `${itemId} is already on row ${itemRows.get(itemId)}`);
    return;
  }
  itemRows.set(itemId, row);
  const wfId = get('work_function');
  if (!Id.safeParse(wfId).success) {
    err(row, 'work_function', wfId ? `"${wfId}" is not a valid work function id` : 'required');
    return;
  }
  const item = itemFromRow(row, get, itemId, levelId, ctx);
  if (!item) return;
  if (draft.workFunctions.flatMap((wf) => wf.items).some((i) => i.id === itemId)) {
    err(row, 'item_id', `${itemId} already exists in ${options.base?.id}; sponsor items need their own ids`);
    return;
  }
  workFunction(draft, wfId, get('work_function_title') || wfId).items.push(item);
  // An item that fills a blank slot of the document takes the slot's place.
  draft.slots = (draft.slots ?? []).filter((s) => !(s.kind === 'item' && s.id === itemId));
}

type ItemInput = FrameworkInput['workFunctions'][number]['items'][number];

/** The item's core flag, texts and proficiency, or null after reporting the first that is not valid. */
function itemFromRow(row: number, get: Get, itemId: string, levelId: string, ctx: ItemContext): ItemInput | null {
  const { err } = ctx;
  const core = get('core_optional').toLowerCase();
  if (core !== 'core' && core !== 'optional') {
    err(row, 'core_optional', `"${get('core_optional')}" must be core or optional`);
    return null;
  }
  const texts = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, get(c)]).filter(([, v]) => v));
  if (Object.keys(texts).length === 0) {
    err(row, 'statement', `item ${itemId} needs a text in one of: ${TEXT_COLUMNS.join(', ')}`);
    return null;
  }
  const proficiency = get('proficiency');
  const proficiencyOk = z.enum(['Basic', 'Intermediate', 'Advanced']).safeParse(proficiency);
  if (proficiency && !proficiencyOk.success) {
    err(row, 'proficiency', `"${proficiency}" must be Basic, Intermediate or Advanced`);
    return null;
  }
  return {
    id: itemId,
    levels: [levelId],
    texts,
    core,
    ...(proficiency ? { proficiency: proficiencyOk.data } : {}),
    crossReferences: [],
    addedBy: ctx.options.addedBy ?? 'sponsor',
  };
}

/** The draft's work function with this id, added (with this title) when it has none yet. */
function workFunction(draft: FrameworkInput, id: string, title: string): FrameworkInput['workFunctions'][number] {
  let wf = draft.workFunctions.find((w) => w.id === id);
  if (!wf) {
    wf = { id, title, items: [] };
    draft.workFunctions.push(wf);
  }
  return wf;
}

/** New levels join the draft; a level of the base may not have its requirements changed. */
function applyLevels(
  draft: FrameworkInput,
  levels: Map<string, LevelSpec>,
  base: Framework | undefined,
  err: Err,
): void {
  for (const [levelId, spec] of levels) {
    const existing = draft.levels.find((l) => l.id === levelId);
    if (!existing) {
      draft.levels.push({
        id: levelId,
        title: spec.title ?? levelId,
        requirements: {
          hours: [...spec.hours].map(([category, hours]) => ({ category, hours })),
          certifications: (spec.certifications ?? []).map((title) => ({ id: slug(title), title })),
        },
      });
      continue;
    }
    // Extending: the document's figures stay as they are, so they still trace back to it.
    for (const [category, hours] of spec.hours) {
      const current = existing.requirements.hours?.find((h) => h.category === category)?.hours;
      if (current !== hours)
        err(
          spec.row,
          HOURS_COLUMNS.find(([, c]) => c === category)![0],
          `level ${levelId} of ${base?.id} requires ${current ?? 'no'} hours; a sponsor extension cannot change it`,
        );
    }
    if (spec.certifications)
      err(
        spec.row,
        'certifications',
        `level ${levelId} of ${base?.id} has its certifications already; a sponsor extension cannot change them`,
      );
  }
}

export function formatRowErrors(errors: RowError[]): string {
  return errors
    .map((e) => (e.row > 0 ? `row ${e.row}, column ${e.column}: ${e.message}` : `${e.column}: ${e.message}`))
    .join('\n');
}
