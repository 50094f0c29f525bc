// The framework registry: the frameworks Qualcard ships (bundled with the code, owner "qualcard") and the ones a
// sponsor published (store/frameworks.ts), resolved the same way and validated by the same zod model. A shipped
// version that a sponsor's apprentices are pinned to is kept in the sponsor's registry too (adoptShipped), so it
// still resolves after a release ships a newer one. A published version never changes, so parsed versions are
// cached in memory.
import { Framework, getFramework, shippedFrameworks } from '@qualcard/shared';
import type { Firestore } from 'firebase-admin/firestore';
import { canonicalJson, sha256 } from './canonical';
import { MAX_DOCUMENT_BYTES } from './db';
import { Conflict, NotFound, TooLarge } from './domain/errors';
import { logs } from './logs';
import {
  type FrameworkDoc,
  readFrameworkDoc,
  readFrameworkDocs,
  readVersionDoc,
  type VersionDoc,
  writeVersion,
} from './store/frameworks';

export const SHIPPED_OWNER = 'qualcard';

export interface RegistryEntry {
  id: string;
  title: string;
  owner: string;
  latestVersion: string;
  versions: string[];
}

export interface ResolvedFramework {
  framework: Framework;
  owner: string;
  version: string;
  publishedAt?: string;
  publishedBy?: string;
}

const shipped = (id: string): Framework | undefined => getFramework(id);

/**
 * Parsed versions by sponsor, id and version; a published version is immutable, so an entry never goes stale. (A
 * test that clears the database under a running instance must not publish the same id and version again with other
 * content: the instance would still serve the first.)
 */
const cache = new Map<string, ResolvedFramework>();
const CACHE_LIMIT = 64;
const cacheKey = (sid: string, id: string, version: string) => `${sid}\u0000${id}\u0000${version}`;

function remember(key: string, value: ResolvedFramework): ResolvedFramework {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

const fromVersionDoc = (sid: string, doc: VersionDoc): ResolvedFramework => ({
  framework: Framework.parse(JSON.parse(doc.json)),
  owner: shipped(doc.frameworkId) ? SHIPPED_OWNER : sid,
  version: doc.version,
  publishedAt: doc.publishedAt,
  publishedBy: doc.publishedBy,
});

/** The framework `id` at `version` (the latest published without one), or undefined if there is none. */
export async function resolveFramework(
  db: Firestore,
  sid: string,
  id: string,
  version?: string,
): Promise<ResolvedFramework | undefined> {
  const bundled = shipped(id);
  if (bundled && (!version || version === bundled.version))
    return { framework: bundled, owner: SHIPPED_OWNER, version: bundled.version };
  // Another version of a shipped framework is one an earlier release shipped and the sponsor's registry kept.
  const wanted = version ?? (await readFrameworkDoc(db, sid, id))?.latestVersion;
  if (!wanted) return undefined;
  const key = cacheKey(sid, id, wanted);
  const hit = cache.get(key);
  if (hit) return hit;
  const doc = await readVersionDoc(db, sid, id, wanted);
  return doc ? remember(key, fromVersionDoc(sid, doc)) : undefined;
}

/** The framework a record names; NotFound naming the id and version when the registry has no such version. */
export async function frameworkFor(db: Firestore, sid: string, id: string, version?: string): Promise<Framework> {
  const found = await resolveFramework(db, sid, id, version);
  if (!found) throw new NotFound(`no framework "${id}"${version ? ` version "${version}"` : ''} for sponsor ${sid}`);
  return found.framework;
}

/** Every framework a sponsor can use: the shipped ones (with earlier versions kept), then the sponsor's own by id. */
export async function listFrameworks(db: Firestore, sid: string): Promise<RegistryEntry[]> {
  const own = await readFrameworkDocs(db, sid);
  const bundled = shippedFrameworks().map((f) => ({
    id: f.id,
    title: f.title,
    owner: SHIPPED_OWNER,
    latestVersion: f.version,
    versions: [...new Set([...(own.get(f.id)?.versions ?? []), f.version])],
  }));
  const sponsor = [...own.entries()]
    .filter(([id]) => !shipped(id))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, d]: [string, FrameworkDoc]) => ({
      id,
      title: d.title,
      owner: d.owner,
      latestVersion: d.latestVersion,
      versions: d.versions,
    }));
  return [...bundled, ...sponsor];
}

export interface Published {
  frameworkId: string;
  version: string;
  created: boolean;
  sha256: string;
}

const adopted = new Set<string>();

/**
 * Keeps each shipped version these apprentices are pinned to in the sponsor's registry (once per instance): a
 * later release that ships a newer version still resolves theirs. Called once a sync or migration is going to write.
 * The same version with other content means a release changed a shipped framework without a new version (the
 * versions lock test prevents it): the kept copy stays the record and the error is logged.
 */
export async function adoptShipped(
  db: Firestore,
  sid: string,
  pinned: { frameworkId: string; frameworkVersion?: string }[],
) {
  for (const { frameworkId, frameworkVersion } of pinned) {
    const bundled = shipped(frameworkId);
    const key = cacheKey(sid, frameworkId, frameworkVersion ?? '');
    if (!bundled || frameworkVersion !== bundled.version || adopted.has(key)) continue;
    const json = canonicalJson(bundled);
    const doc = { frameworkId, version: bundled.version, json, sha256: sha256(json) };
    const at = { publishedBy: SHIPPED_OWNER, publishedAt: new Date().toISOString() };
    const outcome = await writeVersion(db, sid, bundled.title, { ...doc, ...at }, SHIPPED_OWNER);
    if (outcome.kind === 'different') logs.shippedFrameworkDiffers(sid, frameworkId, bundled.version);
    adopted.add(key);
  }
}

/** Room left in the version document for its other fields. */
const DOC_OVERHEAD = 4 * 1024;

/**
 * Publishes a validated framework as an immutable version. The same content again changes nothing; other content
 * under a published version, or a shipped framework's id, is a Conflict; a document Firestore cannot hold is TooLarge.
 */
export async function publishFramework(
  db: Firestore,
  sid: string,
  framework: Framework,
  by: string,
): Promise<Published> {
  if (shipped(framework.id))
    throw new Conflict(
      `framework.id: "${framework.id}" is a framework Qualcard ships; publish an extension under its own id (e.g. "${framework.id}-${sid}")`,
    );
  const json = canonicalJson(framework);
  const size = Buffer.byteLength(json);
  if (size + DOC_OVERHEAD > MAX_DOCUMENT_BYTES)
    throw new TooLarge(
      `framework: ${size} bytes as JSON; a published version is one Firestore document of at most ${MAX_DOCUMENT_BYTES - DOC_OVERHEAD} bytes (shorten texts or split the framework)`,
    );
  const doc: VersionDoc = {
    frameworkId: framework.id,
    version: framework.version,
    json,
    sha256: sha256(json),
    publishedBy: by,
    publishedAt: new Date().toISOString(),
  };
  const outcome = await writeVersion(db, sid, framework.title, doc);
  if (outcome.kind === 'different')
    throw new Conflict(
      `framework.version: ${framework.id} version "${framework.version}" was published on ${outcome.stored.publishedAt} by ${outcome.stored.publishedBy} with other content; a published version never changes: publish a new version`,
    );
  return {
    frameworkId: framework.id,
    version: framework.version,
    created: outcome.kind === 'created',
    sha256: doc.sha256,
  };
}
