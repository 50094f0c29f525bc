// 001: competency-based framework, Information Technology Generalist. Occupational overview,
// cross-cutting competencies (relevance 0-8), an embedded work process schedule, Job Functions 1-7 with
// related instruction and competencies 1a..7d (level + Required/Optional columns), blank Job Functions 8-10.
import type { FrameworkInput } from '../../shared/src/model/framework';
import { optionalDefault } from './optional';
import { clean, type SourceDoc } from './source';
import {
  afterLabel,
  cell,
  cells,
  filledCells,
  findLine,
  lineAt,
  type Mark,
  parseWpsHeader,
  parseWpsTable,
  requireLine,
  sourceRef,
  statement,
} from './text-helpers';

export const IT_GENERALIST_COMPETENCIES_ID = 'it-generalist-competencies';

type Proficiency = 'Basic' | 'Intermediate';
const PROFICIENCIES: readonly string[] = ['Basic', 'Intermediate'];

interface Overview {
  occupationTitle: string;
  onetCodes: string[];
  rapidsCodes: string[];
  jobTitles: string[];
  /** Job function number -> the cell after its title in the overview list ("Basic", "Optional", ""). */
  functionTags: Map<number, string>;
  credential?: string;
}

function parseOverview(doc: SourceDoc, end: number): Overview {
  const occ = requireLine(doc, /^Occupation:/, 'Occupation line', 0, end);
  const occCells = filledCells(lineAt(doc, occ));
  const overview: Overview = {
    occupationTitle: afterLabel(occCells[0] ?? '', 'Occupation:'),
    onetCodes: [],
    rapidsCodes: [],
    jobTitles: [],
    functionTags: new Map(),
  };
  for (let i = 0; i < end; i++) {
    const line = lineAt(doc, i);
    for (const c of filledCells(line)) {
      const onet = /^O\*?NET Code (\S+)$/.exec(c);
      if (onet?.[1]) overview.onetCodes.push(onet[1]);
      const rapids = /^RAPIDS Code (\S+)$/.exec(c);
      if (rapids?.[1]) overview.rapidsCodes.push(rapids[1]);
    }
    if (line.startsWith('Potential Job Titles:')) {
      overview.jobTitles = afterLabel(line, 'Potential Job Titles:').split(',').map(clean).filter(Boolean);
    }
    const fn = /^Job Function (\d+):/.exec(line);
    if (fn) overview.functionTags.set(Number(fn[1]), cell(line, 1));
    if (line.startsWith('Credential\t')) {
      // The credential table's one data row follows its header.
      const row = filledCells(lineAt(doc, i + 1));
      if (row.length === 3) overview.credential = `${row[0]} (awarding body: ${row[1]}; timing: ${row[2]})`;
    }
  }
  return overview;
}

/** Rows of "\tName\t...X..." under group headings; relevance = the header number above the X's column. */
function parseCrossCutting(doc: SourceDoc, start: number, end: number) {
  const out: { group: string; name: string; relevance: number; source: ReturnType<typeof sourceRef> }[] = [];
  let group: string | undefined;
  let scale: Map<number, number> | undefined;
  for (let i = start + 1; i < end; i++) {
    const line = lineAt(doc, i);
    const where = `${doc.document} line ${i + 1}`;
    if (clean(line) === '') continue;
    if (!line.startsWith('\t')) {
      group = clean(line).replace(/\s*Competencies$/, '');
      scale = undefined;
      continue;
    }
    const row = cells(line);
    if (/^Relevance/.test(clean(row[1] ?? ''))) {
      scale = new Map();
      row.forEach((c, k) => {
        if (/^\d$/.test(clean(c))) scale?.set(k, Number(clean(c)));
      });
      continue;
    }
    if (!group || !scale) throw new Error(`${where}: competency row before its group heading or relevance scale`);
    const xs = row.map((c, k) => (clean(c) === 'X' ? k : -1)).filter((k) => k >= 0);
    const relevance = xs.length === 1 ? scale.get(xs[0] ?? -1) : undefined;
    if (relevance === undefined) throw new Error(`${where}: expected exactly one X under the relevance scale`);
    out.push({ group, name: statement(row[1] ?? '', where), relevance, source: sourceRef(doc, i) });
  }
  return out;
}

interface Section {
  number: number;
  title: string;
  headerLine: number;
  lastLine: number;
  headerCells: string[];
}

