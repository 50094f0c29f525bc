// Program set-up: frameworks (shipped ones, or the sponsor's "Framework" sheet validated with row-numbered
// errors), the endpoint and the sponsor id. Returns plain data for the sidebar (no Date objects).
import {
  FRAMEWORK_COLUMNS,
  type Framework,
  frameworkFromRows,
  getFramework,
  levelStandardText,
} from '@qualcard/shared';
import { requireAdmin } from './admin-check';
import { checkEndpoint } from './api/requests';
import { withLock } from './lock';
import { programSummaries, readPrograms, writePrograms } from './program-settings';
import { readRoster, rosterSheet } from './roster-io';
import {
  availableFrameworks,
  programFrameworks,
  readSettings,
  readSponsorFramework,
  writeSettings,
  writeSponsorFramework,
} from './settings';
import type { FrameworkImportResult, FrameworkSummary, SheetCreated, State } from './sidebar-api';

const summary = (f: Framework, sponsor = false): FrameworkSummary => ({
  id: f.id,
  title: f.title,
  version: f.version,
  levels: f.levels.map((l) => ({
    id: l.id,
    title: l.title,
    ...(l.signOffStandard ? { standard: levelStandardText(l) } : {}),
  })),
  items: f.workFunctions.reduce((n, wf) => n + wf.items.length, 0),
  sponsor,
});

export function getState(): State {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readSettings();
  const frameworks = programFrameworks(settings);
  const sponsor = readSponsorFramework();
  const exists = !!rosterSheet(ss);
  const roster = exists && frameworks.length ? readRoster(ss, frameworks) : { rows: [], errors: [] };
  return {
    settings,
    available: availableFrameworks().map((f) => summary(f)),
    program: frameworks.map((f) => summary(f, f.id === sponsor?.id)),
    programs: programSummaries(readPrograms(), frameworks),
    roster: {
      exists,
      apprentices: roster.rows.map((r) => ({
        id: r.apprentice.id,
        name: r.apprentice.name,
        frameworkId: r.apprentice.frameworkId,
        levelId: r.apprentice.levelId,
      })),
      errors: roster.errors.map((e) => `${e.cell} (row ${e.row}, ${e.column}): ${e.message}`),
    },
  };
}

export function saveSetup(input: { endpoint?: unknown; sponsorId?: unknown; frameworkIds?: unknown }): State {
  const endpoint = typeof input.endpoint === 'string' ? input.endpoint.trim() : '';
  const sponsorId = typeof input.sponsorId === 'string' ? input.sponsorId.trim() : '';
  const frameworkIds = Array.isArray(input.frameworkIds) ? input.frameworkIds.map(String) : [];
  const errors: string[] = [];
  // The endpoint is optional (progress can be computed locally) but must be valid when given.
  if (endpoint || sponsorId) errors.push(...checkEndpoint({ baseUrl: endpoint, sponsorId }));
  const unknown = frameworkIds.filter((id) => !getFramework(id));
  if (unknown.length) errors.push(`frameworks: unknown ${unknown.join(', ')}`);
  if (!frameworkIds.length && !readSponsorFramework()) errors.push('frameworks: choose at least one');
  if (errors.length) throw new Error(`Set-up not saved:\n${errors.join('\n')}`);
  guardSetup('Save set-up');
  // Naming a sponsor (or another one) takes being its admin too.
  const before = readSettings();
  if (endpoint && (endpoint !== before.endpoint || sponsorId !== before.sponsorId))
    requireAdmin({ endpoint, sponsorId }, 'Save set-up');
  withLock('Set-up', () => writeSettings({ endpoint, sponsorId, frameworkIds }));
  return getState();
}

/**
 * A spreadsheet connected to a sponsor changes its set-up only by that sponsor's admin (verified by the service);
 * one not connected yet is being set up by whoever opened it, and nothing of it counts anywhere.
 */
function guardSetup(action: string): void {
  const settings = readSettings();
  if (settings.endpoint && settings.sponsorId) requireAdmin(settings, action);
}

/** Saves which optional work functions the sponsor runs, per program framework (errors name the field). */
export function savePrograms(input: unknown): State {
  guardSetup('Save optional work functions');
  withLock('Set-up', () => writePrograms(input, programFrameworks()));
  return getState();
}

const FRAMEWORK_SHEET = 'Framework';

/** Creates the sponsor's "Framework" sheet with its columns and one example row. */
export function createFrameworkSheet(): SheetCreated {
  return withLock('Framework sheet', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    if (ss.getSheetByName(FRAMEWORK_SHEET)) return { name: FRAMEWORK_SHEET, created: false };
    const sheet = ss.insertSheet(FRAMEWORK_SHEET);
    const example = [
      'L1',
      'Level 1',
      'WF1',
      'Company systems',
      'CO1.1',
      '',
      '',
      '',
      '',
      'Resets a user password with the company tool',
      'core',
      '',
      '1000',
      '100',
      '',
      'Company certification',
    ];
    sheet.getRange(1, 1, 2, FRAMEWORK_COLUMNS.length).setValues([[...FRAMEWORK_COLUMNS], example]);
    sheet.setFrozenRows(1);
    return { name: FRAMEWORK_SHEET, created: true };
  });
}

/** Reads the "Framework" sheet; on success stores it as the sponsor framework, else returns row-numbered errors. */
export function importFrameworkSheet(input: {
  id?: unknown;
  title?: unknown;
  baseId?: unknown;
  version?: unknown;
}): FrameworkImportResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(FRAMEWORK_SHEET);
  if (!sheet) return { ok: false, errors: [`no sheet named "${FRAMEWORK_SHEET}": use "Create Framework sheet" first`] };
  const rows = sheet.getDataRange().getDisplayValues();
  const baseId = typeof input.baseId === 'string' && input.baseId ? input.baseId : undefined;
  const base = baseId ? getFramework(baseId) : undefined;
  if (baseId && !base) return { ok: false, errors: [`base framework "${baseId}" is not a shipped framework`] };
  const result = frameworkFromRows(rows, {
    ...(base ? { base } : {}),
    ...(typeof input.id === 'string' && input.id ? { id: input.id } : {}),
    ...(typeof input.title === 'string' && input.title ? { title: input.title } : {}),
    ...(typeof input.version === 'string' && input.version.trim() ? { version: input.version.trim() } : {}),
    addedBy: readSettings().sponsorId || 'sponsor',
  });
  if (!result.ok)
    return {
      ok: false,
      errors: result.errors.map((e) =>
        e.row > 0 ? `${FRAMEWORK_SHEET} row ${e.row}, column ${e.column}: ${e.message}` : `${e.column}: ${e.message}`,
      ),
    };
  guardSetup('Import the framework');
  withLock('Framework import', () => writeSponsorFramework(result.framework));
  return { ok: true, errors: [], state: getState() };
}
