// Issuing follows stored progress: whenever progress is stored (sync, confirmation, sign-off, migration all go
// through storeProgress), each level the engine says is complete gets its credential once, and a credential whose
// level is no longer complete is flagged for an admin to review and revoke. The engine decides completion, on the
// entries that count (engine/provenance.ts); nothing here re-decides it.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type ApprenticeRecord,
  countedEntries,
  type Framework,
  type LevelProgress,
  type Progress,
} from '@qualcard/shared';
import { earnsCredential, levelCredential } from '@qualcard/shared/credentials/build';
import { signCredential } from '@qualcard/shared/credentials/jwt';
import { slotOf, statusEntry } from '@qualcard/shared/credentials/status-list';
import { issuerUrls } from '@qualcard/shared/credentials/vocabulary';
import type { Firestore } from 'firebase-admin/firestore';
import { sha256 } from '../canonical';
import { logs } from '../logs';
import { resolveFramework } from '../registry';
import { createCredential, credentialsOf, type StoredCredential, setFlag } from '../store/credentials';
import { readSponsor } from '../store/sponsors';
import { allocateStatus } from '../store/status-lists';
import { signWithDataIntegrity } from './data-integrity';
import { issuerKey, kidFor, publicUrl } from './key';

export type { StoredCredential } from '../store/credentials';

export const credentialKey = (aid: string, fid: string, version: string, levelId: string): string =>
  sha256(JSON.stringify([aid, fid, version, levelId])).slice(0, 32);

/** A stable URI for the apprentice that reveals nothing about them (the credential subject's id, the JWT's sub). */
export function subjectId(sid: string, aid: string): string {
  const h = createHash('sha256').update(`qualcard-apprentice\n${sid}\n${aid}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Context {
  db: Firestore;
  sid: string;
  record: ApprenticeRecord;
  progress: Progress;
}

async function issueOne(ctx: Context, framework: Framework, sponsorName: string, level: LevelProgress) {
  const { sid, record, progress } = ctx;
  const { apprentice } = record;
  const salt = randomBytes(16).toString('hex');
  const key = await issuerKey();
  const slot = slotOf(sid, await allocateStatus(ctx.db, sid));
  const credential = levelCredential({
    id: `urn:uuid:${randomUUID()}`,
    baseUrl: publicUrl(),
    sponsor: { id: sid, name: sponsorName },
    framework,
    level,
    counted: countedEntries(framework, record, progress.asOf, progress.timeZone),
    recipient: {
      id: subjectId(sid, apprentice.id),
      name: apprentice.name,
      startDate: apprentice.startDate,
      emailHash: `sha256$${sha256(apprentice.email + salt)}`,
      salt,
    },
    issuedAt: new Date().toISOString(),
    status: statusEntry(issuerUrls(publicUrl(), sid).statusList(slot.list), slot.index),
  });
  const stored: StoredCredential = {
    credentialId: credentialKey(apprentice.id, framework.id, framework.version, level.levelId),
    id: credential.id,
    sponsorId: sid,
    apprenticeId: apprentice.id,
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    levelId: level.levelId,
    name: credential.name,
    issuedAt: credential.validFrom,
    jwt: await signCredential(credential, key.privateKey, kidFor(sid, key)),
    dataIntegrity: JSON.stringify(await signWithDataIntegrity(sid, { ...credential }, ctx.db)),
    status: 'active',
    statusList: slot,
  };
  // Not stored when another request issued it first: one credential per apprentice, version and level.
  await createCredential(ctx.db, stored);
}

/** Flags (or clears the flag of) the apprentice's active credentials on this framework version. */
async function reviewFlags(ctx: Context, existing: StoredCredential[], complete: Set<string>): Promise<void> {
  const now = new Date().toISOString();
  for (const c of existing) {
    if (c.status !== 'active' || c.frameworkVersion !== ctx.progress.frameworkVersion) continue;
    // An admin who kept it has reviewed this very drop: flagged again only after the level is complete again.
    if (!complete.has(c.levelId) && !c.flag && !c.kept) {
      const reason = `${c.levelId} is no longer complete on confirmed entries: review and revoke if it should not stand`;
      await setFlag(ctx.db, ctx.sid, c.credentialId, { since: now, reason });
    } else if (complete.has(c.levelId) && (c.flag || c.kept)) {
      await setFlag(ctx.db, ctx.sid, c.credentialId, undefined);
    }
  }
}

async function reconcile(ctx: Context, wasComplete: boolean): Promise<void> {
  const { db, sid, record, progress } = ctx;
  const complete = progress.levels.filter(earnsCredential);
  if (complete.length === 0 && !wasComplete) return;
  const existing = await credentialsOf(db, sid, record.apprentice.id);
  await reviewFlags(ctx, existing, new Set(complete.map((l) => l.levelId)));
  const have = new Set(existing.map((c) => c.credentialId));
  const fid = record.apprentice.frameworkId;
  const missing = complete.filter(
    (l) => !have.has(credentialKey(record.apprentice.id, fid, progress.frameworkVersion, l.levelId)),
  );
  if (missing.length === 0) return;
  const [resolved, sponsor] = await Promise.all([
    resolveFramework(db, sid, fid, progress.frameworkVersion),
    readSponsor(db, sid),
  ]);
  if (!resolved) throw new Error(`framework ${fid} ${progress.frameworkVersion} is not in the registry`);
  const sponsorName = sponsor.name ?? sid;
  for (const level of missing) await issueOne(ctx, resolved.framework, sponsorName, level);
}

/**
 * Brings the apprentice's credentials in line with the progress just stored. `wasComplete`: whether the progress
 * stored before had a complete level (a credential may need its flag). A failure (no signing key, say) is logged and
 * does not fail the sync or confirmation that stored the progress: the next time progress is stored retries it.
 */
export async function reconcileCredentials(
  db: Firestore,
  sid: string,
  record: ApprenticeRecord,
  progress: Progress,
  wasComplete: boolean,
): Promise<void> {
  try {
    await reconcile({ db, sid, record, progress }, wasComplete);
  } catch (e) {
    logs.credentialsNotReconciled(sid, e);
  }
}
