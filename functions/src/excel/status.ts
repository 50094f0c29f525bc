// The apprentice status in the workbooks the functions write (transcript, cohort report): the label in the cell and
// conditional formats keyed on it, the same rules and colours as the Dashboard (shared/src/sheets). exceljs' streaming
// writer writes them too: it keeps the rules and writes them, with their styles, when the worksheet is committed.
import { xlsxStatusFormatting } from '@qualcard/shared/sheets/xlsx-format';
import type { Worksheet } from 'exceljs';

export { statusCells } from '@qualcard/shared/sheets/apprentice-status';

/** Colours the status labels in `ref` (an A1 range, e.g. "D2:D40"); call before a streamed worksheet is committed. */
export function addStatusFormatting(worksheet: Worksheet, ref: string): void {
  worksheet.addConditionalFormatting(xlsxStatusFormatting(ref));
}
