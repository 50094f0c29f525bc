// The apprentice's home: their own progress as the service stored it, their gaps, what waits for a confirmation in
// their own sheets, their open requests; and "Ask my coach to confirm" for rows they select on their own sheets.
// Only ever their own record: the service says which one is theirs ("who am I") and refuses any other.
import { requireService, whoAmI } from './admin-check';
import { send } from './api/client';
import {
  type ApprenticeProgressResponse,
  type AskList,
  type AskResponse,
  apprenticeProgressRequest,
  askRequest,
  asksRequest,
} from './api/requests';
import { activeApprenticeSheet, selectedKeys } from './selection';
import { readSettings } from './settings';
import { findTagged, readValues } from './sheets/adapter';
import type { ApprenticeHome, AskInput, AskResult } from './sidebar-api';
import { waitingIn } from './waiting';

const SHOWN = 12;

/** This spreadsheet's service and the caller's own apprentice record, or an error saying why not. */
function mine(action: string) {
  const settings = requireService(readSettings(), action);
  const me = whoAmI(settings.endpoint);
  const m = me.sponsors[settings.sponsorId];
  if (m?.role !== 'apprentice' || !m.apprenticeId)
    throw new Error(
      `${action}: the Qualcard service does not know ${me.email} as an apprentice of ${settings.sponsorId}`,
    );
  return {
    endpoint: { baseUrl: settings.endpoint, sponsorId: settings.sponsorId },
    apprenticeId: m.apprenticeId,
    name: m.apprenticeName ?? m.apprenticeId,
  };
}

function ownSheets(apprenticeId: string) {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tagged = findTagged(ss, { apprenticeId });
  return { ss, qual: tagged.get('qualcard')?.sheet, hours: tagged.get('hours')?.sheet };
}

const more = (lines: string[]): string[] =>
  lines.length > SHOWN ? [...lines.slice(0, SHOWN), `… and ${lines.length - SHOWN} more`] : lines;

export function apprenticeHome(): ApprenticeHome {
  const { endpoint, apprenticeId, name } = mine('My progress');
  const stored = send<ApprenticeProgressResponse>(apprenticeProgressRequest(endpoint, apprenticeId));
  const { requests } = send<AskList>(asksRequest(endpoint));
  const { ss, qual, hours } = ownSheets(apprenticeId);
  const tz = ss.getSpreadsheetTimeZone();
  const waiting =
    qual && hours ? waitingIn(readValues(qual, tz), readValues(hours, tz)) : { ticks: [], hours: [], changed: [] };
  const p = stored.progress;
  return {
    apprenticeId,
    name: stored.name || name,
    asOf: p.asOf,
    levels: p.levels.map((l) => ({ levelId: l.levelId, title: l.title, percent: l.percent, complete: l.complete })),
    gaps: more([...p.integrity, ...p.gaps].map((g) => g.message)),
    pending: more([
      ...waiting.ticks.map((t) => `${t.text}: waiting for a coach`),
      ...waiting.hours.map((h) => `${h.text}: waiting for a coach`),
    ]),
    requests: requests.map((r) => ({
      requestId: r.requestId,
      createdAt: r.createdAt,
      entries: r.entries.map((e) => `${e.summary ?? e.id}${e.confirmed ? ' (confirmed)' : ''}`),
      open: r.entries.filter((e) => !e.confirmed).length,
    })),
    sheets: { qualCard: qual?.getName() ?? '', hours: hours?.getName() ?? '' },
  };
}

export function askCoachToConfirm(input: unknown): AskResult {
  const action = 'Ask my coach to confirm';
  const note = typeof (input as Partial<AskInput>)?.note === 'string' ? (input as AskInput).note!.trim() : '';
  const { endpoint, apprenticeId } = mine(action);
  const { ss, qual, hours } = ownSheets(apprenticeId);
  const active = activeApprenticeSheet(ss);
  if (active?.apprenticeId !== apprenticeId || !qual || !hours)
    throw new Error(
      `${action}: open your own hours sheet${hours ? ` ("${hours.getName()}")` : ''} or qual card and select the rows to confirm`,
    );
  const tz = ss.getSpreadsheetTimeZone();
  const qualGrid = readValues(qual, tz);
  const hoursGrid = readValues(hours, tz);
  const keys = new Set(selectedKeys(ss, active.kind === 'qualcard' ? qualGrid : hoursGrid));
  const waiting = waitingIn(qualGrid, hoursGrid);
  const entries = [
    ...waiting.ticks
      .filter((t) => keys.has(t.key))
      .map((t) => ({ kind: 'signOff' as const, id: t.key.slice(5), summary: t.text })),
    ...waiting.hours
      .filter((h) => keys.has(h.key))
      .map((h) => ({ kind: 'hours' as const, id: h.key, summary: h.text })),
  ];
  if (!entries.length)
    throw new Error(
      `${action}: the selection holds no entry waiting for a confirmation; select ticked items or logged hours rows that are not confirmed yet`,
    );
  const r = send<AskResponse>(askRequest(endpoint, apprenticeId, { entries, ...(note ? { note } : {}) }));
  return {
    requestId: r.requestId,
    entries: entries.length,
    coachEmails: r.coachEmails,
    message: `Asked ${r.coachEmails.join(', ') || 'your coach'} to confirm ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}.`,
  };
}
