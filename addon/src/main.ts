// The add-on's entry points: exactly these are exposed as top-level functions in the bundle (addon/build.ts).
// Everything returned to the sidebar is plain data; errors are thrown as messages a person can act on.

import { type GenerateResult, generateApprentices as generate } from './generate';
import { withLock } from './lock';
import { type CheckResult, checkProgress as check } from './progress';
import { createRoster as createRosterSheet } from './roster-io';
import { programFrameworks } from './settings';
import { createFrameworkSheet, getState, importFrameworkSheet, saveSetup } from './setup';
import { signOffSelection } from './signoff';
import { exportTranscript } from './transcript';

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

export function createRoster(): { created: boolean; name: string } {
  return withLock('Create roster', () => createRosterSheet(SpreadsheetApp.getActiveSpreadsheet(), programFrameworks()));
}

export function generateApprentices(ids: unknown): GenerateResult[] {
  if (!Array.isArray(ids) || !ids.length || ids.length > 10 || !ids.every((i) => typeof i === 'string'))
    throw new Error('Generate: send 1 to 10 apprentice ids per call');
  return generate(ids as string[]);
}

export function checkProgress(): CheckResult {
  return check();
}

export { createFrameworkSheet, exportTranscript, getState, importFrameworkSheet, saveSetup, signOffSelection };
