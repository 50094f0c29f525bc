// A shipped framework version is immutable like a published one: sponsors' apprentices are pinned to it and their
// registries keep a copy. So any change to a shipped framework's content needs a new version, and this lock records
// every version ever shipped with the SHA-256 of its canonical JSON (old entries stay: sponsors may be pinned to them).
import { createHash } from 'node:crypto';
import lock from '../../shared/framework-versions.json';
import { canonicalJson, shippedFrameworks } from '../../shared/src';

const hashes = lock as Record<string, Record<string, string>>;

test.each(shippedFrameworks().map((f) => [f.id, f]))(
  '%s: its shipped version has the content it was locked with',
  (_id, f) => {
    const sha = createHash('sha256').update(canonicalJson(f)).digest('hex');
    const locked = hashes[f.id]?.[f.version];
    const fix = `give ${f.id} a new version in tools/seeds/ and add "${f.id}": { "<new version>": "${sha}" } to shared/framework-versions.json, keeping the old entries`;
    if (locked === undefined)
      throw new Error(`${f.id} ${f.version} is not in shared/framework-versions.json: add "${f.version}": "${sha}"`);
    if (locked !== sha) throw new Error(`${f.id} ${f.version} changed content after it shipped: ${fix}`);
    expect(locked).toBe(sha);
  },
);
