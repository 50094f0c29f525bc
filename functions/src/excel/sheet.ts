// Worksheet helpers shared by the transcript and the cohort report: a styled header row, column widths, a frozen
// header, print titles and a page setup that prints cleanly on A4 or Letter (fit to one page wide).
import type { AddWorksheetOptions, Cell, Worksheet } from 'exceljs';

export interface Column {
  header: string;
  key: string;
  width: number;
  numFmt?: string;
  wrap?: boolean;
}

export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } } as const;

/**
 * Options for addWorksheet: the streaming writer only takes views and page setup at creation. `printArea` (e.g.
 * "A1:P40") keeps hidden machine columns (ids) off the printed page: LibreOffice's PDF carries a hidden column's text.
 */
export function sheetOptions(title: string, headerRow = 1, printArea?: string): Partial<AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: {
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      printTitlesRow: `${headerRow}:${headerRow}`,
      ...(printArea ? { printArea } : {}),
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L&B${escapeHeader(title)}&R&A`,
      oddFooter: '&LQualcard&RPage &P of &N',
    } as AddWorksheetOptions['headerFooter'],
  };
}

export function setupTable(ws: Worksheet, columns: Column[], headerRow = 1): void {
  ws.columns = columns.map((c) => ({
    key: c.key,
    width: c.width,
    style: { ...(c.numFmt ? { numFmt: c.numFmt } : {}), alignment: { vertical: 'top', wrapText: c.wrap ?? false } },
  }));
  columns.forEach((c, i) => {
    headerCell(ws.getRow(headerRow).getCell(i + 1), c.header);
  });
}

/** A header cell: bold on the header fill, ruled below. */
export function headerCell(cell: Cell, header: string): void {
  cell.value = header;
  cell.font = { bold: true };
  cell.fill = HEADER_FILL;
  cell.border = { bottom: { style: 'thin' } };
}

/** `&` starts a code in Excel headers and footers; double it to print it. */
const escapeHeader = (s: string): string => s.replace(/&/g, '&&');

/**
 * Sets a row's height from its longest wrapped text: spreadsheet applications do not all re-measure rows when
 * opening a file, and an unmeasured wrapped row prints over its neighbours.
 */
export function fitRowHeight(row: { getCell(i: number): { value: unknown }; height: number }, columns: Column[]): void {
  let lines = 1;
  columns.forEach((c, i) => {
    if (!c.wrap) return;
    const text = String(row.getCell(i + 1).value ?? '');
    const perLine = Math.max(1, Math.floor(c.width * 1.15));
    const n = text.split('\n').reduce((s, part) => s + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, n);
  });
  if (lines > 1) row.height = Math.min(409, 15 * lines);
}

/** Adds a row by column key, leaving blank values out: an empty cell costs nothing, an empty string does. */
export function addTableRow(ws: Worksheet, values: Record<string, string | number | undefined>): void {
  ws.addRow(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined)));
}
