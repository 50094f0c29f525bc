// sponsors/{sid}: the sponsor's name, time zone, programs (by framework id) and digest settings. Each field is read
// leniently: one that does not parse reads as absent (the default), as it always has, and never fails a request.
import { Programs } from '@qualcard/shared';
import { DigestSettings, type SponsorMembership } from '@qualcard/shared/api';
import type { DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import * as z from 'zod';
import { adminFirestore, paths } from '../db';
import { getAll, typed } from './convert';
import { readRoleIn, setRoleIn } from './members';

export const SponsorDoc = z.object({
  name: z.string().optional().catch(undefined),
  timeZone: z.string().optional().catch(undefined),
  programs: Programs.catch({}),
  digest: DigestSettings.optional().catch(undefined),
  /** The sponsor's Ed25519 signing key versions, oldest first (credentials/sponsor-keys.ts); absent: version 1 only. */
  issuerKeys: z
    .array(z.object({ version: z.number().int().positive(), since: z.string().optional() }))
    .min(1)
    .optional()
    .catch(undefined),
});
export type SponsorDoc = z.infer<typeof SponsorDoc>;
export const sponsorConverter = typed(SponsorDoc);

/** A sponsor document's fields, from a snapshot already read (absent fields when there is no document). */
export const sponsorOf = (snap: DocumentSnapshot): SponsorDoc => SponsorDoc.parse(snap.data() ?? {});

export interface Sponsor extends SponsorDoc {
  id: string;
  exists: boolean;
}

export async function readSponsor(db: Firestore, sid: string): Promise<Sponsor> {
  const snap = await db.doc(paths.sponsor(sid)).withConverter(sponsorConverter).get();
  return { id: sid, exists: snap.exists, ...(snap.data() ?? SponsorDoc.parse({})) };
}

export async function readSponsors(db: Firestore, sids: string[]): Promise<Sponsor[]> {
  const snaps = await getAll(
    db,
    sids.map((sid) => db.doc(paths.sponsor(sid)).withConverter(sponsorConverter)),
  );
  return snaps.map((s, i) => ({ id: sids[i]!, exists: s.exists, ...(s.data() ?? SponsorDoc.parse({})) }));
}

/** The sponsors whose digest is on. */
export async function sponsorsWithDigest(db: Firestore): Promise<Sponsor[]> {
  const snap = await db
    .collection('sponsors')
    .where('digest.enabled', '==', true)
    .withConverter(sponsorConverter)
    .get();
  return snap.docs.map((d) => ({ id: d.id, exists: true, ...d.data() }));
}

export async function setTimeZone(db: Firestore, sid: string, timeZone: string): Promise<void> {
  await db.doc(paths.sponsor(sid)).set({ timeZone }, { merge: true });
}

/** Each program sent replaces the stored one whole (a merge would keep a wage schedule the sheet no longer has). */
export async function replacePrograms(db: Firestore, sid: string, programs: Programs): Promise<void> {
  const fields = Object.keys(programs).map((fid) => new (adminFirestore().FieldPath)('programs', fid));
  await db.doc(paths.sponsor(sid)).set({ programs }, { mergeFields: fields });
}

/** mergeFields replaces the whole `digest` map: a sheet link left out is removed, not kept from before. */
export async function setDigest(db: Firestore, sid: string, digest: DigestSettings): Promise<void> {
  await db.doc(paths.sponsor(sid)).set({ digest }, { mergeFields: ['digest'] });
}

/** A new sponsor's document: its name, its time zone when given, and when it was created. */
export interface NewSponsor {
  name: string;
  timeZone?: string;
  createdAt: string;
}

/**
 * Creates the sponsor document and gives `admin` the admin role in it, in one transaction, unless a document of that
 * id exists: then nothing is written and its fields are answered.
 */
export async function createSponsorWithAdmin(
  db: Firestore,
  sid: string,
  sponsor: NewSponsor,
  admin: string,
): Promise<{ created: true } | { created: false; existing: SponsorDoc }> {
  const ref = db.doc(paths.sponsor(sid)).withConverter(sponsorConverter);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (snap.exists) return { created: false, existing: snap.data() ?? SponsorDoc.parse({}) };
    tx.create(db.doc(paths.sponsor(sid)), sponsor);
    setRoleIn(tx, db, admin, sid, { role: 'admin' });
    return { created: true };
  });
}

/**
 * Gives `email` the admin role in an existing sponsor when `may(role it holds there now)` says so, in one transaction
 * with the check that the sponsor exists. Answers that role (undefined for none) and whether it was written, or
 * `missing` when there is no such sponsor (nothing written).
 */
export async function addAdminToSponsor(
  db: Firestore,
  sid: string,
  email: string,
  may: (before: SponsorMembership | undefined) => boolean,
): Promise<
  { missing: true } | { missing: false; sponsor: SponsorDoc; before: SponsorMembership | undefined; written: boolean }
> {
  const ref = db.doc(paths.sponsor(sid)).withConverter(sponsorConverter);
  return db.runTransaction(async (tx) => {
    const [snap, before] = await Promise.all([tx.get(ref), readRoleIn(tx, db, email, sid)]);
    if (!snap.exists) return { missing: true };
    const written = may(before);
    if (written) setRoleIn(tx, db, email, sid, { role: 'admin' });
    return { missing: false, sponsor: snap.data() ?? SponsorDoc.parse({}), before, written };
  });
}

export type IssuerKeyVersion = NonNullable<SponsorDoc['issuerKeys']>[number];
/** Every sponsor signs with version 1 until its key is first rotated. */
export const issuerKeysOf = (doc: SponsorDoc): IssuerKeyVersion[] => doc.issuerKeys ?? [{ version: 1 }];

/**
 * Adds the next key version (the one that signs from now on), in one transaction with the read of the versions
 * before; `missing` when there is no such sponsor (nothing written).
 */
export async function addIssuerKeyVersion(
  db: Firestore,
  sid: string,
  since: string,
): Promise<{ missing: true } | { missing: false; sponsor: SponsorDoc; versions: IssuerKeyVersion[] }> {
  const ref = db.doc(paths.sponsor(sid)).withConverter(sponsorConverter);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return { missing: true };
    const sponsor = snap.data() ?? SponsorDoc.parse({});
    const before = issuerKeysOf(sponsor);
    const versions = [...before, { version: Math.max(...before.map((k) => k.version)) + 1, since }];
    tx.set(db.doc(paths.sponsor(sid)), { issuerKeys: versions }, { mergeFields: ['issuerKeys'] });
    return { missing: false, sponsor, versions };
  });
}
