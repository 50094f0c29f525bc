// Who may edit an apprentice's sheets (Sheets protections, within the current spreadsheet's scope): the hours
// sheet the apprentice, their coaches and the sponsor's admins; the qual card their coaches and the admins (a tick
// is a coach's; an apprentice asks for one). The spreadsheet's owner and whoever runs Generate stay editors:
// Sheets never removes them. Reading is not protectable: anyone the spreadsheet is shared with reads every sheet.
import type { RosterRow } from '@qualcard/shared/sheets';
import { send } from './api/client';
import { type MemberList, membersRequest } from './api/requests';
import type { Settings } from './settings';

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

/**
 * Restricts a sheet to `editors`, writing only what differs: a kept sheet whose editors did not change costs one
 * call that writes nothing new. A new protection starts with the spreadsheet's editors: those not listed go.
 */
export function protectSheet(sheet: Sheet, editors: string[], description: string): void {
  const p = sheet.protect();
  if (p.getDescription() !== description) p.setDescription(description);
  const wanted = new Set(editors.map((e) => e.toLowerCase()));
  const current = p.getEditors().map((u) => u.getEmail());
  const have = new Set(current.map((e) => e.toLowerCase()));
  const extra = current.filter((e) => !wanted.has(e.toLowerCase()));
  if (extra.length) p.removeEditors(extra);
  const missing = editors.filter((e) => !have.has(e.toLowerCase()));
  if (missing.length) p.addEditors(missing);
  if (p.canDomainEdit()) p.setDomainEdit(false);
}
