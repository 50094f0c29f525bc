// The transcript's entry sheets: signed items, hours (totals and every entry), prior credit, exams and
// certifications. Each lists the entries that were confirmed or attested, counted or held back by an integrity flag,
// with their provenance; entries typed in a sheet and not confirmed are on the Pending sheet instead.
import {
  type CertificationHeld,
  type ExamResult,
  type Framework,
  HOURS_CATEGORY_LABEL,
  type HoursEntry,
} from '@qualcard/shared';
import type { Worksheet } from 'exceljs';
import type { Row } from './entries';
import { flagCodes, PROVENANCE_COLUMNS, provenanceCells } from './provenance';
import { addTableRow, type Column, setupTable } from './sheet';
import type { Transcript } from './transcript';

/** Confirmed or attested, whether counted or flagged: what the entry sheets list. */
const established = <T>(rows: Row<T>[]): Row<T>[] => rows.filter((r) => r.status !== 'pending');

function table(ws: Worksheet, cols: Column[]): Column[] {
  const all = [...cols, ...PROVENANCE_COLUMNS];
  setupTable(ws, all);
  return all;
}

/** What an item of a work function the program does not run is, core or not: nothing it requires. */
export const NOT_RUN_LABEL = 'not required (work function not run)';

interface ItemInfo {
  wf: string;
  text: string;
  levels: string;
  /** "core" or "optional", or NOT_RUN_LABEL for an item of a work function not in `run`. */
  core: string;
}

/** Each item's work function, text, levels and whether it is required, given the work functions run. */
export function itemIndex(f: Framework, run: ReadonlySet<string>): Map<string, ItemInfo> {
  const m = new Map<string, ItemInfo>();
  for (const wf of f.workFunctions)
    for (const item of wf.items) {
      m.set(item.id, {
        wf: `${wf.id} ${wf.title}`,
        text: item.texts.competency ?? item.texts.statement ?? item.texts.do ?? '',
        levels: item.levels.join(', '),
        core: run.has(wf.id) ? item.core : NOT_RUN_LABEL,
      });
    }
  return m;
}

export function signedItemsSheet(ws: Worksheet, t: Transcript): Column[] {
  const cols = table(ws, [
    { header: 'Item', key: 'item', width: 12 },
    { header: 'Work function', key: 'wf', width: 24, wrap: true },
    { header: 'Item text', key: 'text', width: 44, wrap: true },
    { header: 'Levels', key: 'levels', width: 8 },
    { header: 'Core', key: 'core', width: 14, wrap: true },
    { header: 'Signed on', key: 'date', width: 11 },
    { header: 'Coach', key: 'coach', width: 26 },
    { header: 'Evidence', key: 'evidence', width: 24, wrap: true },
    { header: 'Notes', key: 'notes', width: 24, wrap: true },
  ]);
  const items = itemIndex(t.framework, t.run);
  for (const row of established(t.rows['sign-off'])) {
    const s = row.entry;
    const item = items.get(s.itemId);
    addTableRow(ws, {
      item: s.itemId,
      wf: item?.wf ?? '',
      text: item?.text ?? '',
      levels: item?.levels ?? '',
      core: item?.core ?? '',
      date: s.date ?? '',
      coach: s.coachEmail ?? '',
      evidence: s.evidence ?? '',
      notes: s.notes ?? '',
      ...provenanceCells(row, t.progress.timeZone),
    });
  }
  return cols;
}

export const workFunctionTitles = (f: Framework): Map<string, string> =>
  new Map(f.workFunctions.map((wf) => [wf.id, `${wf.id} ${wf.title}`]));

interface HoursGroup {
  category: string;
  wf: string;
  level: string;
  entries: number;
  counted: number;
  pending: number;
  flagged: number;
}

/** Hours per category, work function and level: what counted, what waits for a confirmation, what is flagged. */
export function hoursSheet(ws: Worksheet, t: Transcript): Column[] {
  const cols: Column[] = [
    { header: 'Hours category', key: 'category', width: 24 },
    { header: 'Work function', key: 'wf', width: 40, wrap: true },
    { header: 'Level', key: 'level', width: 10 },
    { header: 'Entries', key: 'entries', width: 10 },
    { header: 'Hours counted', key: 'counted', width: 14, numFmt: '0.##' },
    { header: 'Hours pending (not counted)', key: 'pending', width: 16, numFmt: '0.##', wrap: true },
    { header: 'Hours flagged (not counted)', key: 'flagged', width: 16, numFmt: '0.##', wrap: true },
  ];
  setupTable(ws, cols);
  const wfTitle = workFunctionTitles(t.framework);
  const groups = new Map<string, HoursGroup>();
  for (const { entry: h, status } of t.rows['hours-entry']) {
    const key = JSON.stringify([h.category, h.workFunctionId ?? '', h.levelId ?? '']);
    const g = groups.get(key) ?? {
      category: HOURS_CATEGORY_LABEL[h.category],
      wf: h.workFunctionId ? (wfTitle.get(h.workFunctionId) ?? h.workFunctionId) : '(no work function)',
      level: h.levelId ?? '',
      entries: 0,
      counted: 0,
      pending: 0,
      flagged: 0,
    };
    g.entries++;
    if (status === 'pending' || status === 'flagged') g[status] += h.hours;
    else g.counted += h.hours;
    groups.set(key, g);
  }
  for (const g of [...groups.values()].sort((a, b) => a.category.localeCompare(b.category) || a.wf.localeCompare(b.wf)))
    ws.addRow(g);
  return cols;
}

