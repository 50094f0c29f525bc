// POST /v1/sponsors/:sponsorId/sync: what the sheets hold (typed entries) for some apprentices, with an idempotency
// key. Everything is checked (schema, framework fit, roles, sizes) and the key is claimed before the first write.
import { rowConfirmations, type SheetRecord } from '@qualcard/shared';
import type { SyncAnswer, SyncedApprentice, sync } from '@qualcard/shared/api';
import { canonicalJson, sha256 } from '../canonical';
import { clockFor, sponsorSettings } from '../clock';
import { adminFirestore, firestore, MAX_WRITES_PER_COMMIT, paths } from '../db';
import type { Handler } from '../http/router';
import { MemberDoc, requireRole } from '../membership';
import { progressFor, type StoredProgress, storeProgress } from '../progress';
import { adoptShipped } from '../registry';
import { commitApprentice, readRecord, recordOf } from '../store/apprentice';
import { checkCoachRecords, checkFrameworks, checkPrograms, checkRecords, checkSizes } from '../sync/checks';
import { claimKey, finishKey } from '../sync/idempotency';
import { planSync } from '../sync/plan';
import { pinVersions } from '../sync/versions';
import { who } from './context';

export const syncRoute: Handler<typeof sync> = async (call) => {
  const sid = call.params.sponsorId;
  const member = await who(call.req);
  const role = requireRole(member, sid, call.roles, 'sync').role;
  const body = call.body();
  const db = firestore();
  const stored = await sponsorSettings(sid);
  // The admin's spreadsheet sets the sponsor's time zone and programs; a coach's sync cannot change them.
  const timeZone = role === 'admin' && body.timeZone ? body.timeZone : stored.timeZone;
  const newPrograms = role === 'admin' && body.programs ? body.programs : {};
  await checkPrograms(sid, newPrograms);
  const programs = { ...stored.programs, ...newPrograms };
  const asOf = body.asOf ?? clockFor(timeZone).today;

  checkRecords(sid, body.records);
  const snaps = await db.getAll(...body.records.map((r) => db.doc(paths.apprentice(sid, r.apprentice.id))));
  const records = await pinVersions(sid, body.records, snaps);
  await checkFrameworks(sid, records, asOf, programs);
  if (role === 'coach') checkCoachRecords(member.email, records, snaps);
  checkSizes(sid, records, snaps);

  const keyRef = db.doc(`${paths.syncs(sid)}/${sha256(body.idempotencyKey)}`);
  // Programs join the hash only when sent, so a body without them hashes as it always did.
  const hashed = { asOf: body.asOf ?? null, timeZone, records: body.records };
  const requestHash = sha256(
    canonicalJson(Object.keys(newPrograms).length ? { ...hashed, programs: newPrograms } : hashed),
  );
  const claim = await claimKey(db, keyRef, body.idempotencyKey, requestHash, member.email);
  if (claim.state === 'done') return { body: await replay(sid, claim.apprenticeIds, asOf, timeZone) };
  await adoptShipped(
    sid,
    records.map((r) => r.apprentice),
  );

  if (role === 'admin') {
    if (timeZone !== stored.timeZone) await db.doc(paths.sponsor(sid)).set({ timeZone }, { merge: true });
    // Each program sent replaces the stored one whole (a merge would keep a wage schedule the sheet no longer has).
    if (canonicalJson(programs) !== canonicalJson(stored.programs)) {
      const fields = Object.keys(newPrograms).map((fid) => new (adminFirestore().FieldPath)('programs', fid));
      await db.doc(paths.sponsor(sid)).set({ programs: newPrograms }, { mergeFields: fields });
    }
    await addRosterMembers(sid, records);
  }
  // One apprentice after another: each is its own transaction, and the Firestore emulator (where every test runs)
  // deadlocks overlapping transactions that query (16 at once: "Transaction lock timeout" after 20 s, bench:scale).
  const results: SyncedApprentice[] = [];
  for (const record of records) {
    const aid = record.apprentice.id;
    const commit = await commitApprentice(db, sid, aid, member.email, (state) => planSync(sid, record, state));
    const merged = recordOf(sid, commit.target);
    const saved = await storeProgress(db, sid, merged, await progressFor(sid, merged, asOf, [], programs));
    results.push({
      apprenticeId: aid,
      changes: { profile: commit.profileChanged, signOffs: commit.signOffs, hours: commit.hours },
      progress: saved.progress,
      confirmations: rowConfirmations(merged),
    });
  }
  await finishKey(
    keyRef,
    results.map((r) => r.apprenticeId),
  );
  return { body: { sponsorId: sid, asOf, timeZone, replayed: false, apprentices: results } };
};

/** The admin's roster defines apprentices and coaches: give each email a role in the sponsor if it has none. */
async function addRosterMembers(sid: string, records: SheetRecord[]): Promise<void> {
  const db = firestore();
  const wanted = new Map<string, { role: 'apprentice' | 'coach'; apprenticeId?: string }>();
  for (const r of records)
    for (const c of r.apprentice.coachEmails) if (!wanted.has(c)) wanted.set(c, { role: 'coach' });
  for (const r of records) wanted.set(r.apprentice.email, { role: 'apprentice', apprenticeId: r.apprentice.id });
  const emails = [...wanted.keys()];
  const snaps = emails.length ? await db.getAll(...emails.map((e) => db.doc(paths.member(e)))) : [];
  let batch = db.batch();
  let writes = 0;
  for (const [i, snap] of snaps.entries()) {
    const doc = MemberDoc.safeParse(snap.data() ?? { email: emails[i] });
    if (doc.success && doc.data.sponsors[sid]) continue; // an existing role is never changed by a sync
    batch.set(snap.ref, { email: emails[i], sponsors: { [sid]: wanted.get(emails[i]!) } }, { merge: true });
    if (++writes === MAX_WRITES_PER_COMMIT) {
      await batch.commit();
      batch = db.batch();
      writes = 0;
    }
  }
  if (writes) await batch.commit();
}

/** A finished key answers again with what is stored now (progress and confirmations), writing nothing. */
async function replay(sid: string, ids: string[], asOf: string, timeZone: string): Promise<SyncAnswer> {
  const db = firestore();
  const snaps = ids.length ? await db.getAll(...ids.map((a) => db.doc(`${paths.progress(sid)}/${a}`))) : [];
  const none = { created: 0, updated: 0, deleted: 0 };
  const apprentices: SyncedApprentice[] = [];
  for (const [i, aid] of ids.entries()) {
    const record = await readRecord(db, sid, aid);
    apprentices.push({
      apprenticeId: aid,
      changes: { profile: false, signOffs: none, hours: none },
      progress: (snaps[i]!.data() as StoredProgress | undefined)?.progress ?? null,
      confirmations: record ? rowConfirmations(record) : null,
    });
  }
  return { sponsorId: sid, asOf, timeZone, replayed: true, apprentices };
}
