// The sidebar's first call: which home to open (home-rules.ts), from the service's "who am I" and this
// spreadsheet's settings; connecting the spreadsheet to a service; a person's choice among their homes.

import { requireAdmin, whoAmI } from './admin-check';
import { checkBaseUrl } from './api/requests';
import { homeOf, offlineMessage } from './home-rules';
import { withLock } from './lock';
import { readSettings, writeSettings } from './settings';
import { HOME_ROLES, type Home, type HomeRole } from './sidebar-api';

const roleKey = (sponsorId: string): string => `qualcard.home.${sponsorId}`;
const userProps = (): GoogleAppsScript.Properties.Properties => PropertiesService.getUserProperties();

export function getHome(): Home {
  const settings = readSettings();
  const blank: Home = {
    stage: 'connect',
    email: '',
    endpoint: settings.endpoint,
    sponsorId: settings.sponsorId,
    sponsorName: settings.sponsorId,
    roles: [],
    role: null,
    adminOf: [],
  };
  if (!settings.endpoint) return blank;
  try {
    return homeOf(whoAmI(settings.endpoint), settings, userProps().getProperty(roleKey(settings.sponsorId)));
  } catch (e) {
    return {
      ...blank,
      stage: 'offline',
      message: offlineMessage(settings.endpoint, (e as Error).message),
    };
  }
}

/** Saves the service's URL. Anyone connects a spreadsheet with no sponsor yet; once it has one, only its admins. */
export function connect(endpoint: unknown): Home {
  const url = typeof endpoint === 'string' ? endpoint.trim() : '';
  const errors = checkBaseUrl(url);
  if (errors.length) throw new Error(`Connect: ${errors.join('; ')}`);
  const settings = readSettings();
  if (settings.endpoint && settings.sponsorId) requireAdmin(settings, 'Change the endpoint');
  withLock('Connect', () => writeSettings({ ...settings, endpoint: url }));
  return getHome();
}

export function chooseRole(role: unknown): Home {
  if (!HOME_ROLES.includes(role as HomeRole)) throw new Error(`Choose one of: ${HOME_ROLES.join(', ')}`);
  userProps().setProperty(roleKey(readSettings().sponsorId), role as HomeRole);
  return getHome();
}