/**
 * Every confirmed or attested hours entry, by who confirmed it and when: entries of one category, level and work
 * function confirmed by the same person on the same day (a coach confirming a week of ticks at once) are one row,
 * so the sheet stays small whatever the number of entries.
 */
export function hoursEntriesSheet(ws: Worksheet, t: Transcript): Column[] {
  const cols = table(ws, [
    { header: 'Dated from', key: 'from', width: 11 },
    { header: 'Dated to', key: 'to', width: 11 },
    { header: 'Hours category', key: 'category', width: 20 },
    { header: 'Level', key: 'level', width: 8 },
    { header: 'Work function', key: 'wf', width: 24, wrap: true },
    { header: 'Entries', key: 'entries', width: 8 },
    { header: 'Hours', key: 'hours', width: 8, numFmt: '0.##' },
  ]);
  const wfTitle = workFunctionTitles(t.framework);
  const groups = new DateRuns();
  for (const row of established(t.rows['hours-entry'])) {
    const h = row.entry;
    groups.add(h, {
      category: HOURS_CATEGORY_LABEL[h.category],
      level: h.levelId ?? '',
      wf: h.workFunctionId ? (wfTitle.get(h.workFunctionId) ?? h.workFunctionId) : '',
      ...provenanceCells(row, t.progress.timeZone),
      // A flag's message names its row; its code gathers the rows (the Open gaps sheet has every message).
      ...(row.status === 'flagged' ? { counted: `No: flagged ${flagCodes(row)}` } : {}),
    });
  }
  for (const g of groups.values()) addTableRow(ws, g);
  return cols;
}

/** Hours entries with the same cells, gathered: the dates they span, how many, how many hours. */
export class DateRuns {
  private readonly groups = new Map<string, Record<string, string | number> & DateRun>();
  add(h: HoursEntry, cells: Record<string, string>): void {
    const key = JSON.stringify(cells);
    const g = this.groups.get(key) ?? { ...cells, from: h.date, to: h.date, entries: 0, hours: 0 };
    if (h.date < g.from) g.from = h.date;
    if (h.date > g.to) g.to = h.date;
    g.entries++;
    g.hours = Math.round((g.hours + h.hours) * 1e6) / 1e6;
    this.groups.set(key, g);
  }
  values(): (Record<string, string | number> & DateRun)[] {
    return [...this.groups.values()];
  }
}
interface DateRun {
  from: string;
  to: string;
  entries: number;
  hours: number;
}

export function priorCreditSheet(ws: Worksheet, t: Transcript): Column[] {
  const cols = table(ws, [
    { header: 'Description', key: 'description', width: 40, wrap: true },
    { header: 'Hours category', key: 'category', width: 22 },
    { header: 'Level', key: 'level', width: 8 },
    { header: 'Hours', key: 'hours', width: 8, numFmt: '0.##' },
    { header: 'Approved by (sheet)', key: 'approvedBy', width: 26 },
  ]);
  for (const row of established(t.rows['prior-credit'])) {
    const c = row.entry;
    addTableRow(ws, {
      description: c.description,
      category: HOURS_CATEGORY_LABEL[c.category],
      level: c.levelId ?? '',
      hours: c.hours,
      approvedBy: c.approvedBy ?? '',
      ...provenanceCells(row, t.progress.timeZone),
    });
  }
  return cols;
}

/** Exam and certification titles, and the levels that require them. */
export function requirementIndex(f: Framework): Map<string, { title: string; levels: string[] }> {
  const titles = new Map<string, { title: string; levels: string[] }>();
  for (const l of f.levels)
    for (const r of [...l.requirements.exams, ...l.requirements.certifications]) {
      const e = titles.get(r.id) ?? { title: r.title, levels: [] };
      e.levels.push(l.id);
      titles.set(r.id, e);
    }
  return titles;
}

/** Results recorded or attested by an admin, with their proof (e.g. a certificate number); a failed exam too. */
export function examsSheet(ws: Worksheet, t: Transcript): Column[] {
  const cols = table(ws, [
    { header: 'Kind', key: 'kind', width: 14 },
    { header: 'Id', key: 'id', width: 28 },
    { header: 'Title', key: 'title', width: 40, wrap: true },
    { header: 'Required for', key: 'levels', width: 13 },
    { header: 'Date', key: 'date', width: 11 },
    { header: 'Result', key: 'result', width: 11 },
  ]);
  const titles = requirementIndex(t.framework);
  const add = (kind: string, row: Row<ExamResult | CertificationHeld>, result: string) =>
    addTableRow(ws, {
      kind,
      id: row.entry.id,
      title: titles.get(row.entry.id)?.title ?? '',
      levels: titles.get(row.entry.id)?.levels.join(', ') ?? '',
      date: row.entry.date ?? '',
      result,
      ...provenanceCells(row, t.progress.timeZone),
    });
  for (const row of established(t.rows.exam)) add('Exam', row, row.entry.passed ? 'Passed' : 'Not passed');
  for (const row of established(t.rows.certification)) add('Certification', row, 'Held');
  return cols;
}
