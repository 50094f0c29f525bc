// What a generated sheet already holds, read back by row key (column A) and header text, never by
// position: regenerating keeps every tick, typed value, hours row and Confirmation cell. Dates arrive as YYYY-MM-DD
// strings (the adapter converts Date cells in the spreadsheet's time zone).

import template from '../../../templates/hours.json';
import { columnsFromHeader, type QualCardColumn, type TextKey } from './columns';
import type { HoursColumn } from './hours';
import type { Cell } from './plan';

export interface KeptSignOff {
  /** The original row key: item:<id>, exam:<level>:<id> or cert:<level>:<id>. */
  key: string;
  signed: boolean;
  date: string;
  signedBy: string;
  evidence: string;
  notes: string;
  /** The Confirmation cell as Qualcard last wrote it (kept until the service says otherwise). */
  confirmation: string;
  /** What the row said, shown again if the row is archived. */
  label: string;
  texts: Partial<Record<TextKey, string>>;
}
export interface ExistingQualCard {
  rows: Map<string, KeptSignOff>;
}

export interface HoursRow {
  key: string;
  date: string;
  category: string;
  workFunction: string;
  hours: number | string;
  description: string;
  verifiedBy: string;
  /** The Confirmation cell as Qualcard last wrote it. */
  confirmation: string;
}
export interface ExistingHours {
  rows: HoursRow[];
}

const text = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const isTrue = (v: Cell | undefined): boolean => v === true || text(v).toUpperCase() === 'TRUE';

export function readQualCard(grid: Cell[][]): ExistingQualCard {
  const rows = new Map<string, KeptSignOff>();
  const headerIndex = grid.findIndex((r) => text(r[0]) === 'columns');
  if (headerIndex < 0) return { rows };
  const cols = columnsFromHeader(grid[headerIndex]!);
  const get = (r: Cell[], c: QualCardColumn): Cell | undefined => (cols.has(c) ? r[cols.get(c)!] : undefined);
  for (const r of grid) {
    const raw = text(r[0]);
    const archived = raw.startsWith('archived:');
    const key = archived ? raw.slice('archived:'.length) : raw;
    if (!/^(item|exam|cert):/.test(key)) continue;
    const texts: Partial<Record<TextKey, string>> = {};
    for (const t of ['competency', 'do', 'know', 'exit', 'statement'] as TextKey[]) {
      const v = text(get(r, `text:${t}`));
      if (v) texts[t] = v;
    }
    rows.set(key, {
      key,
      signed: isTrue(get(r, 'signed')),
      date: text(get(r, 'signedDate')),
      signedBy: text(get(r, 'signedBy')),
      evidence: text(get(r, 'evidence')),
      notes: text(get(r, 'notes')),
      confirmation: text(get(r, 'confirmation')),
      label: text(get(r, 'item')),
      texts,
    });
  }
  return { rows };
}

/** True when a row carries something a person entered (so it must never be dropped). */
export const hasData = (s: KeptSignOff): boolean =>
  s.signed || !!(s.date || s.signedBy || s.evidence || s.notes || s.confirmation);

/** True when an hours row holds something a person typed (a row with only a Confirmation cell is not synced). */
export const hasTyped = (r: HoursRow): boolean =>
  !!(r.date || r.category || r.workFunction || r.hours !== '' || r.description || r.verifiedBy);

export function readHours(grid: Cell[][]): ExistingHours {
  const headerIndex = grid.findIndex((r) => text(r[0]).toLowerCase() === 'row key');
  if (headerIndex < 0) return { rows: [] };
  const header = grid[headerIndex]!.map((h) => text(h).toLowerCase());
  const index = new Map(template.columns.map((c) => [c.id as HoursColumn, header.indexOf(c.header.toLowerCase())]));
  const rows: HoursRow[] = [];
  for (const r of grid.slice(headerIndex + 1)) {
    const v = (id: HoursColumn): Cell | undefined => (index.get(id)! >= 0 ? r[index.get(id)!] : undefined);
    const row: HoursRow = {
      key: text(v('key')),
      date: text(v('date')),
      category: text(v('category')),
      workFunction: text(v('workFunction')),
      hours: typeof v('hours') === 'number' ? (v('hours') as number) : text(v('hours')),
      description: text(v('description')),
      verifiedBy: text(v('verifiedBy')),
      confirmation: text(v('confirmation')),
    };
    if (hasTyped(row) || row.confirmation) rows.push(row);
  }
  return { rows };
}
