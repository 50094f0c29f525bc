// The CLI is a shipped tool: it reaches the API through the shared client core and the contract, and depends on
// nothing in scripts/ (development scripts), addon/ (Apps Script) or functions/ (the server), however indirectly.
// One exception, and only one: the Firebase project owner's commands (`sponsor create`, `sponsor add-admin`) make a
// sponsor and its first admin before anyone is a member who could call the API. They run the functions' own use
// case and store code with the Admin SDK (one definition of the Firestore paths and the member document, not a copy),
// so tools/cli/owner.ts loads functions/src/owner.ts, the owner's entry point. Every other command goes through the
// HTTP contract, and any other import of functions/ (or of scripts/, addon/) from the CLI fails here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
// `import ... from`, `export ... from`, `import('...')` (also in `typeof import(...)`) and `require('...')`.
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
const CLI_OWN = /^(tools\/cli|shared\/src)\//;
/** The one import of the CLI that leaves tools/cli and shared/src: the owner's commands. */
const OWNER_EDGE = 'tools/cli/owner.ts -> functions/src/owner.ts';

/** The repository file a specifier names, or undefined for a package. */
function resolveImport(from: string, spec: string): string | undefined {
  const alias = /^@qualcard\/shared(?:\/(.*))?$/.exec(spec);
  const base = alias
    ? join(ROOT, 'shared/src', alias[1] ?? 'index')
    : spec.startsWith('.')
      ? resolve(dirname(from), spec)
      : undefined;
  if (!base) return undefined;
  return [`${base}.ts`, join(base, 'index.ts'), base].find((f) => existsSync(f) && f.endsWith('.ts'));
}

/** The repository files a file imports, relative to the root. */
function imports(file: string): string[] {
  const code = readFileSync(join(ROOT, file), 'utf8');
  return [...code.matchAll(SPECIFIER)].flatMap((m) => {
    const next = resolveImport(join(ROOT, file), (m[1] ?? m[2] ?? m[3])!);
    return next ? [relative(ROOT, next)] : [];
  });
}

/**
 * Every repository file reachable by imports from `entry`, and the imports that leave tools/cli and shared/src
 * ("from -> to"); the walk does not go through an edge in `stop`.
 */
function walk(entry: string, stop: string[] = []): { files: string[]; leaving: string[] } {
  const seen = new Set<string>();
  const leaving = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const next of imports(file)) {
      const edge = `${file} -> ${next}`;
      if (CLI_OWN.test(file) && !CLI_OWN.test(next)) leaving.add(edge);
      if (!stop.includes(edge)) queue.push(next);
    }
  }
  return { files: [...seen].sort(), leaving: [...leaving].sort() };
}

test('apart from the owner commands, the CLI reaches only tools/cli and shared/src', () => {
  const { files } = walk('tools/cli/main.ts', [OWNER_EDGE]);
  // The walk follows imports: it finds the client core and the contract the CLI sends its requests with.
  expect(files).toEqual(
    expect.arrayContaining(['tools/cli/remote.ts', 'shared/src/api/client/fetch.ts', 'shared/src/api/routes.ts']),
  );
  expect(files.filter((f) => !CLI_OWN.test(f))).toEqual([]);
});

test("the only import leaving tools/cli and shared/src is the owner commands' entry point", () => {
  const { files, leaving } = walk('tools/cli/main.ts');
  expect(leaving).toEqual([OWNER_EDGE]);
  // Through it, the functions' use case and store code, never the HTTP layer, the add-on or the scripts.
  expect(files).toEqual(
    expect.arrayContaining(['functions/src/usecases/sponsors.ts', 'functions/src/store/members.ts']),
  );
  expect(files.filter((f) => !CLI_OWN.test(f) && !f.startsWith('functions/src/'))).toEqual([]);
  expect(files.filter((f) => /^functions\/src\/(routes|http)\/|^functions\/src\/(app|index)\.ts$/.test(f))).toEqual([]);
});

test('the walk would see a forbidden import', () => {
  const { files } = walk('scripts/demo.ts');
  expect(files).toContain('functions/src/store/apprentice.ts');
  // and a CLI file importing functions/ directly would be a second leaving edge
  expect(walk('tools/cli/owner.ts').leaving).toEqual([OWNER_EDGE]);
  const leavingFromFunctions = walk('functions/src/owner.ts').leaving;
  expect(leavingFromFunctions).toEqual([]);
});
