// The apprentice's transcript: the document people print and file. Everything it states comes from the stored
// record and the engine's progress (never recomputed here); exceljs is loaded on first use. Every entry says how it
// was established: counted entries who confirmed them and when (or that an admin attested them, and why); entries
// typed in a sheet and not confirmed are listed apart, on the Pending sheet, and never counted.
import {
  type ApprenticeRecord,
  ENTRY_KINDS,
  type Framework,
  HOURS_CATEGORY_LABEL,
  localDateTime,
  type ProgramChoice,
  type Progress,
  workFunctionsRun,
} from '@qualcard/shared';
import { CATEGORIES, levelState, tallyText } from '@qualcard/shared/sheets/cohort-layout';
import type { Worksheet } from 'exceljs';
import { type EntryRows, entryRows, KIND_LABEL, totals } from './entries';
import { zoneOf } from './provenance';
import { type Column, fitRowHeight, setupTable, sheetOptions } from './sheet';
import { addStatusFormatting, statusCells } from './status';
import { CREDENTIALS_SHEET, credentialsSheet, type TranscriptCredential } from './transcript-credentials';
import { gapsSheet, PENDING_SHEET, pendingSheet } from './transcript-pending';
import { examsSheet, hoursEntriesSheet, hoursSheet, priorCreditSheet, signedItemsSheet } from './transcript-tables';
import { WAGE_SHEET, wageSheet } from './transcript-wages';

export interface TranscriptInput {
  sponsor: { id: string; name: string };
  framework: Framework;
  record: ApprenticeRecord;
  /** The engine's full progress of `record` as of `progress.asOf` (its entry tallies are checked against the rows). */
  progress: Progress;
  /** The sponsor's program for the framework (absent: the framework's default), as `progress` was computed with. */
  program?: ProgramChoice;
  version: number;
  createdAt: string;
  createdBy: string;
  /** The level credentials issued to the apprentice (the Credentials sheet). */
  credentials?: TranscriptCredential[];
}

