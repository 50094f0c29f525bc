// Worksheet helpers shared by the transcript and the cohort report: a styled header row, column widths, a frozen
// header, print titles and a page setup that prints cleanly on Letter or A4.
import type { Worksheet } from 'exceljs';

export interface Column { header: string; key: string; width: number; numFmt?: string; wrap?: boolean }

export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } } as const;

export function setupTable(ws: Worksheet, columns: Column[], title: string, headerRow = 1): void {
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width, style: { ...(c.numFmt ? { numFmt: c.numFmt } : {}), alignment: { vertical: 'top', wrapText: c.wrap ?? false } } }));
  const row = ws.getRow(headerRow);
  columns.forEach((c, i) => { row.getCell(i + 1).value = c.header; });
  row.font = { bold: true };
  row.eachCell((cell) => { cell.fill = HEADER_FILL; cell.border = { bottom: { style: 'thin' } }; });
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];
  ws.pageSetup = {
    orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddHeader: `&L&B${escapeHeader(title)}&R&A`, oddFooter: '&LQualcard&RPage &P of &N' };
}

/** `&` starts a code in Excel headers and footers; double it to print it. */
const escapeHeader = (s: string): string => s.replace(/&/g, '&&');
