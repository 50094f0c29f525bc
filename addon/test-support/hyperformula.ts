// Evaluates sheet grids in HyperFormula (a dev dependency, GPL-3.0, tests only), with TRUE/FALSE named
// expressions for checkbox cells as Sheets has them.
import { HyperFormula } from 'hyperformula';
import type { Cell } from '../../shared/src/sheets';

export function evaluate(sheets: Record<string, Cell[][]>): HyperFormula {
  const hf = HyperFormula.buildFromSheets(
    Object.fromEntries(
      Object.entries(sheets).map(([name, grid]) => [name, grid.map((r) => r.map((c) => (c === '' ? null : c)))]),
    ),
    { licenseKey: 'gpl-v3', useWildcards: true },
    [
      { name: 'TRUE', expression: '=TRUE()' },
      { name: 'FALSE', expression: '=FALSE()' },
    ],
  );
  return hf;
}

export function valueAt(hf: HyperFormula, sheet: string, a1: string): unknown {
  const id = hf.getSheetId(sheet);
  if (id === undefined) throw new Error(`no sheet ${sheet}`);
  const addr = hf.simpleCellAddressFromString(a1, id);
  if (!addr) throw new Error(`bad address ${a1}`);
  return hf.getCellValue(addr);
}
