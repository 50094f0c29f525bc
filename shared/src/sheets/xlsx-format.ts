// A plan's text rule as an exceljs conditional-formatting rule. Types only from exceljs, so the functions can use
// it without loading exceljs before a workbook is written; ./xlsx and functions/src/excel share this one shape.
import type { ConditionalFormattingOptions, ConditionalFormattingRule } from 'exceljs';
import { STATUS_TEXT_FORMATS } from './apprentice-status';
import type { ConditionalText } from './plan';

export const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;

/**
 * "Cell equals this text", as Sheets' whenTextEqualTo. A cellIs rule, not containsText: exceljs writes containsText
 * without its `text` attribute, which LibreOffice reads as "contains nothing", so every non-empty cell matched.
 */
export function xlsxTextRule(c: Omit<ConditionalText, 'area'>, priority = 1): ConditionalFormattingRule {
  return {
    type: 'cellIs',
    operator: 'equal',
    formulae: [`"${c.textEquals.replace(/"/g, '""')}"`],
    priority,
    style: {
      fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(c.background) } },
      ...(c.color ? { font: { color: { argb: argb(c.color) } } } : {}),
    },
  };
}

/** The status rules over an A1 range of an exceljs worksheet (e.g. "D2:D40"). */
export const xlsxStatusFormatting = (ref: string): ConditionalFormattingOptions => ({
  ref,
  rules: STATUS_TEXT_FORMATS.map((f, i) => xlsxTextRule(f, i + 1)),
});
