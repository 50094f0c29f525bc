// Reading a source document: 1-based line numbers (so every fact can cite its lines) and text cleaning
// that strips tab runs, OCR debris and mojibake-free whitespace without changing the words.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

/** Where the source documents are: ../shared/seeds next to this repository, or QUALCARD_SEEDS_DIR when set. */
export const SEEDS_DIR = process.env.QUALCARD_SEEDS_DIR
  ? resolve(process.env.QUALCARD_SEEDS_DIR)
  : resolve(__dirname, '../../../shared/seeds');

export interface SourceDoc {
  document: string;
  lines: string[];
}

export function readSource(path: string): SourceDoc {
  // lines[0] is line 1 of the file.
  return { document: basename(path), lines: readFileSync(path, 'utf8').split(/\r?\n/) };
}

/** Collapse tabs and runs of spaces, trim. Every item text goes through this. */
export function clean(text: string): string {
  return text
    .replace(/[\t\u00a0]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
