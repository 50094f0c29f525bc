// A sponsor framework from rows (a CSV file or the add-on's "Framework" sheet): a new framework, or an
// existing one extended with company items. Every error names its row and column; on any error no
// framework is returned, so the caller writes nothing.
import { z } from 'zod';
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

export function frameworkFromRows(rows: string[][], options: RowsOptions = {}): RowsResult {
  const errors: RowError[] = [];
  const err = (row: number, column: string, message: string): void => {
    errors.push({ row, column, message });
  };
  const [header = [], ...body] = rows;
  const columns = header.map(normalize);
  columns.forEach((c, i) => {
    if (c && !(FRAMEWORK_COLUMNS as readonly string[]).includes(c))
      err(1, header[i]!, `unknown column (expected one of: ${FRAMEWORK_COLUMNS.join(', ')})`);
  });
  for (const required of ['level', 'work_function', 'item_id', 'core_optional'] as const) {
    if (!columns.includes(required)) err(1, required, 'required column is missing');
  }
  if (!options.base && !(options.id && options.title)) err(1, '-', 'a new framework needs an id and a title');
  if (options.id && !Id.safeParse(options.id).success)
    err(1, '-', `framework id "${options.id}" may hold only letters, digits, ".", "_" or "-"`);
  if (errors.length) return { ok: false, errors };

  const base = options.base;
  const draft: FrameworkInput = base
    ? structuredClone(base)
    : { id: options.id!, title: options.title!, version: options.version ?? '1.0.0', levels: [], workFunctions: [] };
  if (base) {
    draft.id = options.id ?? `${base.id}-sponsor`;
    draft.title = options.title ?? `${base.title} (sponsor items)`;
    draft.version = options.version ?? `${base.version}-sponsor.1`;
  }
  const levels = new Map<string, LevelSpec>();
  const itemRows = new Map<string, number>();

  body.forEach((cells, index) => {
    const row = index + 2; // the header is row 1
    const get = (c: Column): string => (cells[columns.indexOf(c)] ?? '').trim();
    const levelId = get('level');
    if (!Id.safeParse(levelId).success) {
      err(row, 'level', levelId ? `"${levelId}" is not a valid level id` : 'required');
      return;
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
    const core = get('core_optional').toLowerCase();
    if (core !== 'core' && core !== 'optional') {
      err(row, 'core_optional', `"${get('core_optional')}" must be core or optional`);
      return;
    }
    const texts = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, get(c)]).filter(([, v]) => v));
    if (Object.keys(texts).length === 0) {
      err(row, 'statement', `item ${itemId} needs a text in one of: ${TEXT_COLUMNS.join(', ')}`);
      return;
    }
    const proficiency = get('proficiency');
    const proficiencyOk = z.enum(['Basic', 'Intermediate', 'Advanced']).safeParse(proficiency);
    if (proficiency && !proficiencyOk.success) {
      err(row, 'proficiency', `"${proficiency}" must be Basic, Intermediate or Advanced`);
      return;
    }

    const existing = draft.workFunctions.flatMap((wf) => wf.items).find((i) => i.id === itemId);
    if (existing) {
      err(row, 'item_id', `${itemId} already exists in ${base?.id}; sponsor items need their own ids`);
      return;
    }
    let wf = draft.workFunctions.find((w) => w.id === wfId);
    if (!wf) {
      wf = { id: wfId, title: get('work_function_title') || wfId, items: [] };
      draft.workFunctions.push(wf);
    }
    wf.items.push({
      id: itemId,
      levels: [levelId],
      texts,
      core,
      ...(proficiency ? { proficiency: proficiencyOk.data } : {}),
      crossReferences: [],
      addedBy: options.addedBy ?? 'sponsor',
    });
    // An item that fills a blank slot of the document takes the slot's place.
    draft.slots = (draft.slots ?? []).filter((s) => !(s.kind === 'item' && s.id === itemId));
  });

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
  if (errors.length) return { ok: false, errors };

  const parsed = Framework.safeParse(draft);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ row: 0, column: i.path.join('.'), message: i.message })),
    };
  }
  return { ok: true, framework: parsed.data };
}

export function formatRowErrors(errors: RowError[]): string {
  return errors
    .map((e) => (e.row > 0 ? `row ${e.row}, column ${e.column}: ${e.message}` : `${e.column}: ${e.message}`))
    .join('\n');
}
