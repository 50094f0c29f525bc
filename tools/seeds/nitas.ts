// Parser for the NITAS Help Desk Concentration program guide (seed 000_...). Everything is read from the text's
// structure: Table 1 for per-level requirements, the "Level N Qual Card" tables for the CWF items, the
// "Certification Requirements" / "Instructor Led Training" sections after each card, and the optional
// "Level N: Work Practices" tables at the end. The image OCR noise at the top is never read: parsing starts at
// the guide's title. Any structural surprise throws with the line number, so a changed document fails loudly.
import type { FrameworkInput, SourceRef } from '../../shared/src/model/framework';
import { optionalDefault } from './optional';
import { clean, type SourceDoc } from './source';

type Texts = { competency?: string; do?: string; know?: string; exit?: string };
type ItemInput = FrameworkInput['workFunctions'][number]['items'][number];
type SlotInput = NonNullable<FrameworkInput['slots']>[number];
type LevelInput = FrameworkInput['levels'][number];
type WorkFunctionInput = FrameworkInput['workFunctions'][number];
type CourseInput = NonNullable<FrameworkInput['levels'][number]['requirements']['courses']>[number];
type NamedInput = NonNullable<FrameworkInput['levels'][number]['requirements']['certifications']>[number];
type HoursInput = NonNullable<FrameworkInput['levels'][number]['requirements']['hours']>[number];

const LABELS: Record<string, keyof Texts> = { Competency: 'competency', Do: 'do', Know: 'know', Exit: 'exit' };
const ITEM_ID = /^\t([A-Z]{2}(\d)\.(\d)\.(\d+))\s*$/;
const CWF = /^\tCWF(\d):\s*(.+?)\s*$/;
const LABEL = /^\t(Competency|Do|Know|Exit)\s*$/;
const CARD_HEADING = /^.*\bLevel (\d) Qual Card\s*$/;
const CERT_HEADING = /^Certification Requirements\s*[-–]\s*Level (\d)\s*$/;
const ILT_HEADING = /^(Recommended|Optional) Instructor Led Training\s*[-–]\s*Level (\d)\s*$/;
const WP_HEADING = /^\tLevel (\d):\s*(.*?)\s*$/;
const ONET = /O\*NET-SOC CODE:\s*(\S+)\s+RAPIDS CODE:\s*(\S+)/;
const CROSS_REF = /\b[A-Z]{2}\d\.\d\.\d+\b/g;

/** A view of the document with 1-based line access and errors that name the line. */
class Doc {
  constructor(
    readonly src: SourceDoc,
    readonly start: number,
  ) {}
  get last(): number {
    return this.src.lines.length;
  }
  line(n: number): string {
    return this.src.lines[n - 1] ?? '';
  }
  ref(from: number, to: number): SourceRef {
    return { document: this.src.document, lines: [from, to] };
  }
  fail(n: number, message: string): never {
    throw new Error(`${this.src.document}:${n}: ${message}`);
  }
  /** Line numbers (>= start) whose text matches. */
  find(re: RegExp, from = this.start, to = this.last): number[] {
    const out: number[] = [];
    for (let n = from; n <= to; n++) if (re.test(this.line(n))) out.push(n);
    return out;
  }
  findOne(re: RegExp, what: string, from = this.start, to = this.last): number {
    const n = this.find(re, from, to)[0];
    if (n === undefined) throw new Error(`${this.src.document}: ${what} not found (${re})`);
    return n;
  }
}

const isBlank = (s: string): boolean => s.trim() === '' && !s.startsWith('\t');
const isTabbed = (s: string): boolean => s.startsWith('\t');
/** An all-caps line of two or more words ("WORK PROCESS SCHEDULE") is a page heading, not content. */
const isCapsHeading = (s: string): boolean => /[A-Z]/.test(s) && !/[a-z]/.test(s) && s.trim().split(/\s+/).length >= 2;

/**
 * A table cell: a tab-led line plus any untabbed lines that continue it (wrapped text, bullet lists),
 * up to the next tab-led line. Returns the cleaned text and the last line it used.
 */
