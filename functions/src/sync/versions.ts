// Which version of its framework each synced apprentice is on. A sheet normally does not say: the stored version
// is kept, and a new apprentice is pinned to the latest published one. Naming another version than the stored one
// is a migration's job (routes/frameworks.ts), never a sync's.
import type { Apprentice, SheetRecord } from '@qualcard/shared';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { conflict } from '../http/errors';
import { resolveFramework } from '../registry';

/** The records with `apprentice.frameworkVersion` set (left out only when the framework is unknown: a 400 later). */
export async function pinVersions(
  sid: string,
  records: SheetRecord[],
  stored: DocumentSnapshot[],
): Promise<SheetRecord[]> {
  // The latest version of each framework, read once per sync however many records name it.
  const latestOf = new Map<string, Promise<string | undefined>>();
  const latest = (id: string): Promise<string | undefined> => {
    if (!latestOf.has(id))
      latestOf.set(
        id,
        resolveFramework(sid, id).then((r) => r?.version),
      );
    return latestOf.get(id)!;
  };
  const pinned: SheetRecord[] = [];
  for (const [i, record] of records.entries()) {
    const before = stored[i]?.get('apprentice') as Apprentice | undefined;
    const { frameworkId, frameworkVersion: asked } = record.apprentice;
    const same = before?.frameworkId === frameworkId;
    // Records stored before the registry name no version: they are on the latest (the shipped one).
    const current = same ? (before.frameworkVersion ?? (await latest(frameworkId))) : undefined;
    if (current !== undefined && asked !== undefined && asked !== current)
      throw conflict(
        `records.${i}.apprentice.frameworkVersion: apprentice ${record.apprentice.id} is on ${frameworkId} version "${current}"; moving to "${asked}" is a migration (POST /v1/sponsors/${sid}/frameworks/${frameworkId}/migrations), not a sync`,
      );
    const version = current ?? asked ?? (await latest(frameworkId));
    pinned.push(
      version === undefined ? record : { ...record, apprentice: { ...record.apprentice, frameworkVersion: version } },
    );
  }
  return pinned;
}