/** Job Function sections: a "Job Function n:" line carrying column headings (Level/Required/Optional or OJT/RI). */
function findSections(doc: SourceDoc, from: number): Section[] {
  const sections: Section[] = [];
  for (let i = from; i < doc.lines.length; i++) {
    const line = lineAt(doc, i);
    const m = /^Job Function (\d+):/.exec(line);
    const row = cells(line).map(clean);
    if (!m || !(row.includes('Level') || row.includes('OJT'))) continue;
    const prev = sections[sections.length - 1];
    if (prev) prev.lastLine = i - 1;
    sections.push({
      number: Number(m[1]),
      title: afterLabel(row[0] ?? '', m[0]),
      headerLine: i,
      lastLine: doc.lines.length - 1,
      headerCells: row,
    });
  }
  // Trim trailing blank and page-break lines from each section's range.
  for (const s of sections) {
    while (s.lastLine > s.headerLine && /^(\s*|\[illegible\])$/.test(lineAt(doc, s.lastLine))) s.lastLine--;
  }
  return sections;
}

const RI_HEADINGS: Record<string, 'skills' | 'knowledge' | 'tools'> = {
  Skills: 'skills',
  'Knowledge & Understanding': 'knowledge',
  'Tools & Technology': 'tools',
};

interface CompetencyRow {
  id: string;
  text: string;
  prefix: string;
  level: string;
  required: boolean;
  optional: boolean;
  /** The row has a cell fewer than its table: its X may stand under Required or Optional. */
  short: boolean;
  line: number;
}

function parseSection(doc: SourceDoc, s: Section) {
  const levelCol = s.headerCells.indexOf('Level');
  const requiredCol = s.headerCells.findIndex((c) => c.startsWith('Required'));
  const optionalCol = s.headerCells.findIndex((c) => c.startsWith('Optional'));
  const ri = {
    scope: undefined as string | undefined,
    skills: [] as string[],
    knowledge: [] as string[],
    tools: [] as string[],
  };
  let riPart: 'scope' | 'skills' | 'knowledge' | 'tools' | undefined;
  const rows: CompetencyRow[] = [];
  for (let i = s.headerLine + 1; i <= s.lastLine; i++) {
    const line = lineAt(doc, i);
    const where = `${doc.document} line ${i + 1}`;
    const row = cells(line).map(clean);
    const filled = row.filter(Boolean);
    if (filled.length === 0 || /^(Performance Standards|\[illegible\])$/.test(filled[0] ?? '')) continue;
    const at = row.findIndex((c) => /^Competency \d+[a-z]:/.test(c));
    if (at >= 0) {
      const m = /^Competency (\d+[a-z]):\s*(.*)$/.exec(row[at] ?? '');
      if (!m?.[1]) throw new Error(`${where}: malformed competency`);
      if (levelCol >= 0 && at >= levelCol) throw new Error(`${where}: competency text in the Level column`);
      rows.push({
        id: m[1],
        text: m[2] ?? '',
        prefix: row.slice(0, at).filter(Boolean).join(' '),
        level: levelCol >= 0 ? (row[levelCol] ?? '') : '',
        required: requiredCol >= 0 && row[requiredCol] === 'X',
        optional: optionalCol >= 0 && row[optionalCol] === 'X',
        short: row.length < s.headerCells.length,
        line: i,
      });
      continue;
    }
    const text = filled.join(' ');
    if (text === 'RELATED INSTRUCTION' || text === 'Scope') {
      riPart = 'scope';
      continue;
    }
    const heading = RI_HEADINGS[text];
    if (heading) {
      riPart = heading;
      continue;
    }
    if (rows.length > 0 || riPart === undefined) throw new Error(`${where}: unexpected text "${text}"`);
    if (riPart === 'scope') ri.scope = clean(`${ri.scope ?? ''} ${text.replace(/^SCOPE:\s*/, '')}`);
    else ri[riPart].push(statement(text, where));
  }
  return { rows, ri };
}

type WorkFunctionInput = FrameworkInput['workFunctions'][number];
type SlotInput = NonNullable<FrameworkInput['slots']>[number];

