// The add-on's own refusal of what only a sponsor admin does (set-up, members, results, digests, revoking): the
// service's answer to "who am I" decides, as the service itself will when the request reaches it. The sidebar does
// not offer these to other roles; this keeps a direct call (google.script.run from a console) from doing them.
import { send } from './api/client';
import { type Endpoint, type MeResponse, meRequest } from './api/requests';
import { readSettings } from './settings';

interface Service {
  endpoint: string;
  sponsorId: string;
}

/** Who the service says the caller is, and their roles. */
export const whoAmI = (endpoint: string): MeResponse => send<MeResponse>(meRequest({ baseUrl: endpoint }));

/** The caller's verified email when they are an admin of the sponsor, else an error saying who may. */
export function requireAdmin(service: Service, action: string): string {
  const me = whoAmI(service.endpoint);
  const role = me.sponsors[service.sponsorId]?.role;
  if (role !== 'admin')
    throw new Error(
      `${action}: only an admin of sponsor ${service.sponsorId} may do this; the Qualcard service knows ${me.email} as ${role ?? 'no member of that sponsor'}. Ask one of its admins.`,
    );
  return me.email;
}

/** The spreadsheet's service, or an error saying to connect it first. */
export function requireService<S extends Service>(settings: S, action: string): S {
  if (!settings.endpoint || !settings.sponsorId)
    throw new Error(`${action}: connect this spreadsheet to the Qualcard service and its sponsor first (set-up)`);
  return settings;
}

/** This spreadsheet's service for an admin's action, once the service says the caller is an admin of its sponsor. */
export function adminEndpoint(action: string): Endpoint {
  const settings = requireService(readSettings(), action);
  requireAdmin(settings, action);
  return { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
}
