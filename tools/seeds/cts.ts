// 004: Customer Technical Support (CTS), a civil-service functional area. A table of "Knowledge of" and
// "Ability to" statements with an X per classification level, then one narrative per level.
import type { FrameworkInput } from '../../shared/src/model/framework';
import { optionalDefault } from './optional';
import { clean, type SourceDoc } from './source';
import { cells, filledCells, lineAt, requireLine, sourceRef, statement } from './text-helpers';

export const CTS_ID = 'customer-technical-support';

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5 };

/** "Assistant Information Technology Specialist" -> AITS; "Information Technology Specialist II" -> ITS2. */
export function levelIdFromTitle(title: string): string {
  const words = title.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const numeral = ROMAN[last];
  const base = (numeral ? words.slice(0, -1) : words).map((w) => w[0]?.toUpperCase() ?? '').join('');
  return numeral ? `${base}${numeral}` : base;
}

interface Row {
  text: string;
  levels: string[];
  start: number;
  end: number;
}
interface Section {
  heading: string;
  line: number;
  lastLine: number;
  rows: Row[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The classification levels, from the statement table's header: titles, ids and where each has its narrative. */
interface Levels {
  tableHeader: number;
  areaCell: string;
  titles: string[];
  ids: string[];
  /** The level (index) whose narrative heading is on line i, or -1. */
  headingOf: (i: number) => number;
}
interface Narrative {
  start: number;
  end: number;
  paragraphs: string[];
  suffix: string;
}

export function parseCustomerTechnicalSupport(doc: SourceDoc): FrameworkInput {
  const levels = readLevels(doc);
  const area = readArea(doc, levels);
  const table = readStatementTable(doc, levels);
  const narratives = readNarratives(doc, table.end, levels);
  const workFunctions = table.sections.map((s) => workFunction(doc, s));
  const optional = optionalDefault(workFunctions);
  return {
    id: CTS_ID,
    title: area.name,
    version: '1.0.0',
    sourceDocument: doc.document,
    levels: levels.titles.map((title, k) => {
      const n = narratives.get(k);
      if (!n || n.paragraphs.length === 0) throw new Error(`${doc.document}: no narrative for level ${title}`);
      return {
        id: levels.ids[k] ?? '',
        title,
        description: n.paragraphs.join(' '),
        requirements: {},
        source: sourceRef(doc, n.start, n.end),
      };
    }),
    program: { levelsCumulative: false, optionalWorkFunctionsDefault: optional.optionalWorkFunctionsDefault },
    workFunctions,
    notes: [...notes(area, table.sections, narratives, levels.titles), optional.note],
  };
}

function readLevels(doc: SourceDoc): Levels {
  const tableHeader = requireLine(doc, /^[A-Z ]+\t.+\t/, 'classification table header');
  const headerCells = cells(lineAt(doc, tableHeader)).map(clean);
  const titles = headerCells.slice(1).filter(Boolean);
  if (titles.length === 0)
    throw new Error(`${doc.document} line ${tableHeader + 1}: no classification levels in the table header`);
  const ids = titles.map(levelIdFromTitle);
  if (new Set(ids).size !== ids.length) throw new Error(`${doc.document}: level ids ${ids.join(', ')} are not unique`);
  const headingOf = (i: number): number =>
    titles.findIndex((t) => new RegExp(`^${escapeRegExp(t)}, \\(`).test(lineAt(doc, i)));
  return { tableHeader, areaCell: headerCells[0] ?? '', titles, ids, headingOf };
}

/** Title block above the table: "FUNCTIONAL AREA n", the area's name and its description. */
function readArea(doc: SourceDoc, levels: Levels): { name: string; number?: string; description: string } {
  const intro = [] as string[];
  for (let i = 0; i < levels.tableHeader; i++) {
    const t = clean(lineAt(doc, i));
    if (t) intro.push(t);
  }
  const name = intro.find((t) => /\(([A-Z]+)\)$/.test(t)) ?? clean(levels.areaCell);
  const number = intro.find((t) => /^FUNCTIONAL AREA \d+$/.test(t));
  const description = intro.filter((t) => t !== name && t !== number).join(' ');
  return { name, ...(number ? { number } : {}), description };
}

/** The statement table runs until the first level narrative heading; returns its sections and that line. */
function readStatementTable(doc: SourceDoc, levels: Levels): { sections: Section[]; end: number } {
  const sections: Section[] = [];
  let i = levels.tableHeader + 1;
  for (; i < doc.lines.length && levels.headingOf(i) < 0; i++) {
    const line = lineAt(doc, i);
    if (clean(line) !== '') readTableLine(doc, i, line, levels, sections);
  }
  if (sections.length === 0) throw new Error(`${doc.document}: no statement sections`);
  return { sections, end: i };
}

/** A section heading ("Knowledge of:"), a statement with its X marks, or the wrapped rest of a statement. */
function readTableLine(doc: SourceDoc, i: number, line: string, levels: Levels, sections: Section[]): void {
  const where = `${doc.document} line ${i + 1}`;
  const row = cells(line).map(clean);
  const marks = row.slice(1);
  if (marks.some((m) => m !== '' && m !== 'X'))
    throw new Error(`${where}: level columns must be X or empty, found ${JSON.stringify(marks)}`);
  const text = row[0] ?? '';
  const marked = levels.ids.filter((_, k) => marks[k] === 'X');
  const section = sections[sections.length - 1];
  if (marked.length === 0 && /:$/.test(text)) {
    sections.push({ heading: text.replace(/:$/, ''), line: i, lastLine: i, rows: [] });
    return;
  }
  if (!section) throw new Error(`${where}: statement before a "Knowledge of:" / "Ability to:" heading`);
  const previous = section.rows[section.rows.length - 1];
  if (marked.length === 0) {
    // A statement wrapped onto a later line keeps its X marks on the first line only.
    if (!previous || !/^[a-z]/.test(text)) throw new Error(`${where}: statement "${text}" has no level marked`);
    previous.text = `${previous.text} ${text}`;
    previous.end = i;
  } else {
    section.rows.push({ text, levels: marked, start: i, end: i });
  }
  section.lastLine = i;
}

/** Level narratives from line `from`: a heading "<level title>, (<area>)[ suffix]" followed by paragraphs. */
function readNarratives(doc: SourceDoc, from: number, levels: Levels): Map<number, Narrative> {
  const narratives = new Map<number, Narrative>();
  let current: Narrative | undefined;
  for (let i = from; i < doc.lines.length; i++) {
    const k = levels.headingOf(i);
    const text = clean(lineAt(doc, i));
    if (k >= 0) {
      if (narratives.has(k)) throw new Error(`${doc.document} line ${i + 1}: second narrative for ${levels.titles[k]}`);
      current = { start: i, end: i, paragraphs: [], suffix: clean(text.replace(/^.*?\)/, '')) };
      narratives.set(k, current);
    } else if (text && current) {
      current.paragraphs.push(statement(text, `${doc.document} line ${i + 1}`));
      current.end = i;
    }
  }
  return narratives;
}

/** A section is a work function; its id is the heading's first letter (K for "Knowledge of", A for "Ability to"). */
function workFunction(doc: SourceDoc, s: Section): FrameworkInput['workFunctions'][number] {
  const id = filledCells(s.heading)[0]?.[0]?.toUpperCase() ?? '';
  return {
    id,
    title: s.heading,
    items: s.rows.map((r, n) => ({
      id: `${id}${n + 1}`,
      levels: r.levels,
      texts: { statement: statement(r.text, `${doc.document} line ${r.start + 1}`) },
      core: 'core' as const,
      source: sourceRef(doc, r.start, r.end),
    })),
    source: sourceRef(doc, s.line, s.lastLine),
  };
}

/** What the document leaves open and how the import read it: joined statements, heading suffixes. */
function notes(
  area: { number?: string; description: string },
  sections: Section[],
  narratives: Map<number, Narrative>,
  levelTitles: string[],
): string[] {
  const notes = [
    'Each statement applies only to the classification levels marked X; it is core for each of those levels.',
    'The classification levels are separate civil-service classes, not cumulative levels.',
    'The document gives no hours, exams, certifications, occupation codes or program duration.',
  ];
  if (area.description)
    notes.push(
      `${area.number ? `${area.number.replace(/^FUNCTIONAL AREA/, 'Functional area')}: ` : ''}${area.description}`,
    );
  for (const s of sections) {
    for (const r of s.rows.filter((r) => r.end > r.start)) {
      notes.push(
        `The statement starting "${r.text.slice(0, 40)}" wraps onto line ${r.end + 1} without X marks; the two parts are joined.`,
      );
    }
  }
  for (const [k, n] of narratives) {
    if (n.suffix)
      notes.push(
        `The ${levelTitles[k]} narrative heading adds "${n.suffix}"; the document gives no other range for this level, so the level is recorded as ${levelTitles[k]}.`,
      );
  }
  return notes;
}