export function parseItGeneralistCompetencies(doc: SourceDoc): FrameworkInput {
  const crossStart = requireLine(doc, /^CROSS-CUTTING COMPETENCIES/, 'CROSS-CUTTING COMPETENCIES heading');
  const wpsStart = requireLine(doc, /^WORK PROCESS SCHEDULE/, 'WORK PROCESS SCHEDULE heading', crossStart);
  const crossEnd = findLine(doc, /^\[illegible\]/, crossStart, wpsStart);
  const overview = parseOverview(doc, crossStart);
  const crossCutting = parseCrossCutting(doc, crossStart, crossEnd < 0 ? wpsStart : crossEnd);
  const wpsHeader = parseWpsHeader(doc, wpsStart);
  const wpsTable = parseWpsTable(doc, requireLine(doc, /^JOB FUNCTION\t/, 'JOB FUNCTION table header', wpsStart));
  const wpsMark = new Map(wpsTable.map((f) => [f.number, f.mark]));
  const sections = findSections(doc, wpsStart);
  const notes: string[] = [];

  const workFunctions: WorkFunctionInput[] = [];
  const slots: SlotInput[] = [];
  for (const s of sections) {
    const { rows, ri } = parseSection(doc, s);
    // Blank job functions (no title, no competency text) are left for the sponsor to define.
    if (s.title === '' && rows.every((r) => r.text === '')) slots.push(blankJobFunction(doc, s, rows));
    else workFunctions.push(jobFunction(doc, s, rows, ri, { overview, wpsMark, notes }));
  }
  notes.push(...documentNotes(overview, slots), standardNote(doc));
  const optional = optionalDefault(workFunctions);
  notes.push(optional.note);

  const firstSection = sections[0];
  const lastSection = sections[sections.length - 1];
  return {
    id: IT_GENERALIST_COMPETENCIES_ID,
    title: `${overview.occupationTitle} Competency Framework`,
    version: '2.0.0',
    sourceDocument: doc.document,
    occupation: {
      title: overview.occupationTitle,
      onetCodes: overview.onetCodes,
      rapidsCodes: overview.rapidsCodes,
      jobTitles: overview.jobTitles,
    },
    program: {
      type: wpsHeader.programType,
      durationMonths: wpsHeader.durationMonths,
      optionalWorkFunctionsDefault: optional.optionalWorkFunctionsDefault,
      certificationNote: wpsHeader.certificationNote,
      source: sourceRef(doc, wpsHeader.lines[0], wpsHeader.lines[1]),
    },
    levels: [
      {
        id: 'L1',
        title: overview.occupationTitle,
        requirements: { hours: [] },
        ...(firstSection && lastSection
          ? { source: sourceRef(doc, firstSection.headerLine, lastSection.lastLine) }
          : {}),
      },
    ],
    workFunctions,
    slots,
    crossCuttingCompetencies: crossCutting,
    notes,
  };
}

function blankJobFunction(doc: SourceDoc, s: Section, rows: CompetencyRow[]): SlotInput {
  return {
    id: `JF${s.number}`,
    kind: 'work-function',
    levels: ['L1'],
    core: 'sponsor-decides',
    itemSlotIds: rows.map((r) => r.id),
    source: sourceRef(doc, s.headerLine, s.lastLine),
  };
}

/** What a job function is read against: the overview's tags, the schedule's Core/Optional marks, the notes. */
interface JobFunctionContext {
  overview: Overview;
  wpsMark: Map<number, Mark | undefined>;
  notes: string[];
}

function jobFunction(
  doc: SourceDoc,
  s: Section,
  rows: CompetencyRow[],
  ri: ReturnType<typeof parseSection>['ri'],
  { overview, wpsMark, notes }: JobFunctionContext,
): WorkFunctionInput {
  const tag = overview.functionTags.get(s.number) ?? '';
  const core = jobFunctionCore(s, tag, wpsMark.get(s.number), notes);
  if (core === 'optional') noteUnmarkedOptional(doc, s, tag, notes);
  const items = rows.map((r) => competencyItem(doc, r.short ? shortRow(s, r, notes) : r, notes));
  const noLevel = rows.filter((r) => r.level === '').map((r) => r.id);
  if (noLevel.length > 0)
    notes.push(
      `Competencies ${noLevel.join(', ')} have no Basic/Intermediate level in the document; no proficiency is recorded for them.`,
    );
  const emptyRi = (['skills', 'knowledge', 'tools'] as const).filter((k) => ri[k].length === 0);
  if (emptyRi.length > 0)
    notes.push(
      `Job Function ${s.number}: the related-instruction ${emptyRi.join(', ')} list is empty in the document.`,
    );
  if (tag === '') notes.push(`Job Function ${s.number} has no Basic/Intermediate/Optional tag in the overview list.`);
  return {
    id: `JF${s.number}`,
    title: statement(s.title.replace(/\s*\(Optional\)$/, ''), `${doc.document} line ${s.headerLine + 1}`),
    core,
    ...(PROFICIENCIES.includes(tag) ? { proficiency: tag as Proficiency } : {}),
    relatedInstruction: ri,
    items,
    source: sourceRef(doc, s.headerLine, s.lastLine),
  };
}

/** The work process schedule's mark wins over the competency section's "Optional"; a disagreement is noted. */
function jobFunctionCore(s: Section, tag: string, fromWps: Mark | undefined, notes: string[]): Mark {
  const optionalMarked = /\(Optional\)/.test(s.title) || s.headerCells.some((c) => /^Optional X$/.test(c));
  const core: Mark = fromWps ?? (optionalMarked || tag === 'Optional' ? 'optional' : 'core');
  if (fromWps === 'core' && (optionalMarked || tag === 'Optional')) {
    notes.push(
      `Job Function ${s.number}: the work process schedule marks it Core but the competency section marks it Optional; recorded as core.`,
    );
  }
  return core;
}

