// Moving apprentices to another published version of their framework (POST .../frameworks/:id/migrations). The diff
// comes first and writes nothing; applied, each apprentice is one audited commit (commitApprentice) that keeps every
// sign-off and hours row, archives the sign-offs of items that left (shared engine/migration.ts) and pins the
// version, then its stored progress is recomputed.
import { type Apprentice, type Framework, type MigrationDiff, migratedSignOffs, migrationDiff } from '@qualcard/shared';
import type { MigrationRequest } from '@qualcard/shared/api';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { type SponsorSettings, sponsorSettings } from './clock';
import { firestore, paths } from './db';
import { badRequest, conflict, notFound } from './http/errors';
import { progressFor, storeProgress } from './progress';
import { adoptShipped, resolveFramework } from './registry';
import { commitApprentice, readRecord, recordOf } from './store/apprentice';

export interface MigrationAnswer {
  fromVersions: string[];
  toVersion: string;
  applied: boolean;
  apprentices: MigrationDiff[];
}

/** The apprentices asked for (each must be on the framework), or every one on it at another version. */
async function candidates(sid: string, fid: string, body: MigrationRequest): Promise<Apprentice[]> {
  const db = firestore();
  let snaps: DocumentSnapshot[];
  if (body.apprenticeIds) snaps = await db.getAll(...body.apprenticeIds.map((a) => db.doc(paths.apprentice(sid, a))));
  else snaps = (await db.collection(paths.apprentices(sid)).where('apprentice.frameworkId', '==', fid).get()).docs;
  const found = snaps.map((s) => s.get('apprentice') as Apprentice | undefined);
  found.forEach((a, i) => {
    if (body.apprenticeIds && a?.frameworkId !== fid)
      throw badRequest(`apprenticeIds.${i}: ${body.apprenticeIds[i]} is not an apprentice on ${fid}`, {
        issues: [{ path: `apprenticeIds.${i}`, message: `not an apprentice on ${fid}` }],
      });
  });
  return (found as Apprentice[]).filter((a) => a.frameworkVersion !== body.toVersion);
}

interface Move {
  from: Framework;
  diff: MigrationDiff;
}

async function planMove(sid: string, a: Apprentice, to: Framework): Promise<Move> {
  const from = (await resolveFramework(sid, a.frameworkId, a.frameworkVersion))?.framework;
  if (!from)
    throw conflict(
      `apprentice ${a.id} is on ${a.frameworkId} version "${a.frameworkVersion}", which is not in the registry`,
    );
  if (!to.levels.some((l) => l.id === a.levelId))
    throw conflict(
      `toVersion: ${to.id} version "${to.version}" has no level ${a.levelId}, the level apprentice ${a.id} works towards; change their level first`,
    );
  const record = await readRecord(firestore(), sid, a.id);
  return { from, diff: migrationDiff(from, to, record!) };
}

async function applyMove(
  sid: string,
  by: string,
  to: Framework,
  move: Move,
  at: string,
  settings: SponsorSettings,
): Promise<void> {
  const db = firestore();
  const aid = move.diff.apprenticeId;
  const commit = await commitApprentice(db, sid, aid, by, (state) => {
    const rows = [...state.signOffs.values()];
    const moved = migratedSignOffs(
      rows.map((r) => r.data),
      move.from,
      to,
      at,
    );
    return {
      profile: { ...state.profile!, apprentice: { ...state.profile!.apprentice, frameworkVersion: to.version } },
      signOffs: rows.map((r, i) => ({ ...r, data: moved[i]! })),
      hours: [...state.hours.values()],
    };
  });
  const record = recordOf(sid, commit.target);
  await storeProgress(db, sid, record, await progressFor(sid, record, settings.today, [], settings.programs));
}

export async function migrate(sid: string, fid: string, body: MigrationRequest, by: string): Promise<MigrationAnswer> {
  const to = (await resolveFramework(sid, fid, body.toVersion))?.framework;
  if (!to) throw notFound(`toVersion: ${fid} has no published version "${body.toVersion}"`);
  const moves: Move[] = [];
  for (const a of await candidates(sid, fid, body)) moves.push(await planMove(sid, a, to));
  if (body.apply) {
    const at = new Date().toISOString();
    const settings = await sponsorSettings(sid);
    await adoptShipped(sid, [{ frameworkId: fid, frameworkVersion: to.version }]);
    for (const move of moves) await applyMove(sid, by, to, move, at, settings);
  }
  return {
    fromVersions: [...new Set(moves.map((m) => m.diff.fromVersion))].sort(),
    toVersion: to.version,
    applied: body.apply,
    apprentices: moves.map((m) => m.diff),
  };
}
