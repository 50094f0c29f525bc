// Per-document settings in document properties: the endpoint, the sponsor, the chosen frameworks and a
// sponsor framework (chunked by UTF-8 bytes: a property value holds at most 9 kB, see chunks.ts).
import { Framework, getFramework, shippedFrameworks } from '@qualcard/shared';
import { chunkByBytes } from './chunks';
import type { Settings } from './sidebar-api';

export type { Settings };

const KEY = 'qualcard.settings';
const FRAMEWORK_KEY = 'qualcard.sponsorFramework';

const props = (): GoogleAppsScript.Properties.Properties => PropertiesService.getDocumentProperties();

export function readSettings(): Settings {
  const raw = props().getProperty(KEY);
  const s = raw ? (JSON.parse(raw) as Partial<Settings>) : {};
  return { endpoint: s.endpoint ?? '', sponsorId: s.sponsorId ?? '', frameworkIds: s.frameworkIds ?? [] };
}
export function writeSettings(s: Settings): void {
  props().setProperty(KEY, JSON.stringify(s));
}

export function readSponsorFramework(): Framework | null {
  const all = props().getProperties();
  const n = Number(all[`${FRAMEWORK_KEY}.n`] ?? 0);
  if (!n) return null;
  const json = Array.from({ length: n }, (_, i) => all[`${FRAMEWORK_KEY}.${i}`] ?? '').join('');
  return Framework.parse(JSON.parse(json));
}
export function writeSponsorFramework(f: Framework): void {
  const store = props();
  const before = Number(store.getProperty(`${FRAMEWORK_KEY}.n`) ?? 0);
  const chunks = chunkByBytes(JSON.stringify(f));
  const parts: Record<string, string> = { [`${FRAMEWORK_KEY}.n`]: String(chunks.length) };
  chunks.forEach((c, i) => {
    parts[`${FRAMEWORK_KEY}.${i}`] = c;
  });
  // The chunks of a longer earlier framework go first: the store's quota counts them too.
  for (let i = chunks.length; i < before; i += 1) store.deleteProperty(`${FRAMEWORK_KEY}.${i}`);
  store.setProperties(parts);
}

/** The frameworks this program uses: the chosen shipped ones plus the sponsor's own. */
export function programFrameworks(settings = readSettings()): Framework[] {
  const chosen = settings.frameworkIds.map((id) => getFramework(id)).filter((f): f is Framework => !!f);
  const sponsor = readSponsorFramework();
  return sponsor ? [...chosen.filter((f) => f.id !== sponsor.id), sponsor] : chosen;
}
export const availableFrameworks = (): Framework[] => shippedFrameworks();
