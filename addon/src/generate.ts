// Generating (or regenerating) apprentices' qual card and hours sheets. The sidebar sends a few apprentices
// per call, so a cohort never runs near the 6-minute limit and the progress bar moves. The sheets show the
// engine's numbers from the start: the service's after a sync of what they will hold (or, with no service set up,
// the engine run here), so a regenerated sheet never shows other numbers than the service.

import type { Framework, ProgramChoice, SheetRecord } from '@qualcard/shared';
import {
  type Cell,
  type ExistingHours,
  type ExistingQualCard,
  localView,
  type ProgressView,
  planApprentice,
  type RosterRow,
  readHours,
  readQualCard,
  recordFromSheets,
  type SyncBody,
} from '@qualcard/shared/sheets';
import { viewOf } from './apprentice-sheets';
import { withLock } from './lock';
import { programOf, programsToSync, readPrograms } from './program-settings';
import { sync, today } from './progress';
import { editorsOf, protectSheet, sponsorAdmins } from './protect';
import { requireRoster } from './roster-io';
import { programFrameworks, readSettings } from './settings';
import { findTagged, type LayoutCache, readValues, refreshSheet, type StoredTag, writePlan } from './sheets/adapter';
import type { GenerateResult } from './sidebar-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A generated sheet as it stands: kept in place when the new plan only changes its computed areas. */
interface ExistingSheet {
  sheet: Sheet;
  grid: Cell[][];
  tag: StoredTag;
  name: string;
}

/** An apprentice's sheets as they are before generating: what the merge keeps. */
interface Existing {
  row: RosterRow;
  framework: Framework;
  /** The sponsor's program for the framework. */
  program: ProgramChoice;
  qual?: ExistingSheet;
  hours?: ExistingSheet;
  kept: { qualCard: ExistingQualCard | null; hours: ExistingHours | null };
}

export function generateApprentices(apprenticeIds: string[]): GenerateResult[] {
  return withLock('Generate', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const frameworks = programFrameworks();
    const roster = requireRoster(ss, frameworks);
    const cache: LayoutCache = new Map();
    const programs = readPrograms();
    const existing = apprenticeIds.map((id) => {
      const row = roster.find((r) => r.apprentice.id === id);
      if (!row) throw new Error(`Generate: apprentice "${id}" is not on the roster`);
      const framework = frameworks.find((f) => f.id === row.apprentice.frameworkId)!;
      return readExisting(ss, framework, programOf(programs, framework), row);
    });
    const { views, note: syncNote } = viewsFor(ss, existing);
    const { admins, note: adminNote } = adminsFor();
    const note = [syncNote, adminNote].filter(Boolean).join('; ');
    return existing.map((e) => {
      const result = writeApprentice(ss, e, views.get(e.row.apprentice.id), cache, admins);
      return note ? { ...result, note } : result;
    });
  });
}

/** Generates one apprentice's sheets, showing `view` (none: the numbers say "not computed yet"). */
export function generateOne(
  ss: Spreadsheet,
  framework: Framework,
  row: RosterRow,
  cache: LayoutCache,
  view?: ProgressView,
): GenerateResult {
  const existing = readExisting(ss, framework, programOf(readPrograms(), framework), row);
  return writeApprentice(ss, existing, view, cache, adminsFor().admins);
}

/** The admins who may edit every apprentice's sheets; a service that cannot say leaves only the owner and runner. */
function adminsFor(): { admins: string[]; note?: string } {
  try {
    return { admins: sponsorAdmins(readSettings()) };
  } catch (err) {
    return {
      admins: [],
      note: `the sponsor's admins could not be read (${(err as Error).message}): only the apprentice, their coaches, the owner and you may edit their sheets`,
    };
  }
}

