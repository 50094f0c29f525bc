// Who may edit an apprentice's sheets (Sheets protections, within the current spreadsheet's scope): the hours
// sheet the apprentice, their coaches and the sponsor's admins; the qual card their coaches and the admins (a tick
// is a coach's; an apprentice asks for one). The spreadsheet's owner and whoever runs Generate stay editors:
// Sheets never removes them. Reading is not protectable: anyone the spreadsheet is shared with reads every sheet.
import type { RosterRow } from '@qualcard/shared/sheets';
import { send } from './api/client';
import { type MemberList, membersRequest } from './api/requests';
import type { Settings } from './settings';
import { restrictSheet } from './sheets/adapter';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sponsor's admins as the service knows them ([] with no service: then only the owner and the runner). */
export function sponsorAdmins(settings: Settings): string[] {
  if (!settings.endpoint || !settings.sponsorId) return [];
  const { members } = send<MemberList>(membersRequest({ baseUrl: settings.endpoint, sponsorId: settings.sponsorId }));
  return members.filter((m) => m.role === 'admin').map((m) => m.email);
}

export function editorsOf(row: RosterRow, admins: string[], kind: 'qualcard' | 'hours'): string[] {
  const a = row.apprentice;
  const people = [...(kind === 'hours' && a.email ? [a.email] : []), ...a.coachEmails, ...admins];
  return [...new Set(people.map((e) => e.toLowerCase()))];
}

/** Only the listed people (and the owner and runner) may edit the sheet; only what differs is written. */
export const protectSheet = (sheet: Sheet, editors: string[], description: string): void =>
  restrictSheet(sheet, editors, description);
