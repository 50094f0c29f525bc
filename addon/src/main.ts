// The add-on's entry points: exactly these are exposed as top-level functions in the bundle (addon/build.ts).
// Everything returned to the sidebar is plain data; errors are thrown as messages a person can act on.

import { apprenticeHome, askCoachToConfirm } from './apprentice-home';
import { attestSelection } from './attest';
import { coachHome } from './coach-home';
import { confirmMyTicks, recordResults } from './confirm';
import { getCohortState, refreshCohort, saveEndpoint } from './consultant';
import { credentialFiles, keepCredential, revokeCredential } from './credentials';
import { getDigest, saveDigest } from './digest';
import { downloadCohortReport, downloadTranscript } from './downloads';
import { generateApprentices as generate } from './generate';
import { chooseRole, connect, getHome } from './home';
import { downloadLearnerRecord } from './learner-record';
import { withLock } from './lock';
import { listMembers, removeMember, setMember } from './members';
import { checkProgress as check } from './progress';
import { applyMigration, previewMigration, publishFramework } from './publish';
import { createRoster as createRosterSheet } from './roster-io';
import { programFrameworks } from './settings';
import { createFrameworkSheet, getState, importFrameworkSheet, savePrograms, saveSetup } from './setup';
import {
  type CheckResult,
  GENERATE_MAX_PER_CALL,
  type GenerateResult,
  type RaiseInput,
  type RaiseResult,
  type SheetCreated,
  type SidebarApi,
} from './sidebar-api';
import { signOffSelection } from './signoff';
import { exportTranscript } from './transcript';
import { createWageSchedule as createWageScheduleSheet, recordRaise as raise } from './wage-schedule';
import { withdrawSelection } from './withdraw';

export function onOpen(_e?: unknown): void {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addToUi();
}

export function onInstall(e?: unknown): void {
  onOpen(e);
}

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Qualcard');
  SpreadsheetApp.getUi().showSidebar(html);
}

export function createRoster(): SheetCreated {
  return withLock('Create roster', () => createRosterSheet(SpreadsheetApp.getActiveSpreadsheet(), programFrameworks()));
}

export function createWageSchedule(): SheetCreated {
  return withLock('Create wage schedule', () =>
    createWageScheduleSheet(SpreadsheetApp.getActiveSpreadsheet(), programFrameworks()),
  );
}

export function recordRaise(input: unknown): RaiseResult {
  const i = (input ?? {}) as Partial<RaiseInput>;
  if (typeof i.apprenticeId !== 'string' || !i.apprenticeId.trim())
    throw new Error('Record a raise: give the apprentice id');
  if (typeof i.step !== 'number' || typeof i.effectiveDate !== 'string')
    throw new Error('Record a raise: give the step (a number) and the effective date (YYYY-MM-DD)');
  const note = typeof i.note === 'string' && i.note.trim() ? { note: i.note.trim() } : {};
  return raise({ apprenticeId: i.apprenticeId.trim(), step: i.step, effectiveDate: i.effectiveDate, ...note });
}

export function generateApprentices(ids: unknown): GenerateResult[] {
  if (
    !Array.isArray(ids) ||
    !ids.length ||
    ids.length > GENERATE_MAX_PER_CALL ||
    !ids.every((i) => typeof i === 'string')
  )
    throw new Error(`Generate: send 1 to ${GENERATE_MAX_PER_CALL} apprentice ids per call`);
  return generate(ids as string[]);
}

export function checkProgress(): CheckResult {
  return check();
}

export {
  applyMigration,
  apprenticeHome,
  askCoachToConfirm,
  attestSelection,
  chooseRole,
  coachHome,
  confirmMyTicks,
  connect,
  createFrameworkSheet,
  credentialFiles,
  downloadCohortReport,
  downloadLearnerRecord,
  downloadTranscript,
  exportTranscript,
  getCohortState,
  getDigest,
  getHome,
  getState,
  importFrameworkSheet,
  keepCredential,
  listMembers,
  previewMigration,
  publishFramework,
  recordResults,
  refreshCohort,
  removeMember,
  revokeCredential,
  saveDigest,
  saveEndpoint,
  savePrograms,
  saveSetup,
  setMember,
  signOffSelection,
  withdrawSelection,
};

/** Checks at compile time that these functions are what the sidebar calls (./sidebar-api.ts). A type: no entry point. */
export type SidebarFunctions = Conforms<Pick<typeof import('./main'), keyof SidebarApi>>;
type Conforms<T extends SidebarApi> = T;
