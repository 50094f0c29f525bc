// Firestore adapter of the framework registry: one document per sponsor framework, one per published version.
// A version is written once (create in a transaction) and never changed.
import type { Firestore } from 'firebase-admin/firestore';
import { paths } from '../db';

export interface FrameworkDoc {
  owner: string;
  title: string;
  latestVersion: string;
  /** In publishing order. */
  versions: string[];
  updatedAt: string;
}

export interface VersionDoc {
  frameworkId: string;
  version: string;
  /** The framework as canonical JSON: what the SHA-256 is of, and what every reader parses. */
  json: string;
  sha256: string;
  publishedBy: string;
  publishedAt: string;
}

export type WriteOutcome =
  | { kind: 'created' }
  | { kind: 'same'; stored: VersionDoc }
  | { kind: 'different'; stored: VersionDoc };

export async function readFrameworkDocs(db: Firestore, sid: string): Promise<Map<string, FrameworkDoc>> {
  const snap = await db.collection(paths.frameworks(sid)).get();
  return new Map(snap.docs.map((d) => [d.id, d.data() as FrameworkDoc]));
}

export async function readFrameworkDoc(db: Firestore, sid: string, fid: string): Promise<FrameworkDoc | undefined> {
  return (await db.doc(`${paths.frameworks(sid)}/${fid}`).get()).data() as FrameworkDoc | undefined;
}

export async function readVersionDoc(
  db: Firestore,
  sid: string,
  fid: string,
  version: string,
): Promise<VersionDoc | undefined> {
  return (await db.doc(`${paths.frameworkVersions(sid, fid)}/${version}`).get()).data() as VersionDoc | undefined;
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
  const frameworkRef = db.doc(`${paths.frameworks(sid)}/${doc.frameworkId}`);
  const versionRef = db.doc(`${paths.frameworkVersions(sid, doc.frameworkId)}/${doc.version}`);
  return db.runTransaction(async (tx) => {
    const [fw, existing] = await Promise.all([tx.get(frameworkRef), tx.get(versionRef)]);
    if (existing.exists) {
      const stored = existing.data() as VersionDoc;
      return stored.sha256 === doc.sha256 ? { kind: 'same', stored } : { kind: 'different', stored };
    }
    const before = fw.data() as FrameworkDoc | undefined;
    const framework: FrameworkDoc = {
      owner,
      title,
      latestVersion: doc.version,
      versions: [...(before?.versions ?? []), doc.version],
      updatedAt: doc.publishedAt,
    };
    tx.create(versionRef, doc);
    tx.set(frameworkRef, framework);
    return { kind: 'created' };
  });
}
