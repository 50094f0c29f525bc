// Which home the sidebar opens on (pure: the service's answer to "who am I" and this spreadsheet's settings in,
// the home out). The service decides what each role may do; this only decides what the sidebar offers.
import type { MeResponse } from './api/requests';
import type { Home, HomeRole } from './sidebar-api';

interface Here {
  endpoint: string;
  sponsorId: string;
}

/** Who to ask for access, in words a person can act on. */
export function noAccessMessage(email: string, sponsorId: string): string {
  const where = sponsorId ? `sponsor ${sponsorId}` : 'any sponsor';
  return (
    `The Qualcard service knows ${email} in no role at ${where}. ` +
    "Ask the sponsor's Qualcard admin: they add coaches, consultants and admins under Members in their sidebar, " +
    "and apprentices by putting their email on the roster (it counts after the admin's next Check progress). " +
    "A new sponsor and its first admin are created by whoever runs your organisation's Qualcard service."
  );
}

/** The service did not answer: what failed and what to check. */
export const offlineMessage = (endpoint: string, reason: string): string =>
  `The Qualcard service at ${endpoint} did not answer: ${reason}. Check your connection and try again; if it keeps failing, ask your sponsor's Qualcard admin whether the endpoint is right.`;

export function homeOf(me: MeResponse, here: Here, chosen: string | null): Home {
  const sponsors = Object.entries(me.sponsors);
  const adminOf = sponsors.filter(([, m]) => m.role === 'admin').map(([id, m]) => ({ id, name: m.sponsorName ?? id }));
  const mine = here.sponsorId ? me.sponsors[here.sponsorId] : undefined;
  const roles: HomeRole[] = [];
  if (mine) roles.push(mine.role);
  else if (!here.sponsorId && adminOf.length) roles.push('admin');
  // Consultant mode works across sponsors, from any spreadsheet.
  if (sponsors.some(([, m]) => m.role === 'consultant') && !roles.includes('consultant')) roles.push('consultant');
  const role = roles.find((r) => r === chosen) ?? roles[0] ?? null;
  const home: Home = {
    stage: 'home',
    email: me.email,
    endpoint: here.endpoint,
    sponsorId: here.sponsorId,
    sponsorName: mine?.sponsorName ?? (here.sponsorId || ''),
    roles,
    role,
    adminOf,
    ...(mine?.role === 'apprentice' && mine.apprenticeId ? { apprenticeId: mine.apprenticeId } : {}),
  };
  if (!role) return { ...home, stage: 'no-access', message: noAccessMessage(me.email, here.sponsorId) };
  if (role === 'admin' && !here.sponsorId) return { ...home, stage: 'setup' };
  return home;
}