function readCell(doc: Doc, first: number, limit: number): { text: string; end: number } {
  const parts = [clean(doc.line(first))];
  let end = first;
  for (let n = first + 1; n <= limit; n++) {
    const s = doc.line(n);
    if (isTabbed(s)) break;
    if (isBlank(s)) continue;
    parts.push(clean(s));
    end = n;
  }
  return { text: clean(parts.filter((p) => p !== '').join(' ')), end };
}

/** The text under a Competency/Do/Know/Exit label: the next tab-led line (blank lines may come first). */
function readField(doc: Doc, label: number, limit: number): { text: string; end: number } {
  for (let n = label + 1; n <= limit; n++) {
    const s = doc.line(n);
    if (isBlank(s)) continue;
    // An untabbed line right after a label is no cell at all (the blank last row runs into the trailing notes).
    if (!isTabbed(s) || LABEL.test(s) || ITEM_ID.test(s) || CWF.test(s)) return { text: '', end: label };
    return readCell(doc, n, limit);
  }
  return { text: '', end: label };
}

interface Block {
  id: string;
  level: number;
  wf: number;
  texts: Texts;
  source: SourceRef;
  firstLine: number;
}

/** Items of one qual-card table (lines from..to), checking each id against its level and work function. */
function readItems(doc: Doc, from: number, to: number, level: number, workFunction: (n: number) => number): Block[] {
  const ids = doc.find(ITEM_ID, from, to);
  return ids.map((idLine, i) => {
    const m = ITEM_ID.exec(doc.line(idLine));
    if (!m) doc.fail(idLine, 'not an item id');
    const [, id, lv, wf] = m;
    if (Number(lv) !== level) doc.fail(idLine, `item ${id} is in the Level ${level} table`);
    if (Number(wf) !== workFunction(idLine))
      doc.fail(idLine, `item ${id} is under work function ${workFunction(idLine)}`);
    const next = ids[i + 1];
    const stop = Math.min(next === undefined ? to : next - 1, doc.find(CWF, idLine, to)[0] ?? Infinity);
    const texts: Texts = {};
    let end = idLine;
    for (const labelLine of doc.find(LABEL, idLine + 1, stop)) {
      const key = LABELS[doc.line(labelLine).trim()]!;
      if (key in texts) doc.fail(labelLine, `item ${id} has a second "${doc.line(labelLine).trim()}"`);
      const field = readField(doc, labelLine, stop);
      texts[key] = field.text;
      end = Math.max(end, field.end);
    }
    const missing = Object.values(LABELS).filter((k) => !(k in texts));
    if (missing.length) doc.fail(idLine, `item ${id} lacks ${missing.join(', ')}`);
    return { id: id!, level, wf: Number(wf), texts, source: doc.ref(idLine, end), firstLine: idLine };
  });
}

function toItem(b: Block, core: 'core' | 'optional'): ItemInput {
  const empty = Object.entries(b.texts)
    .filter(([, t]) => t === '')
    .map(([k]) => k);
  if (empty.length) throw new Error(`${b.source.document}:${b.firstLine}: item ${b.id} has empty ${empty.join(', ')}`);
  const all = Object.values(b.texts).join(' ');
  const crossReferences = [...new Set(all.match(CROSS_REF) ?? [])].filter((r) => r !== b.id);
  return { id: b.id, levels: [`L${b.level}`], texts: b.texts, core, crossReferences, source: b.source };
}

const isEmptyBlock = (b: Block): boolean => Object.values(b.texts).every((t) => t === '');

/** Lines of a short list under a heading (certifications, courses), up to the next heading or prose sentence. */
function readList(doc: Doc, heading: number): { title: string; line: number }[] {
  const out: { title: string; line: number }[] = [];
  for (let n = heading + 1; n <= doc.last; n++) {
    const s = doc.line(n);
    if (isBlank(s)) continue;
    const t = clean(s);
    const ends =
      isTabbed(s) ||
      CERT_HEADING.test(t) ||
      ILT_HEADING.test(t) ||
      isCapsHeading(t) ||
      ONET.test(t) ||
      /^Appendix\b/.test(t) ||
      CARD_HEADING.test(t) ||
      /\.$/.test(t); // a sentence is prose, not a list entry
    if (ends) break;
    out.push({ title: t, line: n });
  }
  return out;
}

