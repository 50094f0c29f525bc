// Firestore adapter of the framework registry: one document per sponsor framework, one per published version.
// A version is written once (create in a transaction) and never changed.
import type { Firestore } from 'firebase-admin/firestore';
import * as z from 'zod';
import { paths } from '../db';
import { typed } from './convert';

export const FrameworkDoc = z.object({
  owner: z.string(),
  title: z.string(),
  latestVersion: z.string(),
  /** In publishing order. */
  versions: z.array(z.string()),
  updatedAt: z.string(),
});
export type FrameworkDoc = z.infer<typeof FrameworkDoc>;

export const VersionDoc = z.object({
  frameworkId: z.string(),
  version: z.string(),
  /** The framework as canonical JSON: what the SHA-256 is of, and what every reader parses. */
  json: z.string(),
  sha256: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string(),
});
export type VersionDoc = z.infer<typeof VersionDoc>;

const frameworkDoc = typed(FrameworkDoc);
const versionDoc = typed(VersionDoc);
const frameworkRef = (db: Firestore, sid: string, fid: string) =>
  db.doc(`${paths.frameworks(sid)}/${fid}`).withConverter(frameworkDoc);
const versionRef = (db: Firestore, sid: string, fid: string, version: string) =>
  db.doc(`${paths.frameworkVersions(sid, fid)}/${version}`).withConverter(versionDoc);

export type WriteOutcome =
  | { kind: 'created' }
  | { kind: 'same'; stored: VersionDoc }
  | { kind: 'different'; stored: VersionDoc };

export async function readFrameworkDocs(db: Firestore, sid: string): Promise<Map<string, FrameworkDoc>> {
  const snap = await db.collection(paths.frameworks(sid)).withConverter(frameworkDoc).get();
  return new Map(snap.docs.map((d) => [d.id, d.data()]));
}

export async function readFrameworkDoc(db: Firestore, sid: string, fid: string): Promise<FrameworkDoc | undefined> {
  return (await frameworkRef(db, sid, fid).get()).data();
}

export async function readVersionDoc(
  db: Firestore,
  sid: string,
  fid: string,
  version: string,
): Promise<VersionDoc | undefined> {
  return (await versionRef(db, sid, fid, version).get()).data();
}

/**
 * Publishes a version unless one of that name exists; the framework document lists it and makes it the latest.
 * `owner` is the sponsor, or "qualcard" for a shipped version kept in the sponsor's registry.
 */
export async function writeVersion(
  db: Firestore,
  sid: string,
  title: string,
  doc: VersionDoc,
  owner: string = sid,
): Promise<WriteOutcome> {
  const fwRef = frameworkRef(db, sid, doc.frameworkId);
  const vRef = versionRef(db, sid, doc.frameworkId, doc.version);
  return db.runTransaction(async (tx) => {
    const [fw, existing] = await Promise.all([tx.get(fwRef), tx.get(vRef)]);
    const stored = existing.data();
    if (stored) return stored.sha256 === doc.sha256 ? { kind: 'same', stored } : { kind: 'different', stored };
    const before = fw.data();
    const framework: FrameworkDoc = {
      owner,
      title,
      latestVersion: doc.version,
      versions: [...(before?.versions ?? []), doc.version],
      updatedAt: doc.publishedAt,
    };
    tx.create(vRef, doc);
    tx.set(fwRef, framework);
    return { kind: 'created' };
  });
}
