// The Roster sheet in the spreadsheet: created from its plan, read and parsed with cell-named errors.

import type { Framework } from '@qualcard/shared';
import { formatRosterErrors, type ParsedRoster, parseRoster, planRoster } from '@qualcard/shared/sheets';
import { findTagged, readValues, writeStandalone } from './sheets/adapter';
import type { SheetCreated } from './sidebar-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function rosterSheet(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet | null {
  return findTagged(ss, { kind: 'roster' }).get('roster')?.sheet ?? null;
}

export function createRoster(ss: Spreadsheet, frameworks: Framework[]): SheetCreated {
  if (!frameworks.length) throw new Error('Choose at least one framework in set-up before creating the roster');
  const existing = rosterSheet(ss);
  if (existing) return { created: false, name: existing.getName() };
  if (ss.getSheetByName('Roster'))
    throw new Error('A sheet named "Roster" already exists and was not made by Qualcard; rename it first');
  const sheet = writeStandalone(ss, planRoster(frameworks));
  return { created: true, name: sheet.getName() };
}

export function readRoster(ss: Spreadsheet, frameworks: Framework[]): ParsedRoster {
  const sheet = rosterSheet(ss);
  if (!sheet)
    return {
      rows: [],
      errors: [{ row: 1, column: '-', cell: '-', message: 'no roster yet: use "Create roster" first' }],
    };
  return parseRoster(readValues(sheet, ss.getSpreadsheetTimeZone()), frameworks);
}

/** The roster or an error listing every bad cell, so nothing is generated from a half-valid roster. */
export function requireRoster(ss: Spreadsheet, frameworks: Framework[]): ParsedRoster['rows'] {
  const roster = readRoster(ss, frameworks);
  if (roster.errors.length) throw new Error(formatRosterErrors(roster.errors));
  return roster.rows;
}
