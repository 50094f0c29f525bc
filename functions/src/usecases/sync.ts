// The sync use case: what the sheets hold (typed entries) for some apprentices, with an idempotency key. Everything
// is checked (framework fit, roles, sizes) and the key is claimed before the first write.
import { type ApprenticeRecord, type Programs, rowConfirmations, type SheetRecord } from '@qualcard/shared';
import type { SyncAnswer, SyncedApprentice, SyncRequest } from '@qualcard/shared/api';
import type { Firestore } from 'firebase-admin/firestore';
import { canonicalJson, sha256 } from '../canonical';
import { type AsOfDay, clockFor, requestedAsOf, sponsorSettings } from '../clock';
import { type Member, type Role, requireRole, type SponsorMembership } from '../domain/members';
import { progressFor, progressView, storeProgress } from '../progress';
import { adoptShipped } from '../registry';
import { commitApprentice, readApprenticeDocs, readRecord, recordOf } from '../store/apprentice';
import { addMissingRoles } from '../store/members';
import { readProgresses } from '../store/progress';
import { replacePrograms, setTimeZone } from '../store/sponsors';
import { claimKey, finishKey } from '../store/syncs';
import { checkCoachRecords, checkFrameworks, checkPrograms, checkRecords, checkSizes } from '../sync/checks';
import { planSync } from '../sync/plan';
import { pinVersions } from '../sync/versions';
import type { Deps, Input } from './deps';

export async function sync(
  { db, now }: Deps,
  member: Member,
  { sid, roles }: { sid: string; roles: Role[] },
  read: Input<SyncRequest>,
): Promise<SyncAnswer> {
  const role = requireRole(member, sid, roles, 'sync').role;
  const body = read(); // parsed once the caller may sync (a 403 comes before a 400)
  const stored = await sponsorSettings(db, sid, now());
  // The admin's spreadsheet sets the sponsor's time zone and programs; a coach's sync cannot change them.
  const timeZone = role === 'admin' && body.timeZone ? body.timeZone : stored.timeZone;
  const newPrograms = role === 'admin' && body.programs ? body.programs : {};
  await checkPrograms(db, sid, newPrograms);
  const programs = { ...stored.programs, ...newPrograms };
  // Stored progress is as of the sponsor's today (in the time zone this sync leaves it with); an admin's asOf
  // shapes only the answer.
  const today = clockFor(timeZone, now()).today;
  const asOf = requestedAsOf(
    body.asOf,
    role,
    today,
    body.records.map((r) => r.apprentice.startDate),
  );

  checkRecords(sid, body.records);
  const docs = await readApprenticeDocs(
    db,
    sid,
    body.records.map((r) => r.apprentice.id),
  );
  const records = await pinVersions(db, sid, body.records, docs);
  await checkFrameworks(db, sid, records, { asOf, timeZone }, programs);
  if (role === 'coach') checkCoachRecords(member.email, records, docs);
  checkSizes(sid, records, docs);

  // Programs join the hash only when sent, so a body without them hashes as it always did.
  const hashed = { asOf: body.asOf ?? null, timeZone, records: body.records };
  const requestHash = sha256(
    canonicalJson(Object.keys(newPrograms).length ? { ...hashed, programs: newPrograms } : hashed),
  );
  const claim = await claimKey(db, sid, body.idempotencyKey, requestHash, member.email);
  if (claim.state === 'done') return replay(db, sid, claim.apprenticeIds, { asOf, today, timeZone, programs });
  await adoptShipped(
    db,
    sid,
    records.map((r) => r.apprentice),
  );
  if (role === 'admin') {
    if (timeZone !== stored.timeZone) await setTimeZone(db, sid, timeZone);
    if (canonicalJson(programs) !== canonicalJson(stored.programs)) await replacePrograms(db, sid, newPrograms);
    await addMissingRoles(db, sid, rosterRoles(records));
  }
  const apprentices = await commitAll(db, member.email, sid, records, {
    asOf,
    today,
    timeZone,
    programs,
    coach: role === 'coach',
  });
  await finishKey(
    db,
    sid,
    body.idempotencyKey,
    apprentices.map((r) => r.apprenticeId),
  );
  return { sponsorId: sid, asOf, timeZone, replayed: false, apprentices };
}

/**
 * One apprentice after another: each is its own transaction, and the Firestore emulator (where every test runs)
 * deadlocks overlapping transactions that query (16 at once: "Transaction lock timeout" after 20 s, bench:scale).
 */
async function commitAll(
  db: Firestore,
  who: string,
  sid: string,
  records: SheetRecord[],
  {
    asOf,
    today,
    timeZone,
    programs,
    coach,
  }: { asOf: string; today: string; timeZone: string; programs: Programs; coach: boolean },
): Promise<SyncedApprentice[]> {
  const results: SyncedApprentice[] = [];
  for (const record of records) {
    const aid = record.apprentice.id;
    const commit = await commitApprentice(db, sid, aid, who, (state) =>
      planSync(sid, record, state, coach ? who : undefined),
    );
    const merged = recordOf(sid, commit.target);
    const saved = await storeProgress(
      db,
      sid,
      merged,
      await progressFor(db, sid, merged, { asOf: today, timeZone }, [], programs),
    );
    results.push({
      apprenticeId: aid,
      changes: { profile: commit.profileChanged, signOffs: commit.signOffs, hours: commit.hours },
      progress: asOf === today ? saved.progress : await answerAsOf(db, sid, merged, { asOf, timeZone }, programs),
      confirmations: rowConfirmations(merged),
    });
  }
  return results;
}

/** The admin's roster defines apprentices and coaches: the role each email gets in the sponsor if it has none. */
function rosterRoles(records: SheetRecord[]): Map<string, SponsorMembership> {
  const wanted = new Map<string, SponsorMembership>();
  for (const r of records)
    for (const c of r.apprentice.coachEmails) if (!wanted.has(c)) wanted.set(c, { role: 'coach' });
  for (const r of records) wanted.set(r.apprentice.email, { role: 'apprentice', apprenticeId: r.apprentice.id });
  return wanted;
}

/** Progress as of an admin's past day, for the answer only: never stored, no credential follows it. */
async function answerAsOf(db: Firestore, sid: string, record: ApprenticeRecord, day: AsOfDay, programs: Programs) {
  return progressView(sid, record, await progressFor(db, sid, record, day, [], programs)).progress;
}

/** A finished key answers again with what is stored now (progress and confirmations), writing nothing. */
async function replay(
  db: Firestore,
  sid: string,
  ids: string[],
  { asOf, today, timeZone, programs }: { asOf: string; today: string; timeZone: string; programs: Programs },
): Promise<SyncAnswer> {
  const stored = await readProgresses(db, sid, ids);
  const none = { created: 0, updated: 0, deleted: 0 };
  const apprentices: SyncedApprentice[] = [];
  for (const [i, aid] of ids.entries()) {
    const record = await readRecord(db, sid, aid);
    const past = record && asOf !== today ? await answerAsOf(db, sid, record, { asOf, timeZone }, programs) : undefined;
    apprentices.push({
      apprenticeId: aid,
      changes: { profile: false, signOffs: none, hours: none },
      progress: past ?? stored[i]?.progress ?? null,
      confirmations: record ? rowConfirmations(record) : null,
    });
  }
  return { sponsorId: sid, asOf, timeZone, replayed: true, apprentices };
}