/** The input with every entry sorted by the engine's rule (counted, flagged, pending), and the work functions run. */
export interface Transcript extends TranscriptInput {
  rows: EntryRows;
  run: ReadonlySet<string>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The table sheets, in order: each sets up its columns, adds its rows, and says which columns to fit heights to. */
const TABLES: [string, (ws: Worksheet, t: Transcript) => Column[]][] = [
  ['Signed items', signedItemsSheet],
  ['Hours', hoursSheet],
  ['Hours by confirmation', hoursEntriesSheet],
  ['Prior credit', priorCreditSheet],
  ['Exams & certifications', examsSheet],
  [PENDING_SHEET, pendingSheet],
  ['Open gaps', gapsSheet],
  [CREDENTIALS_SHEET, credentialsSheet],
];

export async function buildTranscript(input: TranscriptInput): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const t: Transcript = {
    ...input,
    rows: entryRows(input.framework, input.record, input.progress),
    run: workFunctionsRun(input.framework, input.record.apprentice, input.program),
  };
  const wb = new ExcelJS.Workbook();
  wb.creator = input.createdBy;
  wb.created = new Date(input.createdAt);
  wb.title = `Transcript ${input.record.apprentice.name}`;
  const title = `Transcript: ${input.record.apprentice.name} (${input.framework.title}) v${input.version}`;
  summarySheet(wb.addWorksheet('Summary', sheetOptions(title, SUMMARY_HEADER_ROW)), t);
  // The wage history only when the program has a wage schedule.
  const tables = input.progress.wage ? [...TABLES, [WAGE_SHEET, wageSheet] as const] : TABLES;
  for (const [name, fill] of tables) {
    const ws = wb.addWorksheet(name, sheetOptions(title));
    const cols = fill(ws, t);
    ws.eachRow((row, n) => {
      if (n > 1) fitRowHeight(row, cols);
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The level table starts below the identity and entry rows and a blank row; the frozen pane and print titles use it. */
export const SUMMARY_HEADER_ROW = 22;
/** The heading row of the apprentice's status (on track, at risk, off track); its reason is on the next row. */
export const SUMMARY_STATUS_LABEL = 'Status';

/** The heading row naming the work functions the apprentice's program runs, and those it does not. */
export const SUMMARY_RUN_LABEL = 'Work functions run';

/** E.g. "JF1, JF2, JF4, JF7 (not run, their items not required: JF3, JF5, JF6)". */
function runText(t: Transcript): string {
  const ids = (run: boolean) => t.framework.workFunctions.filter((wf) => t.run.has(wf.id) === run).map((wf) => wf.id);
  const notRun = ids(false);
  const run = ids(true).join(', ') || 'none';
  return notRun.length ? `${run} (not run, their items not required: ${notRun.join(', ')})` : `${run} (all)`;
}

/**
 * The top of the transcript: whose it is, and how many entries counted, by provenance, and how many did not. No
 * internal id (the apprentice's and sponsor's are the service's keys, not something a reader needs).
 */
function heading(t: Transcript): [string, string | number][] {
  const { apprentice } = t.record;
  const all = totals(t.progress.entries);
  const [status, reason] = statusCells(t.progress);
  const zone = zoneOf(t);
  return [
    ['Apprentice', apprentice.name],
    ['Apprentice email', apprentice.email],
    ['Sponsor', t.sponsor.name],
    ['Framework', t.framework.title],
    ['Framework id', t.framework.id],
    ['Framework version', t.framework.version],
    ['Target level', t.progress.targetLevelId],
    [SUMMARY_RUN_LABEL, runText(t)],
    ['Start date', apprentice.startDate],
    ['Coaches', apprentice.coachEmails.join(', ')],
    ['Progress as of', t.progress.asOf],
    ['Projected completion', t.progress.projectedCompletion ?? 'no pace yet'],
    [SUMMARY_STATUS_LABEL, status],
    ['Status reason', reason],
    ['Transcript version', String(t.version)],
    ['Generated', `${localDateTime(new Date(t.createdAt), zone)} (${zone})`],
    ['Generated by', t.createdBy],
    [
      'Entries counted',
      `${all.confirmed + all.attested}: ${all.confirmed} confirmed by a coach or admin, ${all.attested} attested by an admin`,
    ],
    ['Pending, not counted', `${all.pending}: typed in a sheet, not confirmed (sheet "${PENDING_SHEET}")`],
    ['Flagged, not counted', `${all.flagged}: confirmed or attested, with an integrity flag (sheet "Open gaps")`],
  ];
}

const HEADING_COLUMNS: Column[] = [
  { header: 'Level', key: 'level', width: 22 },
  { header: 'Title', key: 'title', width: 38, wrap: true },
];

/**
 * The level table: counts as "done of required", centred under centred headers (a right-aligned count ran into the
 * standard's text after it, a left-aligned one read as the previous column's: "4 1 of 1"); hours per category
 * against that category's requirement (on-the-job learning also counts towards work experience: never one sum).
 */
const LEVEL_COLUMNS: (Column & { centre?: boolean })[] = [
  ...HEADING_COLUMNS,
  { header: 'State', key: 'state', width: 11 },
  { header: 'Percent', key: 'percent', width: 8, numFmt: '0.0', centre: true },
  { header: 'Items signed', key: 'items', width: 9, centre: true },
  { header: 'Optional items signed', key: 'optional', width: 9, centre: true },
  ...CATEGORIES.map((c) => ({
    header: `${HOURS_CATEGORY_LABEL[c]} hours`,
    key: c,
    width: 14,
    wrap: true,
    centre: true,
  })),
  { header: 'Exams passed', key: 'exams', width: 8, centre: true },
  { header: 'Certifications held', key: 'certs', width: 13, centre: true },
  { header: 'Sign-off standard', key: 'standard', width: 48, wrap: true },
];

/** "252 of 1,400", and the approved prior credit it includes on a line of its own. */
function hoursCells(l: Progress['levels'][number]): Record<string, string> {
  return Object.fromEntries(
    l.hours.map((h) => [
      h.category,
      `${tallyText(h)}${h.priorCredit ? `\n${h.priorCredit.toLocaleString('en-US')} prior credit` : ''}`,
    ]),
  );
}

/**
 * The level's sign-off standard in its document's words (issue 20), or that it states none. The source file's name
 * (a content hash) and lines stay in the framework data and on the qual card: a printed page carries no hash.
 */
const standardOf = (f: Framework, levelId: string): string => {
  const text = f.levels.find((l) => l.id === levelId)?.signOffStandard?.text;
  return text ? `"${text}"` : 'not stated in the framework document';
};

/**
 * A row of one of the Summary's small tables: a bold header (wrapped, two lines) or values; columns from `right` on
 * are right-aligned in both, so each header stands over its numbers.
 */
function smallTableRow(ws: Worksheet, values: (string | number)[], right: number, header = false): void {
  const row = ws.addRow(values);
  values.forEach((_, i) => {
    const cell = row.getCell(i + 1);
    // General, not the column's format (the level table's percent column shows one decimal).
    if (!header && typeof values[i] === 'number') cell.numFmt = 'General';
    cell.alignment = {
      vertical: header ? 'bottom' : 'top',
      horizontal: i + 1 >= right ? 'right' : 'left',
      wrapText: header,
    };
    if (header) cell.font = { bold: true };
  });
  if (header) row.height = 30;
}

function summarySheet(ws: Worksheet, t: Transcript): void {
  setupTable(ws, LEVEL_COLUMNS, SUMMARY_HEADER_ROW);
  const header = ws.getRow(SUMMARY_HEADER_ROW);
  LEVEL_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).alignment = { vertical: 'bottom', horizontal: c.centre ? 'center' : 'left', wrapText: true };
  });
  header.height = 45;
  const top = heading(t);
  if (top.length + 2 !== SUMMARY_HEADER_ROW) throw new Error('transcript summary layout: heading size changed');
  top.forEach(([k, v], i) => {
    const r = ws.getRow(i + 1);
    r.getCell(1).value = k;
    r.getCell(1).font = { bold: true };
    r.getCell(2).value = v;
    fitRowHeight(r, HEADING_COLUMNS);
  });
  const statusRow = top.findIndex(([k]) => k === SUMMARY_STATUS_LABEL) + 1;
  addStatusFormatting(ws, `B${statusRow}`);
  for (const l of t.progress.levels) {
    const row = ws.addRow({
      level: l.levelId,
      title: l.title,
      state: levelState(l),
      percent: l.percent,
      items: `${l.items.done} of ${l.items.required}`,
      optional: l.items.optionalSigned,
      ...hoursCells(l),
      exams: `${l.exams.done} of ${l.exams.required}`,
      certs: `${l.certifications.done} of ${l.certifications.required}`,
      standard: standardOf(t.framework, l.levelId),
    });
    LEVEL_COLUMNS.forEach((c, i) => {
      if (c.centre) row.getCell(i + 1).alignment = { vertical: 'top', horizontal: 'center', wrapText: c.wrap ?? false };
    });
    // The standard wraps: without a height, LibreOffice prints it over the next rows.
    fitRowHeight(row, LEVEL_COLUMNS);
  }
  ws.addRow([]);
  ws.addRow([
    'Hours: each category against its own requirement; on-the-job learning also counts towards work experience.',
  ]);
  ws.addRow([]);
  ws.addRow(['Entries per kind: confirmed and attested entries count; pending and flagged ones do not.']);
  smallTableRow(ws, ['Entries', 'Confirmed', 'Attested', 'Pending', 'Flagged'], 2, true);
  for (const kind of ENTRY_KINDS) {
    const e = t.progress.entries[kind];
    smallTableRow(ws, [KIND_LABEL[kind], e.confirmed, e.attested, e.pending, e.flagged], 2);
  }
}
