// Prints workbooks as a person would: LibreOffice converts each to PDF (its page setup: orientation, fit to width,
// print area, repeated rows), then poppler's pdfinfo counts the pages and pdftotext reads them back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Printed {
  pages: number;
  /** The text of page `n` (1-based), laid out as printed. */
  page: (n: number) => string;
  /** Every page's text. */
  text: string;
}

/** Several workbooks in one LibreOffice run (its start-up is most of the time), in order. */
export function printViaLibreOffice(books: Buffer[]): Printed[] {
  const dir = mkdtempSync(join(tmpdir(), 'qualcard-pdf-'));
  try {
    const files = books.map((xlsx, i) => {
      const file = join(dir, `book${i}.xlsx`);
      writeFileSync(file, xlsx);
      return file;
    });
    // A private profile so parallel runs do not fight over LibreOffice's user installation lock.
    const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;
    execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      stdio: 'pipe',
      timeout: 180_000,
    });
    return books.map((_, i) => {
      const pdf = join(dir, `book${i}.pdf`);
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
      const read = (...range: string[]) =>
        execFileSync('pdftotext', ['-layout', ...range, pdf, '-'], { encoding: 'utf8' });
      const byPage = Array.from({ length: pages }, (_, n) => read('-f', String(n + 1), '-l', String(n + 1)));
      return { pages, page: (n) => byPage[n - 1] ?? '', text: byPage.join('\f') };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
