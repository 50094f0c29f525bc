// Which version of its framework each synced apprentice is on. A sheet normally does not say: the stored version
// is kept, and a new apprentice is pinned to the latest published one. Naming another version than the stored one
// is a migration's job (usecases/migrate.ts), never a sync's.
import type { SheetRecord } from '@qualcard/shared';
import { pathOf } from '@qualcard/shared/api';
import * as api from '@qualcard/shared/api/routes';
import type { Firestore } from 'firebase-admin/firestore';
import { Conflict } from '../domain/errors';
import { resolveFramework } from '../registry';
import type { ApprenticeDoc } from '../store/apprentice-doc';

const migrationPath = (sponsorId: string, frameworkId: string): string =>
  `${api.migration.method} ${pathOf(api.migration, { sponsorId, frameworkId })}`;

/** The records with `apprentice.frameworkVersion` set (left out only when the framework is unknown: a 400 later). */
export async function pinVersions(
  db: Firestore,
  sid: string,
  records: SheetRecord[],
  stored: (ApprenticeDoc | undefined)[],
): Promise<SheetRecord[]> {
  // The latest version of each framework, read once per sync however many records name it.
  const latestOf = new Map<string, Promise<string | undefined>>();
  const latest = (id: string): Promise<string | undefined> => {
    if (!latestOf.has(id))
      latestOf.set(
        id,
        resolveFramework(db, sid, id).then((r) => r?.version),
      );
    return latestOf.get(id)!;
  };
  const pinned: SheetRecord[] = [];
  for (const [i, record] of records.entries()) {
    const before = stored[i]?.apprentice;
    const { frameworkId, frameworkVersion: asked } = record.apprentice;
    const same = before?.frameworkId === frameworkId;
    // Records stored before the registry name no version: they are on the latest (the shipped one).
    const current = same ? (before.frameworkVersion ?? (await latest(frameworkId))) : undefined;
    if (current !== undefined && asked !== undefined && asked !== current)
      throw new Conflict(
        `records.${i}.apprentice.frameworkVersion: apprentice ${record.apprentice.id} is on ${frameworkId} version "${current}"; moving to "${asked}" is a migration (${migrationPath(sid, frameworkId)}), not a sync`,
      );
    const version = current ?? asked ?? (await latest(frameworkId));
    pinned.push(
      version === undefined ? record : { ...record, apprentice: { ...record.apprentice, frameworkVersion: version } },
    );
  }
  return pinned;
}
