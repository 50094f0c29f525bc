// The same sheet plans as an .xlsx workbook (exceljs): a qual card workbook for sponsors who work in Excel
// and a preview of what the add-on generates. Kept out of ./index so the add-on bundle has no exceljs.
import ExcelJS from 'exceljs';
import { type Cell, type ConditionalText, type SheetPlan, STYLES, type StyleName, type Validation } from './plan';
import { argb, xlsxTextRule } from './xlsx-format';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function cellValue(v: Cell): ExcelJS.CellValue {
  if (typeof v === 'string' && v.startsWith('=')) return { formula: v.slice(1) } as ExcelJS.CellFormulaValue;
  if (typeof v === 'string' && ISO.test(v)) return new Date(`${v}T00:00:00Z`);
  return v;
}

function validation(v: Validation, address: string): ExcelJS.DataValidation {
  const help =
    'help' in v
      ? { showInputMessage: true, prompt: v.help.slice(0, 255), showErrorMessage: true, error: v.help.slice(0, 255) }
      : {};
  switch (v.kind) {
    case 'checkbox':
      return { type: 'list', allowBlank: true, formulae: ['"TRUE,FALSE"'] };
    case 'date':
      return {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date('1990-01-01T00:00:00Z')],
        ...help,
      };
    case 'number':
      return { type: 'decimal', operator: 'between', allowBlank: true, formulae: [v.min, v.max], ...help };
    // Excel caps an inline list at 255 characters; a longer list is left to the sheet's own check.
    case 'list':
      return v.values.join(',').length < 250
        ? { type: 'list', allowBlank: true, formulae: [`"${v.values.join(',').replace(/"/g, '')}"`], ...help }
        : {
            type: 'custom',
            allowBlank: true,
            formulae: ['TRUE'],
            ...help,
            prompt: `${v.help} (${v.values.length} choices, see the add-on)`.slice(0, 255),
          };
    case 'email':
      return { type: 'custom', allowBlank: true, formulae: [`ISNUMBER(SEARCH("@",${address}))`], ...help };
    case 'formula':
      return {
        type: 'custom',
        allowBlank: true,
        formulae: [v.formula.replace(/^=/, '').replace(/REGEXMATCH\([^)]*\)/g, 'TRUE')],
        ...help,
      };
  }
}

function style(cell: ExcelJS.Cell, name: StyleName): void {
  const s = STYLES[name];
  cell.font = {
    bold: s.bold,
    italic: s.italic,
    size: s.fontSize,
    ...(s.color ? { color: { argb: argb(s.color) } } : {}),
  };
  if (s.background) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.background) } };
  if (s.numberFormat) cell.numFmt = s.numberFormat;
  cell.alignment = { wrapText: s.wrap, ...(s.align ? { horizontal: s.align } : {}), vertical: 'top' };
}

/** Every sheet prints landscape, one page wide, with its frozen header rows repeated on each page. */
export const printSetup = (plan: SheetPlan): Partial<ExcelJS.PageSetup> => ({
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  ...(plan.frozenRows ? { printTitlesRow: `1:${plan.frozenRows}` } : {}),
});

export function addPlan(workbook: ExcelJS.Workbook, plan: SheetPlan): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(plan.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), {
    views:
      plan.frozenRows || plan.frozenColumns
        ? [{ state: 'frozen', ySplit: plan.frozenRows, xSplit: plan.frozenColumns ?? 0 }]
        : [],
    pageSetup: printSetup(plan),
  });
  plan.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = Math.max(4, Math.round(w / 7));
  });
  for (const c of plan.hiddenColumns) ws.getColumn(c).hidden = true;
  const g = plan.collapsedColumns;
  for (let c = g?.col ?? 0; g && c < g.col + g.cols; c += 1) {
    ws.getColumn(c).outlineLevel = 1;
    ws.getColumn(c).hidden = true;
  }
  writeCells(ws, plan);
  fitWrappedRows(ws, plan);
  for (const p of plan.protections) {
    const note = `Protected: ${p.description}`;
    ws.getCell(p.area.row - 1 > 0 ? p.area.row - 1 : 1, p.area.col).note = note;
  }
  for (const c of plan.conditional) ws.addConditionalFormatting(conditionalFormat(ws, c));
  return ws;
}

function writeCells(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  for (const [r, row] of plan.cells.entries()) {
    for (const [c, v] of row.entries()) {
      const s = plan.styles[r]![c];
      const val = plan.validations[r]![c];
      if (v === null && !s && !val) continue;
      const cell = ws.getCell(r + 1, c + 1);
      if (v !== null && v !== '') cell.value = cellValue(v);
      if (s) style(cell, s);
      else cell.alignment = { vertical: 'top' };
      if (val) cell.dataValidation = validation(val, cell.address);
    }
  }
}

/** Excel and LibreOffice do not grow wrapped rows on load: estimate the lines each wrapped cell needs. */
function fitWrappedRows(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  const g = plan.collapsedColumns;
  const hidden = new Set([...plan.hiddenColumns, ...(g ? Array.from({ length: g.cols }, (_, i) => g.col + i) : [])]);
  for (const [r, row] of plan.cells.entries()) {
    let lines = 1;
    for (const [c, v] of row.entries()) {
      const s = plan.styles[r]![c];
      if (hidden.has(c + 1)) continue; // a collapsed column does not set the row's height
      if (!s || !STYLES[s as StyleName].wrap || typeof v !== 'string' || v.startsWith('=')) continue;
      const perLine = Math.max(8, Math.floor((plan.columnWidths[c] ?? 100) / 6.5));
      lines = Math.max(lines, Math.ceil(v.length / perLine));
    }
    if (lines > 1) ws.getRow(r + 1).height = Math.min(409, 15 * lines);
  }
}

function conditionalFormat(ws: ExcelJS.Worksheet, c: ConditionalText): ExcelJS.ConditionalFormattingOptions {
  const ref = `${ws.getCell(c.area.row, c.area.col).address}:${ws.getCell(c.area.row + c.area.rows - 1, c.area.col + c.area.cols - 1).address}`;
  return { ref, rules: [xlsxTextRule(c)] };
}

/**
 * Renders plans into one workbook. Formulas refer to other sheets by the plan names, so plans whose names
 * exceed Excel's 31 characters are renamed and their references rewritten.
 */
export async function renderPlansToXlsx(plans: SheetPlan[]): Promise<Buffer> {
  const names = excelNames(plans.map((p) => p.name));
  const renamed = plans.map((p, i) => (names[i] === p.name ? p : { ...p, name: names[i]! }));
  const rewrite = (v: Cell): Cell => {
    if (typeof v !== 'string' || !v.startsWith('=')) return v;
    return plans.reduce(
      (s, p, i) => s.split(`'${p.name.replace(/'/g, "''")}'!`).join(`'${names[i]!.replace(/'/g, "''")}'!`),
      v,
    );
  };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Qualcard';
  workbook.created = new Date(0);
  for (const p of renamed) addPlan(workbook, { ...p, cells: p.cells.map((r) => r.map(rewrite)) });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Excel sheet names: at most 31 characters, unique, none of \ / ? * [ ] :. An apostrophe becomes ’: exceljs writes
 * the print titles' reference without doubling it ('O'Brien'!$1:$3), which LibreOffice and Excel reject.
 */
export function excelNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const clean = n.replace(/[\\/?*[\]:]/g, ' ').replace(/'/g, '’');
    let candidate = clean.slice(0, 31);
    for (let k = 2; used.has(candidate.toLowerCase()); k += 1)
      candidate = `${clean.slice(0, 31 - String(k).length - 1)}~${k}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
