// POST /v1/sponsors/:sponsorId/sync: the sheets' roster and rows for some apprentices, with an idempotency key.
// Everything is validated (schema, framework fit, roles) before the first write.
import type { ApprenticeRecord, HoursEntry, SignOff } from '@qualcard/shared';
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { canonicalJson, sha256 } from '../canonical';
import { firestore, MAX_WRITES_PER_COMMIT, paths } from '../db';
import { parseBody } from '../http/body';
import { badRequest, conflict, forbidden } from '../http/errors';
import { type Member, MemberDoc, requireRole } from '../membership';
import { progressFor, type StoredProgress, storeProgress } from '../progress';
import { MAX_SYNC_BYTES, SyncRequest, today } from '../schemas';
import { type ApprenticeState, type ChangeCount, commitApprentice, recordOf, type Target } from '../store/apprentice';
import { hoursKeys, type Row, signOffKeys } from '../store/rows';
import { who } from './context';

export interface SyncedApprentice {
  apprenticeId: string;
  changes: { profile: boolean; signOffs: ChangeCount; hours: ChangeCount };
  progress: StoredProgress['progress'];
}

export async function syncRoute(req: Request, res: Response, params: Record<string, string>): Promise<void> {
  const sid = params.sponsorId!;
  const member = await who(req);
  const role = requireRole(member, sid, ['admin', 'coach'], 'sync').role;
  const body = parseBody(req, SyncRequest, MAX_SYNC_BYTES);
  const asOf = body.asOf ?? today();
  const db = firestore();

  validateRecords(sid, body.records, asOf);
  if (role === 'coach') await checkCoachRecords(sid, member, body.records);

  const keyRef = db.doc(`${paths.syncs(sid)}/${sha256(body.idempotencyKey)}`);
  const requestHash = sha256(canonicalJson({ asOf: body.asOf ?? null, records: body.records }));
  const previous = await keyRef.get();
  if (previous.exists) {
    if (previous.get('requestHash') !== requestHash)
      throw conflict(
        `idempotency key "${body.idempotencyKey}" was already used for a different sync on ${previous.get('createdAt')}`,
      );
    return replay(res, sid, previous.get('apprenticeIds') as string[], asOf);
  }

  if (role === 'admin') await addRosterMembers(sid, body.records);
  const results: SyncedApprentice[] = [];
  for (const record of body.records) {
    const aid = record.apprentice.id;
    const commit = await commitApprentice(db, sid, aid, member.email, (state) => planSync(record, state));
    const merged = recordOf(sid, commit.target);
    const stored = await storeProgress(db, sid, merged, progressFor(merged, asOf));
    results.push({
      apprenticeId: aid,
      changes: { profile: commit.profileChanged, signOffs: commit.signOffs, hours: commit.hours },
      progress: stored.progress,
    });
  }
  await keyRef
    .create({
      key: body.idempotencyKey,
      requestHash,
      createdBy: member.email,
      createdAt: new Date().toISOString(),
      apprenticeIds: results.map((r) => r.apprenticeId),
    })
    .catch(() => undefined); // a concurrent identical sync stored it first: same content, nothing to add
  res.json({ sponsorId: sid, asOf, replayed: false, apprentices: results });
}

function validateRecords(sid: string, records: ApprenticeRecord[], asOf: string): void {
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    if (record.sponsorId !== undefined && record.sponsorId !== sid) {
      throw badRequest(`records.${i}.sponsorId: record is for sponsor "${record.sponsorId}", not "${sid}"`, {
        issues: [{ path: `records.${i}.sponsorId`, message: 'sponsor mismatch' }],
      });
    }
    const first = seen.get(record.apprentice.id);
    if (first !== undefined)
      throw badRequest(`records.${i}.apprentice.id: apprentice "${record.apprentice.id}" is also records.${first}`, {
        issues: [{ path: `records.${i}.apprentice.id`, message: 'duplicate apprentice' }],
      });
    seen.set(record.apprentice.id, i);
    progressFor(record, asOf, ['records', i]); // framework and level must exist
  });
}

/** Coaches may sync only apprentices already on the roster with them as coach, and may not drop themselves. */
async function checkCoachRecords(sid: string, member: Member, records: ApprenticeRecord[]): Promise<void> {
  const db = firestore();
  const snaps = await db.getAll(...records.map((r) => db.doc(paths.apprentice(sid, r.apprentice.id))));
  snaps.forEach((snap, i) => {
    const stored = snap.get('apprentice.coachEmails') as string[] | undefined;
    const incoming = records[i]!.apprentice.coachEmails;
    if (!stored?.includes(member.email) || !incoming.includes(member.email)) {
      throw forbidden(
        `records.${i}: coach ${member.email} may sync only their own apprentices; ${records[i]!.apprentice.id} is not one`,
      );
    }
  });
}

/** The admin's roster defines apprentices and coaches: give each email a role in the sponsor if it has none. */
async function addRosterMembers(sid: string, records: ApprenticeRecord[]): Promise<void> {
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

/**
 * The target state for one apprentice: the sheet's rows in the sheet's order. A sign-off recorded through the
 * sign-off endpoint (a verified coach) is kept as recorded: the sheet can neither remove nor rewrite it.
 */
export function planSync(record: ApprenticeRecord, state: ApprenticeState): Target {
  const verified = [...state.signOffs.values()].filter((r) => r.source === 'api');
  const verifiedKeys = new Set(verified.map((r) => r.key));
  const sKeys = signOffKeys(record.signOffs);
  const signOffs: Row<SignOff>[] = [];
  record.signOffs.forEach((data, i) => {
    if (!verifiedKeys.has(sKeys[i]!)) signOffs.push({ key: sKeys[i]!, order: i, data, source: 'sync' });
  });
  const byOrder = verified.sort((a, b) => a.order - b.order);
  for (const [i, r] of byOrder.entries()) signOffs.push({ ...r, order: record.signOffs.length + i });
  const hKeys = hoursKeys(record.hours);
  const hours: Row<HoursEntry>[] = record.hours.map((data, i) => ({ key: hKeys[i]!, order: i, data, source: 'sync' }));
  const { apprentice, priorCredit, exams, certifications } = record;
  return { profile: { apprentice, priorCredit, exams, certifications }, signOffs, hours };
}

async function replay(res: Response, sid: string, apprenticeIds: string[], asOf: string): Promise<void> {
  const db = firestore();
  const snaps = apprenticeIds.length
    ? await db.getAll(...apprenticeIds.map((a) => db.doc(`${paths.progress(sid)}/${a}`)))
    : [];
  const none = { created: 0, updated: 0, deleted: 0 };
  res.json({
    sponsorId: sid,
    asOf,
    replayed: true,
    apprentices: snaps.map((s, i) => ({
      apprenticeId: apprenticeIds[i],
      changes: { profile: false, signOffs: none, hours: none },
      progress: (s.data() as StoredProgress | undefined)?.progress ?? null,
    })),
  });
}
