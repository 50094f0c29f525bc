// Opens an .xlsx in LibreOffice headless (a real spreadsheet application) and returns every sheet as CSV rows.
// The CSV filter's last token (-1) writes one file per sheet: <name>-<Sheet>.csv.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '@qualcard/shared';

const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

export function sheetsViaLibreOffice(xlsx: Buffer): Record<string, string[][]> {
  return booksViaLibreOffice([xlsx])[0]!;
}

/** Several workbooks in one LibreOffice run (its start-up is most of the time): their sheets, in order. */
export function booksViaLibreOffice(books: Buffer[]): Record<string, string[][]>[] {
  const dir = mkdtempSync(join(tmpdir(), 'qualcard-lo-'));
  try {
    const files = books.map((xlsx, i) => {
      const file = join(dir, `book${i}.xlsx`);
      writeFileSync(file, xlsx);
      return file;
    });
    // A private profile so parallel runs do not fight over LibreOffice's user installation lock.
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        CSV_ALL_SHEETS,
        '--outdir',
        join(dir, 'csv'),
        ...files,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const out: Record<string, string[][]>[] = books.map(() => ({}));
    for (const file of readdirSync(join(dir, 'csv'))) {
      const [, index, sheet] = /^book(\d+)-(.*)\.csv$/.exec(file)!;
      out[Number(index)]![sheet!] = parseCsv(readFileSync(join(dir, 'csv', file), 'utf8'));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows of a table sheet as objects keyed by the header row (`headerRow` is 0-based). */
export function tableRows(rows: string[][], headerRow = 0): Record<string, string>[] {
  const header = rows[headerRow] ?? [];
  return rows
    .slice(headerRow + 1)
    .filter((r) => r.some((c) => c !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
