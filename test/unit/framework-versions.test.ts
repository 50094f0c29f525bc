// A shipped framework version is immutable like a published one: sponsors' apprentices are pinned to it and their
// registries keep a copy. So any change to a shipped framework's content needs a new version, and this lock records
// every version ever shipped with the SHA-256 of its canonical JSON (old entries stay: sponsors may be pinned to them).
// What a level requires also depends on a rule in engine code (workFunctionsRun): each shipped version's entry also
// locks the SHA-256 of what every level requires under the default program, as the engine computes it, so a change
// of rule fails here like a change of data. (Entries that are a bare string predate that and are no longer shipped.)
import { createHash } from 'node:crypto';
import lock from '../../shared/framework-versions.json';
import { canonicalJson, defaultProgramRequirements, type Framework, shippedFrameworks } from '../../shared/src';

type Entry = string | { content: string; required: string };
const hashes = lock as Record<string, Record<string, Entry>>;
const sha = (json: string): string => createHash('sha256').update(json).digest('hex');
const requiredSha = (f: Framework): string => sha(canonicalJson(defaultProgramRequirements(f)));

test.each(shippedFrameworks().map((f) => [f.id, f]))(
  '%s: its shipped version has the content and the requirements it was locked with',
  (_id, f) => {
    const entry = { content: sha(canonicalJson(f)), required: requiredSha(f) };
    const counts = defaultProgramRequirements(f)
      .map((l) => `${l.levelId} ${l.required.length}`)
      .join(', ');
    const fix = `give ${f.id} a new version in tools/seeds/ and add "${f.id}": { "<new version>": ${JSON.stringify(entry)} } to shared/framework-versions.json, keeping the old entries (required now: ${counts})`;
    const locked = hashes[f.id]?.[f.version];
    if (locked === undefined)
      throw new Error(
        `${f.id} ${f.version} is not in shared/framework-versions.json: add "${f.version}": ${JSON.stringify(entry)}`,
      );
    if (typeof locked === 'string')
      throw new Error(`${f.id} ${f.version}: a shipped version locks its requirements too: ${fix}`);
    if (locked.content !== entry.content)
      throw new Error(`${f.id} ${f.version} changed content after it shipped: ${fix}`);
    if (locked.required !== entry.required)
      throw new Error(
        `${f.id} ${f.version}: what its levels require under the default program changed (engine rule): ${fix}`,
      );
    expect(locked).toEqual(entry);
  },
);

test('a change of the engine rule alone fails the lock: leaving an optional work function out changes the hash', () => {
  const f = shippedFrameworks().find((x) => x.id === 'it-generalist-competencies')!;
  const withoutJf5 = { ...f, program: { ...f.program, optionalWorkFunctionsDefault: ['JF3', 'JF6'] } };
  expect(canonicalJson(withoutJf5.workFunctions)).toBe(canonicalJson(f.workFunctions));
  expect(requiredSha(withoutJf5)).not.toBe(requiredSha(f));
});
