// The coach's home: their apprentices with what waits for them in the sheets (ticks to confirm, hours to verify:
// the rows Confirm my ticks would send; confirmed rows the sheet changed or deleted since), and their apprentices'
// open requests to confirm entries.
import { requireService, whoAmI } from './admin-check';
import { send } from './api/client';
import { type AskList, asksRequest } from './api/requests';
import { requireRoster } from './roster-io';
import { programFrameworks, readSettings } from './settings';
import { findTagged, readValues } from './sheets/adapter';
import type { CoachHome } from './sidebar-api';
import { theirs, waitingIn } from './waiting';

export function coachHome(): CoachHome {
  const action = 'Coach home';
  const settings = requireService(readSettings(), action);
  const me = whoAmI(settings.endpoint);
  if (me.sponsors[settings.sponsorId]?.role !== 'coach')
    throw new Error(`${action}: the Qualcard service does not know ${me.email} as a coach of ${settings.sponsorId}`);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const rows = requireRoster(ss, programFrameworks(settings)).filter((r) =>
    r.apprentice.coachEmails.includes(me.email),
  );
  const apprentices = rows.map((r) => {
    const tagged = findTagged(ss, { apprenticeId: r.apprentice.id });
    const q = tagged.get('qualcard')?.sheet;
    const h = tagged.get('hours')?.sheet;
    const waiting = q && h ? waitingIn(readValues(q, tz), readValues(h, tz)) : undefined;
    const counts = waiting ? theirs(waiting, me.email) : { ticks: 0, hours: 0 };
    return {
      id: r.apprentice.id,
      name: r.apprentice.name,
      ticksToConfirm: counts.ticks,
      hoursToVerify: counts.hours,
      changedSinceConfirmed: waiting?.changed.length ?? 0,
    };
  });
  const { requests } = send<AskList>(asksRequest({ baseUrl: settings.endpoint, sponsorId: settings.sponsorId }));
  return {
    coachEmail: me.email,
    apprentices,
    requests: requests.map((r) => ({
      requestId: r.requestId,
      apprenticeId: r.apprenticeId,
      apprenticeName: r.apprenticeName,
      createdAt: r.createdAt,
      entries: r.entries.filter((e) => !e.confirmed).map((e) => e.summary ?? e.id),
      ...(r.note ? { note: r.note } : {}),
    })),
  };
}
