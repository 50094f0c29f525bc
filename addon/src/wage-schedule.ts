// The Wage schedule sheet in the spreadsheet (shared/src/sheets/wage-schedule.ts): created from its plan, read with
// errors naming the cell, and merged into each framework's program, which an admin's sync sends and local progress
// uses. Also the admin's "Record a raise" (the contract's raises route), which the service audits.
import { type Framework, type Programs, type WageSchedule, wageSummary } from '@qualcard/shared';
import { formatWageErrors, parseWageSchedules, planWageSchedule, WAGE_SCHEDULE_SHEET } from '@qualcard/shared/sheets';
import { send } from './api/client';
import { type RaiseResponse, raiseRequest } from './api/requests';
import { programOf } from './program-settings';
import { readSettings } from './settings';
import { findTagged, readValues, writeStandalone } from './sheets/adapter';
import type { RaiseInput, RaiseResult, SheetCreated } from './sidebar-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function wageScheduleSheet(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet | null {
  return findTagged(ss, { kind: 'wage-schedule' }).get('wage-schedule')?.sheet ?? null;
}

export function createWageSchedule(ss: Spreadsheet, frameworks: Framework[]): SheetCreated {
  if (!frameworks.length) throw new Error('Choose at least one framework in set-up before creating the wage schedule');
  const existing = wageScheduleSheet(ss);
  if (existing) return { created: false, name: existing.getName() };
  if (ss.getSheetByName(WAGE_SCHEDULE_SHEET))
    throw new Error(
      `A sheet named "${WAGE_SCHEDULE_SHEET}" already exists and was not made by Qualcard; rename it first`,
    );
  return { created: true, name: writeStandalone(ss, planWageSchedule(frameworks)).getName() };
}

/** Each framework's schedule from the sheet; null without the sheet. Throws naming every bad cell. */
export function readWageSchedules(ss: Spreadsheet, frameworks: Framework[]): Record<string, WageSchedule> | null {
  const sheet = wageScheduleSheet(ss);
  if (!sheet) return null;
  const parsed = parseWageSchedules(readValues(sheet, ss.getSpreadsheetTimeZone()), frameworks);
  if (parsed.errors.length)
    throw new Error(
      `The wage schedule has errors; nothing was sent. Fix these cells:\n${formatWageErrors(parsed.errors)}`,
    );
  return parsed.schedules;
}

/**
 * The programs with the sheet's schedules. With the sheet, every framework's program carries the key (undefined:
 * no schedule), so a sync sends it and a schedule whose rows were deleted is removed from the stored program too.
 */
export function withWageSchedules(
  programs: Programs,
  schedules: Record<string, WageSchedule> | null,
  frameworks: Framework[],
): Programs {
  if (!schedules) return programs;
  return Object.fromEntries(
    frameworks.map((f) => [f.id, { ...programOf(programs, f), wageSchedule: schedules[f.id] }]),
  );
}

/** The admin records that an apprentice was raised to a wage step from a date (the service checks and audits it). */
export function recordRaise(input: RaiseInput): RaiseResult {
  const settings = readSettings();
  if (!settings.endpoint || !settings.sponsorId)
    throw new Error('Record a raise: set the Qualcard service and sponsor in set-up first');
  const body = { step: input.step, effectiveDate: input.effectiveDate, ...(input.note ? { note: input.note } : {}) };
  const endpoint = { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
  const r = send<RaiseResponse>(raiseRequest(endpoint, input.apprenticeId, body));
  return {
    apprenticeId: r.apprenticeId,
    step: r.raise.step,
    effectiveDate: r.raise.effectiveDate,
    wage: wageSummary(r.wage ?? undefined),
  };
}
