// What the person selected: the active sheet's Qualcard tag (which apprentice's qual card or hours sheet) and the
// selected rows. Sign off, Attest and Ask my coach to confirm all start from a selection on one apprentice's sheet.
import type { SheetTag } from '@qualcard/shared/sheets';
import { tagKey } from './sheets/adapter';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The active sheet's tag when it is a sheet Qualcard generated for an apprentice (else null). */
export function activeApprenticeSheet(ss: Spreadsheet): { kind: 'qualcard' | 'hours'; apprenticeId: string } | null {
  const meta = ss
    .getActiveSheet()
    .getDeveloperMetadata()
    .find((m) => m.getKey().startsWith('qualcard.sheet.'));
  let tag: SheetTag | null = null;
  try {
    tag = meta ? (JSON.parse(meta.getValue() ?? '{}') as SheetTag) : null;
  } catch {
    return null;
  }
  if (!tag?.apprenticeId || meta?.getKey() !== tagKey(tag)) return null;
  return tag.kind === 'qualcard' || tag.kind === 'hours' ? { kind: tag.kind, apprenticeId: tag.apprenticeId } : null;
}

/** Selected rows (1-based) of the active range list. */
export function selectedRows(ss: Spreadsheet): Set<number> {
  const selected = new Set<number>();
  for (const r of ss.getActiveRangeList()?.getRanges() ?? [])
    for (let i = r.getRow(); i < r.getRow() + r.getNumRows(); i += 1) selected.add(i);
  return selected;
}

/** The row keys (first column) of the selected rows of a grid read from the active sheet. */
export function selectedKeys(ss: Spreadsheet, grid: readonly (readonly unknown[])[]): string[] {
  return [...selectedRows(ss)].map((r) => String(grid[r - 1]?.[0] ?? '').trim()).filter(Boolean);
}