/**
 * Job Function 5 is marked Optional only by the embedded work process schedule: its overview tag is a proficiency
 * and its section heading has no Optional mark. The schedule's mark stands (a program may leave it out); noted.
 */
function noteUnmarkedOptional(doc: SourceDoc, s: Section, tag: string, notes: string[]): void {
  if (/\(Optional\)/.test(s.title) || s.headerCells.some((c) => /^Optional X$/.test(c)) || tag === 'Optional') return;
  const overviewLine = findLine(doc, new RegExp(`^Job Function ${s.number}:`)) + 1;
  const wpsLine = findLine(doc, new RegExp(`^JOB FUNCTION ${s.number}:`)) + 1;
  notes.push(
    `Job Function ${s.number}: the documents disagree on whether it is optional. The embedded work process schedule marks it Optional (line ${wpsLine}), but the overview list tags it "${tag}" (line ${overviewLine}) and its section heading carries no Optional mark (line ${s.headerLine + 1}). The schedule's literal mark stands: it is an optional job function, run by the default program, that a sponsor's program or an apprentice's plan may leave out; its competencies keep their own Required/Optional marks (5c Required).`,
  );
}

/**
 * A row with a cell fewer than its table (competency 6e): the literal mark stands, i.e. the column its X sits
 * under when the cells are counted from the row's start, and the damage is noted.
 */
function shortRow(s: Section, r: CompetencyRow, notes: string[]) {
  const mark: Mark = r.required ? 'core' : 'optional';
  notes.push(
    `Competency ${r.id}: its row (line ${r.line + 1}) has a cell fewer than the table of Job Function ${s.number} (heading line ${s.headerLine + 1}); counted from the row's start its one X sits under ${mark === 'core' ? 'Required' : 'Optional'}, and that literal mark stands: recorded as ${mark}. (Version 1.0.0 read it as optional, from its job function's Optional mark and the embedded schedule's empty cell for the task; that schedule leaves 5c's cell empty too, and 5c is Required.)`,
  );
  return r;
}

/** A competency row: its Required/Optional column wins over a contradicting "Core"/"Optional" prefix (noted). */
function competencyItem(doc: SourceDoc, r: CompetencyRow, notes: string[]): WorkFunctionInput['items'][number] {
  const where = `${doc.document} line ${r.line + 1} (competency ${r.id})`;
  if (r.required && r.optional) throw new Error(`${where}: X in both Required and Optional columns`);
  const prefix = /^(Core|Optional)$/.test(r.prefix) ? (r.prefix.toLowerCase() as Mark) : undefined;
  if (r.prefix !== '' && !prefix) throw new Error(`${where}: unknown prefix "${r.prefix}"`);
  const column: Mark | undefined = r.required ? 'core' : r.optional ? 'optional' : undefined;
  const itemCore = column ?? prefix;
  if (!itemCore) throw new Error(`${where}: marked neither Required nor Optional`);
  if (column && prefix && column !== prefix) {
    notes.push(
      `Competency ${r.id}: the row's prefix says "${r.prefix}" but its X is in the ${r.required ? 'Required' : 'Optional'} column; recorded as ${column} (the Required/Optional column${r.required ? ', which agrees with the work process schedule marking the task Core' : ''}).`,
    );
  }
  if (r.level !== '' && !PROFICIENCIES.includes(r.level)) throw new Error(`${where}: unknown level "${r.level}"`);
  return {
    id: r.id,
    levels: ['L1'],
    texts: { statement: statement(r.text, where) },
    core: itemCore,
    ...(r.level ? { proficiency: r.level as Proficiency } : {}),
    source: sourceRef(doc, r.line),
  };
}

/** Notes about the document as a whole, after the job functions' own. */
function documentNotes(overview: Overview, slots: SlotInput[]): string[] {
  const notes = [
    'The document gives no hour figures (no OJT or related-instruction hours), so the level has no hour requirements; the sponsor sets them.',
    `Job Functions ${slots.map((sl) => sl.id.replace('JF', '')).join(', ')} are blank in the document ("Core or Optional" competencies with no text): they are sponsor-definable slots.`,
    'Every competency is followed by an empty performance-standards row in the document; those rows are not items.',
  ];
  if (overview.credential)
    notes.push(`Certification or licensure: ${overview.credential}. No specific certification is required.`);
  return notes;
}

/** The document leaves a "Performance Standards" row under every competency, all blank: it states no standard. */
function standardNote(doc: SourceDoc): string {
  const rows = doc.lines.flatMap((l, i) => (/^\s*Performance Standards\s*$/.test(l) ? [i + 1] : []));
  return `Sign-off standard: the document states none. It leaves a blank performance-standards row under each competency (${rows.length} rows, lines ${rows[0]}-${rows.at(-1)}), so no level carries a signOffStandard; a sponsor may state one in its own version.`;
}