/** "Computer Technology Industry Association (CompTIA) A+" -> "comptia-a-plus": an expansion followed by its own acronym collapses to the acronym. */
export function slugId(title: string): string {
  const short = title.replace(/((?:[A-Z][a-z]+\s+)+)\(([A-Za-z]+)\)/g, (whole, words: string, acronym: string) => {
    const initials = words
      .trim()
      .split(/\s+/)
      .map((w) => w[0])
      .join('');
    return initials === acronym.replace(/[^A-Z]/g, '') ? acronym : whole;
  });
  return short
    .toLowerCase()
    .replace(/\+/g, ' plus')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

type Cell = { text: string; source: SourceRef };
interface TableRow {
  level: number;
  title: string;
  cells: Map<string, Cell>;
  source: SourceRef;
}
interface Table1 {
  rows: TableRow[];
  cols: Record<'classroom' | 'ojl' | 'exams' | 'items' | 'certs', string>;
}

/** Table 1: a header row of tab-led cells, then one row per level ("Level 1-Entry", ...). */
function readTable1(doc: Doc): Table1 {
  const at = doc.findOne(/^Table 1\s*$/, 'Table 1');
  const header: string[] = [];
  let n = at + 1;
  while (isBlank(doc.line(n))) n++;
  for (; isTabbed(doc.line(n)); n++) header.push(clean(doc.line(n)));
  const column = (re: RegExp, what: string): string => {
    const h = header.find((c) => re.test(c));
    if (!h) doc.fail(at, `Table 1 has no ${what} column (header: ${header.join(' | ')})`);
    return h;
  };
  const cols = {
    classroom: column(/classroom/i, 'classroom hours'),
    ojl: column(/OJL/, 'OJL hours'),
    exams: column(/exams/i, 'exams'),
    items: column(/qualification|validation/i, 'qual card items'),
    certs: column(/certification/i, 'certifications'),
  };
  const rows: TableRow[] = [];
  const rowStart = /^\tLevel (\d)\s*-\s*(.+?)\s*$/;
  for (; n <= doc.last; n++) {
    if (isBlank(doc.line(n))) continue;
    const m = rowStart.exec(doc.line(n));
    if (!m) break;
    const row = readTable1Row(doc, n, header, cols, m);
    rows.push(row);
    n = row.source.lines[1];
  }
  if (rows.length === 0) doc.fail(at, 'Table 1 has no level rows');
  return { rows, cols };
}

/** One level's row of Table 1 from its "Level N - <title>" line `n`, its cells keyed by column header. */
function readTable1Row(doc: Doc, n: number, header: string[], cols: Table1['cols'], m: RegExpExecArray): TableRow {
  const cells: Cell[] = [];
  let k = n;
  // A row holds exactly as many cells as the header; untabbed lines inside it continue the cell before them
  // ("All required course" / "exams"). The last cell is one line: untabbed text after it is prose after the table.
  while (cells.length < header.length && k <= doc.last) {
    if (!isTabbed(doc.line(k))) {
      k++;
      continue;
    }
    const lastCell = cells.length === header.length - 1;
    const cell = lastCell ? { text: clean(doc.line(k)), end: k } : readCell(doc, k, doc.last);
    cells.push({ text: cell.text, source: doc.ref(k, cell.end) });
    k = cell.end + 1;
  }
  if (cells.length < header.length) doc.fail(n, `Table 1 row has ${cells.length} of ${header.length} cells`);
  const byCol = new Map<string, Cell>();
  for (const [i, h] of header.entries()) byCol.set(h, cells[i]!);
  for (const [key, h] of Object.entries(cols))
    if (!byCol.get(h)?.text) doc.fail(n, `Table 1 Level ${m[1]} has no ${key}`);
  return { level: Number(m[1]), title: `Level ${m[1]} - ${m[2]}`, cells: byCol, source: doc.ref(n, k - 1) };
}

function hours(category: HoursInput['category'], cell: Cell, doc: Doc): HoursInput {
  const m = /^([\d,]+)\s*(?:hrs?\b|hours\b)?\s*(.*)$/.exec(cell.text);
  if (!m) doc.fail(cell.source.lines[0], `"${cell.text}" is not an hours figure`);
  const note = m[2] ? { note: m[2] } : {};
  return { category, hours: Number(m[1]!.replace(/,/g, '')), ...note, source: cell.source };
}

/** The paragraph sentence that contains `re`. */
function sentence(text: string, re: RegExp): string | undefined {
  return text.split(/(?<=[.!?])\s+(?=[A-Z“"])/).find((s) => re.test(s));
}

/** Every sentence of `text` that matches, joined; undefined when none does. */
function sentences(text: string, re: RegExp): string | undefined {
  const found = text.split(/(?<=[.!?])\s+(?=[A-Z“"])/).filter((s) => re.test(s));
  return found.length ? found.join(' ') : undefined;
}

/** Each qual card's sign-off standard: the Instructions sentence naming "standard", quoted with its line. */
function readStandards(doc: Doc): Map<number, NonNullable<LevelInput['signOffStandard']>> {
  const out = new Map<number, NonNullable<LevelInput['signOffStandard']>>();
  for (const heading of doc.find(CARD_HEADING)) {
    const level = Number(CARD_HEADING.exec(doc.line(heading))![1]);
    const n = doc.findOne(/\bstandard\b/i, `Level ${level} qual card standard`, heading, heading + 12);
    const text = sentence(clean(doc.line(n)), /\bstandard\b/i);
    if (!text) doc.fail(n, 'no sentence naming the standard');
    out.set(level, { text, source: doc.ref(n, n) });
  }
  return out;
}

export function parseNitasHelpDesk(src: SourceDoc): FrameworkInput {
  // The guide proper starts at its title; the lines above it are OCR of an image and are never read.
  const titleLine = new Doc(src, 1).findOne(/^National IT Apprenticeship System \(NITAS\)\s*$/, 'guide title');
  const doc: Doc = new Doc(src, titleLine);
  const intro = doc.findOne(/^Introduction to the (.+?)\s*$/, 'introduction heading');
  const title = /^Introduction to the (.+?)\s*$/.exec(doc.line(intro))![1]!;
  const notes: string[] = [];

  // Table 1 and the sentence on work experience give the per-level hours, exams, item counts.
  const table = readTable1(doc);
  const workExperience = readWorkExperience(doc);
  const cards = readQualCards(doc, notes);
  const practices = readWorkPractices(doc);
  const parts: LevelParts = {
    table,
    workExperience,
    coreBlocks: cards.blocks,
    certs: readCertifications(doc),
    standards: readStandards(doc),
    ...readCourses(doc),
  };
  const levels = table.rows.map((row) => levelFromRow(doc, row, parts, notes));
  notes.push(...missingCourseNotes(parts));

  const workFunctions = qualCardWorkFunctions(doc, cards);
  const { workFunction: practicesFunction, slots } = workPractices(doc, practices, notes);
  if (practicesFunction) workFunctions.push(practicesFunction);
  const occupation = readOccupation(doc, notes);
  const optional = optionalDefault(workFunctions);
  const program = { ...readProgram(doc), optionalWorkFunctionsDefault: optional.optionalWorkFunctionsDefault };
  notes.push(optional.note, ...closingNotes(doc, table));

  return {
    id: 'nitas-help-desk',
    title,
    version: '1.1.0',
    sourceDocument: src.document,
    occupation,
    program,
    levels,
    workFunctions,
    slots,
    notes,
  };
}

interface WorkExperience {
  hours: number;
  /** Where the work experience is to be had ("in a help desk environment"), when the sentence says. */
  where?: string;
  line: number;
}

/** The sentence giving the work experience every level requires, which Table 1 does not list. */
function readWorkExperience(doc: Doc): WorkExperience {
  const line = doc.findOne(/must receive work experience \([\d,]+ hours\)/i, 'work experience sentence');
  const we = /must receive work experience \(([\d,]+) hours\)\s*(in [^.]+)?/i.exec(doc.line(line))!;
  return { hours: Number(we[1]!.replace(/,/g, '')), ...(we[2] ? { where: we[2] } : {}), line };
}

interface QualCards {
  /** Each CWF's title where it first appears. */
  wfTitles: Map<number, { title: string; line: number }>;
  blocks: Block[];
}

/** Qual cards: each "Level N Qual Card" table ends at its "Certification Requirements - Level N". */
function readQualCards(doc: Doc, notes: string[]): QualCards {
  const cards = doc.find(CARD_HEADING).map((heading) => {
    const level = Number(CARD_HEADING.exec(doc.line(heading))![1]);
    const cert = doc.findOne(
      new RegExp(`^Certification Requirements\\s*[-–]\\s*Level ${level}\\s*$`),
      `Level ${level} certifications`,
      heading,
    );
    return { level, heading, cert };
  });
  const wfTitles: QualCards['wfTitles'] = new Map();
  const blocks: Block[] = [];
  for (const card of cards) {
    const cwfLines = doc.find(CWF, card.heading, card.cert);
    for (const n of cwfLines) {
      const [, num, t] = CWF.exec(doc.line(n))!;
      const known = wfTitles.get(Number(num));
      const cleaned = clean(t!);
      if (!known) wfTitles.set(Number(num), { title: cleaned, line: n });
      else if (known.title !== cleaned)
        notes.push(`CWF${num} is titled "${cleaned}" at line ${n} but "${known.title}" at line ${known.line}.`);
    }
    // An item belongs to the CWF heading above it in the same card.
    const wfAt = (n: number): number => {
      const header = cwfLines.filter((c) => c < n).pop();
      if (header === undefined) doc.fail(n, 'item before any Critical Work Function');
      return Number(CWF.exec(doc.line(header))![1]);
    };
    blocks.push(...readItems(doc, card.heading, card.cert - 1, card.level, wfAt));
  }
  return { wfTitles, blocks };
}

interface WorkPractices {
  blocks: Block[];
  title: string;
  /** The "Optional Qual Card Items" heading and the first work-practices table. */
  heading: number;
  firstTable: number;
}

/** Optional work practices: "Level N: Work Practices" tables (heading split over lines at Level 2). */
function readWorkPractices(doc: Doc): WorkPractices {
  const wpHeadings = doc.find(WP_HEADING);
  const optionalHeading = doc
    .find(/^Optional Qual Card Items\b/)
    .filter((n) => n < (wpHeadings[0] ?? 0))
    .pop();
  if (optionalHeading === undefined)
    doc.fail(wpHeadings[0] ?? doc.last, 'work practices without an "Optional Qual Card Items" heading');
  const blocks: Block[] = [];
  let title = '';
  for (const [i, h] of wpHeadings.entries()) {
    const [, lv, rest] = WP_HEADING.exec(doc.line(h))!;
    let name = rest!;
    if (!name) {
      let k = h + 1;
      while (isBlank(doc.line(k))) k++;
      name = clean(doc.line(k));
    }
    if (name !== 'Work Practices') doc.fail(h, `Level ${lv} optional table is "${name}", expected Work Practices`);
    title = name;
    const to = (wpHeadings[i + 1] ?? doc.last + 1) - 1;
    blocks.push(...readItems(doc, h, to, Number(lv), () => 0));
  }
  return { blocks, title, heading: optionalHeading, firstTable: wpHeadings[0]! };
}

/** The "Certification Requirements - Level N" lists. */
function readCertifications(doc: Doc): Map<number, NamedInput[]> {
  const certs = new Map<number, NamedInput[]>();
  for (const n of doc.find(CERT_HEADING)) {
    const level = Number(CERT_HEADING.exec(doc.line(n))![1]);
    certs.set(
      level,
      readList(doc, n).map(({ title: t, line }) => ({ id: slugId(t), title: t, source: doc.ref(line, line) })),
    );
  }
  return certs;
}

interface Courses {
  courses: Map<number, CourseInput[]>;
  /** Lines of each "<Recommended|Optional> <level>" heading, to name an empty list's heading in a note. */
  iltHeadings: Map<string, number[]>;
}

/** The "Recommended/Optional Instructor Led Training - Level N" lists, per level. */
function readCourses(doc: Doc): Courses {
  const courses = new Map<number, CourseInput[]>();
  const iltHeadings = new Map<string, number[]>();
  for (const n of doc.find(ILT_HEADING)) {
    const [, kind, lv] = ILT_HEADING.exec(clean(doc.line(n)))!;
    const key = `${kind} ${lv}`;
    iltHeadings.set(key, [...(iltHeadings.get(key) ?? []), n]);
    const list = courses.get(Number(lv)) ?? [];
    for (const c of readList(doc, n))
      list.push({ title: c.title, kind: kind!.toLowerCase() as CourseInput['kind'], source: doc.ref(c.line, c.line) });
    courses.set(Number(lv), list);
  }
  return { courses, iltHeadings };
}

/** Everything a level's requirements are read from. */
interface LevelParts extends Courses {
  table: Table1;
  workExperience: WorkExperience;
  coreBlocks: Block[];
  certs: Map<number, NamedInput[]>;
  /** Level -> the sign-off standard its qual card states. */
  standards: Map<number, NonNullable<LevelInput['signOffStandard']>>;
}

/**
 * A level from its Table 1 row. The row's item count must match its qual card; its certifications cell is
 * only a summary, so the level's "Certification Requirements" section is used instead (noted).
 */
function levelFromRow(doc: Doc, row: TableRow, parts: LevelParts, notes: string[]): LevelInput {
  const { cols } = parts.table;
  const cell = (h: string) => row.cells.get(h)!;
  const core = parts.coreBlocks.filter((b) => b.level === row.level).length;
  const stated = Number(/^(\d+)\s+items?$/.exec(cell(cols.items).text)?.[1] ?? NaN);
  if (Number.isNaN(stated)) doc.fail(cell(cols.items).source.lines[0], 'item count is not "<n> items"');
  if (stated !== core)
    doc.fail(row.source.lines[0], `Table 1 states ${stated} items for Level ${row.level}, the qual card has ${core}`);
  const levelCerts = parts.certs.get(row.level);
  if (!levelCerts?.length)
    doc.fail(row.source.lines[0], `no "Certification Requirements - Level ${row.level}" section`);
  notes.push(
    `Table 1 lists Level ${row.level} certifications as "${cell(cols.certs).text}"; the certifications are taken from the "Certification Requirements - Level ${row.level}" section (lines ${levelCerts[0]!.source!.lines[0]}-${levelCerts[levelCerts.length - 1]!.source!.lines[1]}).`,
  );
  const exam = cell(cols.exams);
  // Every sentence about the level ("Completion of level 2 signifies ... Completion of level 2 also indicates ...").
  const desc = sentences(
    doc.src.lines.slice(doc.start - 1, parts.table.rows[0]!.source.lines[0]).join(' '),
    new RegExp(`ompletion of level ${row.level} (also )?(indicates|signifies)`, 'i'),
  );
  const standard = parts.standards.get(row.level);
  const we = parts.workExperience;
  return {
    id: `L${row.level}`,
    title: row.title,
    ...(desc ? { description: clean(desc) } : {}),
    ...(standard ? { signOffStandard: standard } : {}),
    requirements: {
      hours: [
        hours('related-instruction', cell(cols.classroom), doc),
        hours('on-the-job-learning', cell(cols.ojl), doc),
        {
          category: 'work-experience',
          hours: we.hours,
          ...(we.where ? { note: clean(we.where) } : {}),
          source: doc.ref(we.line, we.line),
        },
      ],
      // Each level has its own course exams, so the id names the level.
      exams: [{ id: `L${row.level}-${slugId(exam.text)}`, title: exam.text, source: exam.source }],
      certifications: levelCerts,
      courses: parts.courses.get(row.level) ?? [],
      statedItemCount: stated,
    },
    source: row.source,
  };
}

/** A level without recommended or optional courses is noted, naming the empty list's heading if there is one. */
function missingCourseNotes({ table, courses, iltHeadings }: LevelParts): string[] {
  const notes: string[] = [];
  for (const row of table.rows)
    for (const kind of ['Recommended', 'Optional'] as const) {
      if (!(courses.get(row.level) ?? []).some((c) => c.kind === kind.toLowerCase())) {
        const at = iltHeadings.get(`${kind} ${row.level}`) ?? [];
        notes.push(
          `The document lists no ${kind.toLowerCase()} Instructor Led Training courses for Level ${row.level}${at.length ? ` (heading only, line ${at.join(', ')})` : ''}.`,
        );
      }
    }
  return notes;
}

/** One work function per CWF, with its items of every level in level then document order. */
function qualCardWorkFunctions(doc: Doc, cards: QualCards): WorkFunctionInput[] {
  return [...cards.wfTitles.entries()]
    .sort(([a], [b]) => a - b)
    .map(([num, wf]) => ({
      id: `CWF${num}`,
      title: wf.title,
      core: 'core',
      items: cards.blocks
        .filter((b) => b.wf === num)
        .sort((a, b) => a.level - b.level || a.firstLine - b.firstLine)
        .map((b) => toItem(b, 'core')),
      source: doc.ref(wf.line, wf.line),
    }));
}

/** The optional work practices' work function, when there are any; blank ones are sponsor-definable slots. */
function workPractices(
  doc: Doc,
  practices: WorkPractices,
  notes: string[],
): { workFunction?: WorkFunctionInput; slots: SlotInput[] } {
  const slots: SlotInput[] = practices.blocks.filter(isEmptyBlock).map((b) => ({
    id: b.id,
    kind: 'item',
    levels: [`L${b.level}`],
    workFunctionId: 'WP',
    core: 'optional',
    source: b.source,
  }));
  if (!practices.blocks.length) return { slots };
  notes.push(
    'The document does not say how many optional work-practice items a level needs; they count toward no level requirement. Blank Level 3 work practices are sponsor-definable slots.',
  );
  const workFunction: WorkFunctionInput = {
    id: 'WP',
    title: practices.title,
    core: 'optional',
    items: practices.blocks.filter((b) => !isEmptyBlock(b)).map((b) => toItem(b, 'optional')),
    source: doc.ref(practices.heading, practices.firstTable),
  };
  return { workFunction, slots };
}

/** Occupation codes: the guide repeats the O*NET/RAPIDS line on every schedule page, not always with the same code. */
function readOccupation(doc: Doc, notes: string[]): NonNullable<FrameworkInput['occupation']> {
  const codeLines = doc.find(ONET).map((n) => ({ n, m: ONET.exec(doc.line(n))! }));
  const onetCodes = [...new Set(codeLines.map((c) => c.m[1]!))];
  const rapidsCodes = [...new Set(codeLines.map((c) => c.m[2]!))];
  if (onetCodes.length > 1) {
    const where = onetCodes.map(
      (code) =>
        `${code} (line ${codeLines
          .filter((c) => c.m[1] === code)
          .map((c) => c.n)
          .join(', ')})`,
    );
    notes.push(
      `The document gives more than one O*NET-SOC code for Help Desk Technician: ${where.join('; ')}. All are kept.`,
    );
  }
  // The occupation's title is the first line of Appendix A.
  const appendixA = doc.findOne(/^Appendix A\s*$/, 'Appendix A');
  let occ = appendixA + 1;
  while (isBlank(doc.line(occ))) occ++;
  return { title: clean(doc.line(occ)), onetCodes, rapidsCodes, jobTitles: [] };
}

/** Program: the text calls the levels cumulative; it never names a program type or a duration. */
function readProgram(doc: Doc): NonNullable<FrameworkInput['program']> {
  const cumulativeLine = doc.find(/levels[^.]*reflect cumulative/i)[0];
  const certLine = doc.find(/NITAS Certification titled/)[0];
  const certificationNote = certLine ? sentence(clean(doc.line(certLine)), /NITAS Certification titled/) : undefined;
  return {
    levelsCumulative: cumulativeLine !== undefined,
    ...(certificationNote ? { certificationNote, certificationNoteSource: doc.ref(certLine!, certLine!) } : {}),
    ...(cumulativeLine ? { source: doc.ref(cumulativeLine, cumulativeLine) } : {}),
  };
}

/** The sponsor-competencies note, the missing program type, and the prior-credit rules kept verbatim. */
function closingNotes(doc: Doc, table: Table1): string[] {
  const notes: string[] = [];
  const sponsorNote = doc.find(/^Note: company-specific competencies/i)[0];
  if (sponsorNote) notes.push(`${clean(doc.line(sponsorNote))} (line ${sponsorNote}).`);
  notes.push(
    'The document states no program type (time-based, competency-based or hybrid) and no duration: it requires hours (Table 1, work experience) and qual card sign-offs together.',
  );
  // Prior-credit and hour-counting rules have no field of their own; keep them verbatim as notes.
  const tableEnd = table.rows[table.rows.length - 1]!.source.lines[1];
  const credentials = doc.find(/^Apprenticeship Credentials\b/, tableEnd)[0] ?? tableEnd;
  for (const n of doc.find(/\b(credit|can be applied)\b/i, tableEnd + 1, credentials)) {
    notes.push(`Prior credit / hours rule (line ${n}): ${clean(doc.line(n))}`);
  }
  return notes;
}
