// Generating (or regenerating) apprentices' qual card and hours sheets. The sidebar sends a few apprentices
// per call, so a cohort never runs near the 6-minute limit and the progress bar moves.

import type { Framework } from '@qualcard/shared';
import { planApprentice, type RosterRow, readHours, readQualCard } from '@qualcard/shared/sheets';
import { withLock } from './lock';
import { requireRoster } from './roster-io';
import { programFrameworks } from './settings';
import { findTagged, type LayoutCache, readValues, writePlan } from './sheets/adapter';
import type { GenerateResult } from './sidebar-api';

export function generateApprentices(apprenticeIds: string[]): GenerateResult[] {
  return withLock('Generate', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const frameworks = programFrameworks();
    const roster = requireRoster(ss, frameworks);
    const cache: LayoutCache = new Map();
    return apprenticeIds.map((id) => {
      const row = roster.find((r) => r.apprentice.id === id);
      if (!row) throw new Error(`Generate: apprentice "${id}" is not on the roster`);
      return generateOne(ss, frameworks.find((f) => f.id === row.apprentice.frameworkId)!, row, cache);
    });
  });
}

export function generateOne(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  framework: Framework,
  row: RosterRow,
  cache: LayoutCache,
): GenerateResult {
  const id = row.apprentice.id;
  const tagged = findTagged(ss, { apprenticeId: id });
  const q = tagged.get('qualcard');
  const h = tagged.get('hours');
  const tz = q || h ? ss.getSpreadsheetTimeZone() : '';
  // Read before writing anything: the merge keeps every sign-off, date, note and hours row by key.
  const plans = planApprentice(framework, row, {
    qualCard: q ? readQualCard(readValues(q.sheet, tz)) : null,
    hours: h ? readHours(readValues(h.sheet, tz)) : null,
  });
  const write = (
    plan: typeof plans.hours,
    existing?: GoogleAppsScript.Spreadsheet.Sheet,
  ): GoogleAppsScript.Spreadsheet.Sheet => {
    try {
      return writePlan(ss, plan, cache, existing);
    } catch (e) {
      throw new Error(
        `Generate ${id}: could not write "${plan.name}": ${(e as Error).message}. If another sheet has that name, rename it.`,
      );
    }
  };
  // Hours first: the qual card's formulas refer to the hours sheet by name.
  write(plans.hours, h?.sheet);
  write(plans.qualCard, q?.sheet);
  const archived = plans.qualCard.cells.filter((r) => String(r[0] ?? '').startsWith('archived:')).length;
  return {
    apprenticeId: id,
    name: row.apprentice.name,
    qualCard: plans.qualCard.name,
    hours: plans.hours.name,
    regenerated: !!(q || h),
    archived,
  };
}
