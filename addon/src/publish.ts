// The sponsor framework in the Qualcard registry: "Publish framework" sends the imported Framework sheet as a
// version; "Move apprentices to version" shows the service's diff, and applies it only when the admin confirms
// (with exactly the apprentices the diff listed).
import { ID_PATTERN } from '@qualcard/shared';
import { send } from './api/client';
import {
  ApiError,
  type Endpoint,
  type MigrationResponse,
  migrationRequest,
  type PublishResponse,
  publishFrameworkRequest,
} from './api/requests';
import { readSettings, readSponsorFramework } from './settings';
import type { MigrationInput, MigrationResult, PublishResult } from './sidebar-api';

function endpointFor(action: string): Endpoint {
  const s = readSettings();
  if (!s.endpoint || !s.sponsorId)
    throw new Error(`${action}: set the Qualcard endpoint and sponsor id in set-up first`);
  return { baseUrl: s.endpoint, sponsorId: s.sponsorId };
}

function sponsorFramework(action: string) {
  const f = readSponsorFramework();
  if (!f) throw new Error(`${action}: import the Framework sheet first`);
  return f;
}

export function publishFramework(): PublishResult {
  const endpoint = endpointFor('Publish framework');
  const f = sponsorFramework('Publish framework');
  const named = `${f.id} version ${f.version}`;
  try {
    const r = send<PublishResponse>(publishFrameworkRequest(endpoint, f));
    return {
      frameworkId: r.frameworkId,
      version: r.version,
      outcome: r.created ? 'created' : 'unchanged',
      message: r.created ? `Published ${named}.` : `${named} is already published with this content: nothing changed.`,
    };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    return { frameworkId: f.id, version: f.version, outcome: 'conflict', message: `Not published: ${e.message}` };
  }
}

function migration(input: MigrationInput, apply: boolean): MigrationResult {
  const action = 'Move apprentices to version';
  const endpoint = endpointFor(action);
  const f = sponsorFramework(action);
  const toVersion = typeof input?.toVersion === 'string' && input.toVersion ? input.toVersion : f.version;
  if (!ID_PATTERN.test(toVersion)) throw new Error(`${action}: "${toVersion}" is not a version`);
  const ids = Array.isArray(input?.apprenticeIds) ? input.apprenticeIds.map(String) : undefined;
  if (apply && !ids?.length) throw new Error(`${action}: show the changes first; nobody was moved`);
  const r = send<MigrationResponse>(
    migrationRequest(endpoint, f.id, {
      toVersion,
      ...(ids ? { apprenticeIds: ids } : {}),
      ...(apply ? { apply } : {}),
    }),
  );
  return { frameworkId: f.id, toVersion: r.toVersion, applied: r.applied, apprentices: r.apprentices };
}

/** The diff only: the service writes nothing. */
export const previewMigration = (input: MigrationInput): MigrationResult => migration(input, false);
/** The move, for the apprentices of the diff the admin confirmed. */
export const applyMigration = (input: MigrationInput): MigrationResult => migration(input, true);
