// The migrate use case (route migration): moving apprentices to another published version of their framework. The diff
// comes first and writes nothing; applied, each apprentice is one audited commit (commitApprentice) that keeps every
// sign-off and hours row, archives the sign-offs of items that left (shared engine/migration.ts) and pins the
// version, then its stored progress is recomputed.
import { type Apprentice, type Framework, type MigrationDiff, migratedSignOffs, migrationDiff } from '@qualcard/shared';
import type { MigrationAnswer, MigrationRequest } from '@qualcard/shared/api';
import type { Firestore } from 'firebase-admin/firestore';
import { type SponsorSettings, sponsorSettings, todayOf } from '../clock';
import { Conflict, Invalid, NotFound } from '../domain/errors';
import { type Member, type Role, requireRole } from '../domain/members';
import { progressFor, storeProgress } from '../progress';
import { adoptShipped, resolveFramework } from '../registry';
import { apprenticesOn, commitApprentice, readApprenticeDocs, readRecord, recordOf } from '../store/apprentice';
import type { Deps, Input } from './deps';
import { checkIds } from './frameworks';

/** The apprentices asked for (each must be on the framework), or every one on it at another version. */
async function candidates(db: Firestore, sid: string, fid: string, body: MigrationRequest): Promise<Apprentice[]> {
  const found = body.apprenticeIds
    ? (await readApprenticeDocs(db, sid, body.apprenticeIds)).map((d) => d?.apprentice)
    : await apprenticesOn(db, sid, fid);
  found.forEach((a, i) => {
    if (body.apprenticeIds && a?.frameworkId !== fid)
      throw new Invalid(`apprenticeIds.${i}: ${body.apprenticeIds[i]} is not an apprentice on ${fid}`, {
        issues: [{ path: `apprenticeIds.${i}`, message: `not an apprentice on ${fid}` }],
      });
  });
  return (found as Apprentice[]).filter((a) => a.frameworkVersion !== body.toVersion);
}

interface Move {
  from: Framework;
  diff: MigrationDiff;
}

async function planMove(db: Firestore, sid: string, a: Apprentice, to: Framework): Promise<Move> {
  const from = (await resolveFramework(db, sid, a.frameworkId, a.frameworkVersion))?.framework;
  if (!from)
    throw new Conflict(
      `apprentice ${a.id} is on ${a.frameworkId} version "${a.frameworkVersion}", which is not in the registry`,
    );
  if (!to.levels.some((l) => l.id === a.levelId))
    throw new Conflict(
      `toVersion: ${to.id} version "${to.version}" has no level ${a.levelId}, the level apprentice ${a.id} works towards; change their level first`,
    );
  const record = await readRecord(db, sid, a.id);
  return { from, diff: migrationDiff(from, to, record!) };
}

async function applyMove(
  db: Firestore,
  sid: string,
  by: string,
  to: Framework,
  move: Move,
  at: string,
  settings: SponsorSettings,
): Promise<void> {
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
  await storeProgress(db, sid, record, await progressFor(db, sid, record, todayOf(settings), [], settings.programs));
}

export async function migrate(
  { db, now }: Deps,
  member: Member,
  { sid, fid, roles }: { sid: string; fid: string; roles: Role[] },
  read: Input<MigrationRequest>,
): Promise<MigrationAnswer> {
  requireRole(member, sid, roles, 'moving apprentices to another framework version');
  checkIds({ frameworkId: fid });
  const body = read();
  const to = (await resolveFramework(db, sid, fid, body.toVersion))?.framework;
  if (!to) throw new NotFound(`toVersion: ${fid} has no published version "${body.toVersion}"`);
  const moves: Move[] = [];
  for (const a of await candidates(db, sid, fid, body)) moves.push(await planMove(db, sid, a, to));
  if (body.apply) {
    const at = now().toISOString();
    const settings = await sponsorSettings(db, sid, now());
    await adoptShipped(db, sid, [{ frameworkId: fid, frameworkVersion: to.version }]);
    for (const move of moves) await applyMove(db, sid, member.email, to, move, at, settings);
  }
  return {
    fromVersions: [...new Set(moves.map((m) => m.diff.fromVersion))].sort(),
    toVersion: to.version,
    applied: body.apply,
    apprentices: moves.map((m) => m.diff),
  };
}
