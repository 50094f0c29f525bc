// Consultant mode: in a spreadsheet of their own, a consultant signs in and refreshes a Cohort, a Gaps and a Gap list
// sheet with every sponsor that made them a member (the contract's cohort route, page by page). They are Qualcard's: a refresh
// replaces their content with a handful of batched calls per sheet (./sheets/adapter.ts writeStandalone).
import {
  CohortAnswer,
  type CohortView,
  cohortApprentices,
  NOT_LISTED_CODE,
  planCohort,
  planGapList,
  planGaps,
  type SheetPlan,
  uniformFrom,
} from '@qualcard/shared/sheets';
import { send } from './api/client';
import { checkBaseUrl, cohortRequest } from './api/requests';
import { withLock } from './lock';
import { rosterSheet } from './roster-io';
import { readSettings, writeSettings } from './settings';
import { findTagged, readValues, writeTable } from './sheets/adapter';
import type { CohortRefreshResult, CohortSponsorChoice, CohortState } from './sidebar-api';

/** The last refresh's sponsors and time, in one document property (50 sponsors take about 4 KB of its 9 KB). */
const COHORT_KEY = 'qualcard.cohort';
/** Pages of the cohort route one refresh follows at most (each up to 500 apprentices). */
const MAX_PAGES = 40;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

interface Remembered {
  sponsors: CohortSponsorChoice[];
  refreshedAt: string | null;
}
function remembered(): Remembered {
  const raw = PropertiesService.getDocumentProperties().getProperty(COHORT_KEY);
  return raw ? (JSON.parse(raw) as Remembered) : { sponsors: [], refreshedAt: null };
}

/** The functions URL from the document's settings, or an error saying where to set it. */
export function consultantEndpoint(action: string): string {
  const { endpoint } = readSettings();
  if (!endpoint) throw new Error(`${action}: set the Qualcard functions endpoint first (Consultant panel or set-up)`);
  return endpoint;
}

export function getCohortState(): CohortState {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readSettings();
  const cohort = findTagged(ss, { kind: 'cohort' }).get('cohort');
  const last = remembered();
  return {
    endpoint: settings.endpoint,
    sponsorId: settings.sponsorId,
    rosterExists: !!rosterSheet(ss),
    ...last,
    apprentices: cohort ? cohortApprentices(readValues(cohort.sheet, ss.getSpreadsheetTimeZone()), last.sponsors) : [],
  };
}

/** Saves the functions endpoint alone: a consultant's spreadsheet has no sponsor, frameworks or roster. */
export function saveEndpoint(input: unknown): CohortState {
  const endpoint = typeof input === 'string' ? input.trim() : '';
  const errors = checkBaseUrl(endpoint);
  if (errors.length) throw new Error(`Endpoint not saved: ${errors.join('; ')}`);
  withLock('Save endpoint', () => writeSettings({ ...readSettings(), endpoint }));
  return getCohortState();
}

/** Every page of the caller's cohort, validated. */
export function fetchCohort(baseUrl: string): { answer: CohortAnswer; pages: number } {
  const all: CohortAnswer = { sponsors: [], apprentices: [], gaps: [], next: null };
  let token: string | undefined;
  for (let pages = 1; pages <= MAX_PAGES; pages += 1) {
    const parsed = CohortAnswer.safeParse(send<unknown>(cohortRequest(baseUrl, [], token)));
    if (!parsed.success)
      throw new Error(`Refresh cohort: the service's answer is not a cohort (${parsed.error.issues[0]?.message})`);
    const page = parsed.data;
    all.sponsors = page.sponsors;
    all.apprentices.push(...page.apprentices);
    all.gaps.push(...page.gaps);
    if (!page.next) return { answer: all, pages };
    token = page.next;
  }
  throw new Error(`Refresh cohort: more than ${MAX_PAGES} pages; ask for fewer sponsors`);
}

/** Writes a Qualcard-owned sheet over its previous content; a sheet of that name Qualcard did not write is left alone. */
function writeOwned(ss: Spreadsheet, plan: SheetPlan, kind: 'cohort' | 'gaps' | 'gap-list'): void {
  const existing = findTagged(ss, { kind }).get(kind)?.sheet;
  if (!existing && ss.getSheetByName(plan.name))
    throw new Error(
      `Refresh cohort: this spreadsheet has a sheet named "${plan.name}" that Qualcard did not write; rename it and refresh again`,
    );
  // The rows above the table (title, note, status counts) are written with their formats, the table's rows (the
  // apprentices; the gaps to look at; every gap) by column.
  writeTable(ss, plan, uniformFrom(plan), existing);
}

export function refreshCohort(): CohortRefreshResult {
  const baseUrl = consultantEndpoint('Refresh cohort');
  const { answer, pages } = fetchCohort(baseUrl);
  const refreshedAt = new Date().toISOString();
  const view: CohortView = { ...answer, refreshedAt };
  withLock('Refresh cohort', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    writeOwned(ss, planCohort(view), 'cohort');
    writeOwned(ss, planGaps(view), 'gaps');
    writeOwned(ss, planGapList(view), 'gap-list');
    const keep: Remembered = { sponsors: answer.sponsors, refreshedAt };
    PropertiesService.getDocumentProperties().setProperty(COHORT_KEY, JSON.stringify(keep));
  });
  return {
    sponsors: answer.sponsors.length,
    apprentices: answer.apprentices.length,
    gaps: answer.gaps.length,
    pages,
    cutShort: answer.gaps.filter((g) => g.code === NOT_LISTED_CODE).length,
    refreshedAt,
    state: getCohortState(),
  };
}
