// Benchmark: the add-on's Code.js, now and as built at the baseline commit, in one run: its bytes by part (esbuild's
// metafile: what actually lands in it), what the print settings weigh, and a fresh execution's load time (Code.js
// evaluated in a new node:vm context with the fake Apps Script services, then the first call that needs the
// frameworks, getState), median of alternating fresh loads.
//   npm run bench:addon-load
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { buildAddon, bytesByPart, CODE_BUDGET_BYTES, CODE_OUTPUT } from '../addon/build';
import { runBundle } from '../addon/test-support/run-bundle';
import { BASELINE_COMMIT, baselineTree, medianMs } from './baseline';

const LOADS = Number(process.env.LOADS ?? 20);
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const out = () => mkdtempSync(join(tmpdir(), 'qualcard-bench-addon-'));

/** The baseline's Code.js from its own build, and its parts from a metafile build with that build's settings. */
async function baseline(): Promise<{ code: string; parts: Record<string, number> }> {
  const dir = baselineTree(['addon', 'shared', 'templates', 'tsconfig.json']);
  const old = (await import(join(dir, 'addon/build.ts'))) as typeof import('../addon/build');
  const outDir = out();
  await old.buildAddon({ outDir });
  const meta = await build({
    entryPoints: [join(dir, 'addon/src/main.ts')],
    bundle: true,
    write: false,
    target: 'es2019',
    platform: 'neutral',
    minify: true,
    mainFields: ['module', 'main'],
    tsconfig: join(dir, 'tsconfig.json'),
    inject: [join(dir, 'addon/shims.ts')],
    format: 'iife',
    globalName: '__qualcard',
    metafile: true,
    logLevel: 'error',
  });
  return { code: readFileSync(join(outDir, 'Code.js'), 'utf8'), parts: bytesByPart(meta.metafile) };
}

function describe(label: string, code: string, parts: Record<string, number>): void {
  const lines = code.split('\n');
  const locales = Object.keys(parts).filter((p) => p.startsWith('zod locale '));
  const grouped = Object.entries(parts).filter(([p]) => locales.length < 2 || !locales.includes(p));
  if (locales.length > 1) grouped.push([`zod locales (${locales.length})`, locales.reduce((n, p) => n + parts[p]!, 0)]);
  const top = grouped.sort((a, b) => b[1] - a[1]);
  console.log(
    `${label}: ${kib(Buffer.byteLength(code))}, ${lines.length} lines, longest ${Math.max(...lines.map((l) => l.length))} characters`,
  );
  console.log(`  ${top.map(([part, bytes]) => `${part} ${kib(bytes)}`).join(', ')}`);
}

/** One fresh execution: evaluate Code.js (a new source each time, so V8 compiles it anew), then getState(). */
function freshLoad(code: string, i: number): [number, number] {
  const { context, ms } = runBundle(`${code}\n// load ${i}`);
  const start = performance.now();
  (context.getState as () => unknown)();
  return [ms, ms + performance.now() - start];
}

async function main(): Promise<void> {
  const before = await baseline();
  const now = await buildAddon({ outDir: out() });
  const code = readFileSync(join(now.outDir, 'Code.js'), 'utf8');
  describe(`baseline (${BASELINE_COMMIT})`, before.code, before.parts);
  describe('now', code, now.parts);
  console.log(`budget: ${kib(CODE_BUDGET_BYTES)}; now ${kib(now.codeBytes)}\n`);

  const variants: [string, BuildOptions][] = [
    ['now: names kept, minified, lines of ~200 (CODE_OUTPUT)', CODE_OUTPUT],
    ['names kept, whitespace kept, identifiers and syntax minified', { ...CODE_OUTPUT, minifyWhitespace: false }],
    ['names kept, nothing minified', { keepNames: true }],
  ];
  for (const [label, output] of variants)
    console.log(`${label.padEnd(64)} ${kib((await buildAddon({ outDir: out(), output })).codeBytes).padStart(10)}`);

  const samples: number[][] = [[], [], [], []];
  for (let i = 0; i < LOADS; i += 1) {
    const [a, b] = freshLoad(before.code, i);
    const [c, d] = freshLoad(code, i);
    for (const [k, v] of [a, b, c, d].entries()) samples[k]!.push(v);
  }
  const [evalBefore, stateBefore, evalNow, stateNow] = samples.map(medianMs) as [number, number, number, number];
  console.log(`\nfresh execution, median of ${LOADS} alternating loads (evaluate Code.js / + first getState()):`);
  console.log(`  baseline (${BASELINE_COMMIT}) ${evalBefore.toFixed(1)} ms / ${stateBefore.toFixed(1)} ms`);
  console.log(`  now              ${evalNow.toFixed(1)} ms / ${stateNow.toFixed(1)} ms`);
  console.log(`  ratio            ${(evalBefore / evalNow).toFixed(1)}x / ${(stateBefore / stateNow).toFixed(1)}x`);
}

main().catch((e: Error) => {
  console.error(e.stack);
  process.exit(1);
});
