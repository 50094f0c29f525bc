// The CLI is a shipped tool: it reaches the API through the shared client core and the contract, and depends on
// nothing in scripts/ (development scripts), addon/ (Apps Script) or functions/ (the server), however indirectly.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

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

/** Every repository file reachable by imports from `entry`. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const next = resolveImport(file, (m[1] ?? m[2])!);
      if (next) queue.push(next);
    }
  }
  return seen;
}

test('the CLI reaches only tools/cli and shared/src', () => {
  const files = [...reachable(join(ROOT, 'tools/cli/main.ts'))].map((f) => relative(ROOT, f));
  // The walk follows imports: it finds the client core and the contract the CLI sends its requests with.
  expect(files).toEqual(
    expect.arrayContaining(['tools/cli/remote.ts', 'shared/src/api/client/fetch.ts', 'shared/src/api/routes.ts']),
  );
  expect(files.filter((f) => !/^(tools\/cli|shared\/src)\//.test(f))).toEqual([]);
});

test('the walk would see a forbidden import', () => {
  const files = [...reachable(join(ROOT, 'scripts/demo.ts'))].map((f) => relative(ROOT, f));
  expect(files).toContain('functions/src/store/apprentice.ts');
});
