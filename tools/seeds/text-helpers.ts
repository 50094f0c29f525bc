// Shared helpers for the DOL-style seed parsers (IT Generalist, IT support WPS, CTS):
// tab-cell access, line lookup, source references and the work-process-schedule layout.

import type { SourceRef } from '../../shared/src/model/framework';
import { clean, type SourceDoc } from './source';

/** The tab-separated cells of a line (raw, not cleaned). */
export function cells(line: string): string[] {
  return line.split('\t');
}

/** Cleaned cell text, '' when the cell is missing. */
export function cell(line: string, index: number): string {
  return clean(cells(line)[index] ?? '');
}

/** Cleaned, non-empty cells of a line. */
export function filledCells(line: string): string[] {
  return cells(line)
    .map(clean)
    .filter((c) => c !== '');
}

/** Line at a 0-based index; throws rather than returning undefined so callers stay simple. */
export function lineAt(doc: SourceDoc, index: number): string {
  const line = doc.lines[index];
  if (line === undefined) throw new Error(`${doc.document}: no line ${index + 1}`);
  return line;
}

/** Source reference for 0-based line indexes [start, end] (stored 1-based, inclusive). */
export function sourceRef(doc: SourceDoc, start: number, end = start): SourceRef {
  return { document: doc.document, lines: [start + 1, end + 1] };
}

/** 0-based index of the first line at or after `from` (and before `to`) matching `pattern`, or -1. */
export function findLine(doc: SourceDoc, pattern: RegExp, from = 0, to = doc.lines.length): number {
  for (let i = from; i < to; i++) if (pattern.test(lineAt(doc, i))) return i;
  return -1;
}

/** Like findLine, but a missing line is a parse error naming what was expected. */
export function requireLine(doc: SourceDoc, pattern: RegExp, what: string, from = 0, to = doc.lines.length): number {
  const i = findLine(doc, pattern, from, to);
  if (i < 0) throw new Error(`${doc.document}: ${what} not found (expected a line matching ${pattern})`);
  return i;
}

/** Text after a "Label:" prefix on a line, cleaned; '' if the label has no text. */
export function afterLabel(line: string, label: string): string {
  const at = line.indexOf(label);
  if (at < 0) throw new Error(`label "${label}" not on line: ${clean(line)}`);
  return clean(line.slice(at + label.length));
}

/** Cleaned text with markers that are layout, not content, rejected. */
export function statement(raw: string, where: string): string {
  const text = clean(raw);
  if (text === '') throw new Error(`${where}: empty text`);
  if (/\[illegible\]|Performance Standards/.test(text)) throw new Error(`${where}: layout debris in text "${text}"`);
  return text;
}

export type Mark = 'core' | 'optional';

/** "Core" / "Optional" cell value -> mark; '' -> undefined; anything else is an error. */
export function coreOptionalMark(value: string, where: string): Mark | undefined {
  if (value === '') return undefined;
  if (/^core$/i.test(value)) return 'core';
  if (/^optional$/i.test(value)) return 'optional';
  throw new Error(`${where}: expected Core or Optional, found "${value}"`);
}

// ---- Work process schedule header (001's embedded WPS and 002) ----

export interface WpsHeader {
  occupationTitle?: string;
  onetCode?: string;
  programType?: 'time-based' | 'competency-based' | 'hybrid';
  durationMonths?: { minimum?: number; expected?: number; maximum?: number };
  certificationNote?: string;
  /** 0-based [first, last] line of the header block. */
  lines: [number, number];
}

/** Reads the block from "WORK PROCESS SCHEDULE" to the "Required Certifications:" line. */
export function parseWpsHeader(doc: SourceDoc, from = 0): WpsHeader {
  const start = requireLine(doc, /^WORK PROCESS SCHEDULE/, 'WORK PROCESS SCHEDULE heading', from);
  const tableHeader = requireLine(doc, /^JOB FUNCTION\t/, 'JOB FUNCTION table header', start);
  const header: WpsHeader = { lines: [start, tableHeader - 1] };
  // The occupation title sits in the heading cells and may wrap onto the next line (001).
  const titleParts: string[] = [];
  for (let i = start; i < tableHeader; i++) {
    const line = lineAt(doc, i);
    if (/^(Job Title|Apprenticeship Type|Minimum Time Requirements|Required Certifications):/.test(line)) break;
    for (const c of filledCells(line)) {
      const onet = /^ONET Code (\S+)$/.exec(c);
      if (onet) header.onetCode = onet[1];
      else titleParts.push(c.replace(/^WORK PROCESS SCHEDULE\s*/, ''));
    }
  }
  const title = clean(titleParts.join(' '));
  if (title) header.occupationTitle = title;
  for (let i = start; i < tableHeader; i++) {
    const line = lineAt(doc, i);
    if (line.startsWith('Apprenticeship Type:')) {
      const type = afterLabel(line, 'Apprenticeship Type:').toLowerCase();
      if (type.startsWith('competency')) header.programType = 'competency-based';
      else if (type.startsWith('time')) header.programType = 'time-based';
      else if (type.startsWith('hybrid')) header.programType = 'hybrid';
      else throw new Error(`${doc.document} line ${i + 1}: unknown apprenticeship type "${type}"`);
    } else if (line.startsWith('Minimum Time Requirements:')) {
      const text = afterLabel(line, 'Minimum Time Requirements:');
      const range = /from (\d+) to (\d+) months/.exec(text);
      const expected = /require (\d+) months/.exec(text);
      if (!range) throw new Error(`${doc.document} line ${i + 1}: no "from N to M months" in time requirements`);
      header.durationMonths = { minimum: Number(range[1]), maximum: Number(range[2]) };
      if (expected) header.durationMonths.expected = Number(expected[1]);
    } else if (line.startsWith('Required Certifications:')) {
      header.certificationNote = afterLabel(line, 'Required Certifications:');
    }
  }
  return header;
}

export interface WpsTask {
  text: string;
  mark?: Mark;
  line: number;
}
export interface WpsJobFunction {
  number: number;
  title: string;
  mark?: Mark;
  line: number;
  lastLine: number;
  tasks: WpsTask[];
}

/**
 * Reads the WPS table: "JOB FUNCTION n: title ... Core|Optional" rows followed by task rows whose first
 * filled cell after the text is Core / Optional / empty. Column positions drift between rows, so the
 * mark is taken as the first filled cell after the text. Stops at `to` or an "[illegible]" page break.
 */
export function parseWpsTable(doc: SourceDoc, from: number, to = doc.lines.length): WpsJobFunction[] {
  const out: WpsJobFunction[] = [];
  for (let i = from; i < to; i++) {
    const line = lineAt(doc, i);
    if (/^\[illegible\]/.test(line)) break;
    const filled = filledCells(line);
    const first = filled[0];
    if (first === undefined || /^JOB FUNCTION$/.test(first)) continue;
    const where = `${doc.document} line ${i + 1}`;
    if (filled.length > 2) throw new Error(`${where}: unexpected cells ${JSON.stringify(filled)}`);
    const mark = coreOptionalMark(filled[1] ?? '', where);
    const heading = /^JOB FUNCTION (\d+):\s*(.*)$/.exec(first);
    if (heading) {
      out.push({
        number: Number(heading[1]),
        title: statement(heading[2] ?? '', where),
        mark,
        line: i,
        lastLine: i,
        tasks: [],
      });
      continue;
    }
    const fn = out[out.length - 1];
    if (!fn) throw new Error(`${where}: task before any JOB FUNCTION heading`);
    fn.tasks.push({ text: statement(first, where), mark, line: i });
    fn.lastLine = i;
  }
  return out;
}
