// Moving an apprentice from one published version of a framework to another, the way regenerating a sheet does:
// every sign-off and hours row is kept; a sign-off whose item left the framework is archived (isArchived), and
// one whose item came back is live again; a confirmation of an item the old version lacked is dropped. Pure: the functions show the diff, then apply the same plan.
import type { Framework } from '../model/framework';
import type { ApprenticeRecord, SignOff } from '../model/record';

export interface MigrationDiff {
  apprenticeId: string;
  fromVersion: string;
  /** Items of the new version the old one did not have. */
  itemsAdded: string[];
  /** Items that left the framework; `signed` when the apprentice has a sign-off for it (kept, archived). */
  itemsArchived: { itemId: string; signed: boolean }[];
  levelsRemoved: string[];
}

const itemIds = (f: Framework): string[] => f.workFunctions.flatMap((wf) => wf.items.map((i) => i.id));

export function migrationDiff(from: Framework, to: Framework, record: ApprenticeRecord): MigrationDiff {
  const before = itemIds(from);
  const after = new Set(itemIds(to));
  const had = new Set(before);
  const signed = new Set(record.signOffs.map((s) => s.itemId));
  const toLevels = new Set(to.levels.map((l) => l.id));
  return {
    apprenticeId: record.apprentice.id,
    fromVersion: from.version,
    itemsAdded: [...after].filter((id) => !had.has(id)),
    itemsArchived: before.filter((id) => !after.has(id)).map((itemId) => ({ itemId, signed: signed.has(itemId) })),
    levelsRemoved: from.levels.map((l) => l.id).filter((id) => !toLevels.has(id)),
  };
}

/**
 * The sign-offs after the move: archived when the item is not in the new version (an earlier archive mark is
 * kept), live again when it is. `at` is the migration's time, the same for every row.
 */
export function migratedSignOffs(signOffs: SignOff[], from: Framework, to: Framework, at: string): SignOff[] {
  const inNew = new Set(itemIds(to));
  const inOld = new Set(itemIds(from));
  return signOffs.map((s) => {
    // A confirmation made while the apprentice's version did not have the item confirmed nothing (the engine never
    // counted it: signoff.unknown-item); a migration never turns it into one that counts. The row stays, typed.
    const made = !s.archived && !inOld.has(s.itemId) ? withoutConfirmation(s) : s;
    if (inNew.has(made.itemId)) {
      const { archived: _, ...live } = made;
      return live;
    }
    return made.archived ? made : { ...made, archived: { fromVersion: from.version, toVersion: to.version, at } };
  });
}

function withoutConfirmation(s: SignOff): SignOff {
  const { confirmation: _, ...typed } = s;
  return typed;
}