function readExisting(ss: Spreadsheet, framework: Framework, program: ProgramChoice, row: RosterRow): Existing {
  const tagged = findTagged(ss, { apprenticeId: row.apprentice.id });
  const tz = tagged.size ? ss.getSpreadsheetTimeZone() : '';
  const read = (kind: 'qualcard' | 'hours'): ExistingSheet | undefined => {
    const t = tagged.get(kind);
    return t && { sheet: t.sheet, tag: t.tag, grid: readValues(t.sheet, tz), name: t.sheet.getName() };
  };
  // Read before writing anything: the merge keeps every tick, typed value, hours row and confirmation by key.
  const q = read('qualcard');
  const h = read('hours');
  return {
    row,
    framework,
    program,
    ...(q ? { qual: q } : {}),
    ...(h ? { hours: h } : {}),
    kept: {
      qualCard: q ? readQualCard(q.grid) : null,
      hours: h ? readHours(h.grid) : null,
    },
  };
}

/**
 * The engine's view of each apprentice, from the records the new sheets will hold: synced (one request for the
 * batch) when a service is set up, else computed here. A failed sync does not stop generation: the sheets then
 * say their numbers are not computed yet, and the note says why.
 */
function viewsFor(ss: Spreadsheet, existing: Existing[]): { views: Map<string, ProgressView>; note?: string } {
  const settings = readSettings();
  const records = new Map<string, SheetRecord>();
  for (const e of existing) {
    const plans = planApprentice(e.framework, e.row, e.kept, undefined, e.program);
    const r = recordFromSheets(
      e.row,
      { name: plans.qualCard.name, grid: plans.qualCard.cells },
      { name: plans.hours.name, grid: plans.hours.cells },
    );
    if (r.ok) records.set(e.row.apprentice.id, r.record);
  }
  const views = new Map<string, ProgressView>();
  if (!records.size) return { views };
  const tz = ss.getSpreadsheetTimeZone();
  const day = today(tz);
  if (!settings.endpoint || !settings.sponsorId) {
    for (const e of existing) {
      const record = records.get(e.row.apprentice.id);
      if (record) views.set(e.row.apprentice.id, localView(e.framework, record, day, e.program));
    }
    return { views };
  }
  const body: SyncBody = {
    // No asOf: the service answers as of the sponsor's today, and only an admin may ask for another day.
    idempotencyKey: `sync-${Utilities.getUuid()}`,
    timeZone: tz,
    programs: programsToSync(existing),
    records: [...records.values()].map((r) => ({ ...r, sponsorId: settings.sponsorId })),
  };
  try {
    for (const a of sync(settings, body).apprentices) {
      const e = existing.find((x) => x.row.apprentice.id === a.apprenticeId);
      const view = e && viewOf({ framework: e.framework, roster: e.row }, a.progress, a.confirmations);
      if (view) views.set(a.apprenticeId, view);
    }
    return { views };
  } catch (err) {
    return { views, note: `progress not refreshed (${(err as Error).message}); use Check progress` };
  }
}

function writeApprentice(
  ss: Spreadsheet,
  e: Existing,
  view: ProgressView | undefined,
  cache: LayoutCache,
  admins: string[],
) {
  const id = e.row.apprentice.id;
  const plans = planApprentice(e.framework, e.row, e.kept, view, e.program);
  // A sheet of the same layout whose rows are where the plan puts them is refreshed in place (its protections
  // stay); any other is replaced by a new one that keeps what people typed.
  const write = (plan: typeof plans.hours, existing?: ExistingSheet): Sheet => {
    try {
      return existing ? refreshSheet(ss, plan, existing, cache, true) : writePlan(ss, plan, cache);
    } catch (err) {
      throw new Error(
        `Generate ${id}: could not write "${plan.name}": ${(err as Error).message}. If another sheet has that name, rename it.`,
      );
    }
  };
  const hours = write(plans.hours, e.hours);
  const qual = write(plans.qualCard, e.qual);
  const who = e.row.apprentice.name;
  protectSheet(hours, editorsOf(e.row, admins, 'hours'), `Qualcard: ${who}, their coaches and the sponsor's admins`);
  protectSheet(qual, editorsOf(e.row, admins, 'qualcard'), `Qualcard: ${who}'s coaches and the sponsor's admins`);
  const archived = plans.qualCard.cells.filter((r) => String(r[0] ?? '').startsWith('archived:')).length;
  return {
    apprenticeId: id,
    name: e.row.apprentice.name,
    qualCard: plans.qualCard.name,
    hours: plans.hours.name,
    regenerated: !!(e.qual || e.hours),
    archived,
  };
}
