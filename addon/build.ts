// Builds the add-on for clasp: addon/dist/Code.js (one esbuild bundle plus a top-level stub per entry
// point, nothing else top-level), addon/dist/appsscript.json and addon/dist/Sidebar.html (CSS and JS inlined).
//   QUALCARD_ENDPOINT=https://us-central1-<project>.cloudfunctions.net/api npm run build:addon   (or --endpoint <url>)
//   npm run build:addon -- --local        a build that is never pushed, without an endpoint: out/addon/
// addon/dist is what `clasp push` uploads (`npm run push:addon` builds first), so it is only ever written with a
// deployed functions URL (DeployedFunctionsUrl) in the manifest's urlFetchWhitelist: otherwise the build fails
// before writing anything and clasp never runs.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { DeployedFunctionsUrl, firstIssue, whitelistPrefix } from '../shared/src/api/endpoint';
import { checkShippedFrameworks } from '../shared/src/frameworks-check';
import { loadShippedFrameworks } from '../shared/src/frameworks-data';

const root = __dirname;
const dist = join(root, 'dist');
const localOut = join(root, '..', 'out', 'addon');
const GLOBAL = '__qualcard';
const SET_ENDPOINT =
  'Set QUALCARD_ENDPOINT to the deployed functions URL, e.g. ' +
  'QUALCARD_ENDPOINT=https://us-central1-<project>.cloudfunctions.net/api npm run push:addon ' +
  '(or npm run build:addon -- --endpoint <url>)';

/** The most Code.js may weigh; test/unit/addon-bundle.test.ts fails past it. */
export const CODE_BUDGET_BYTES = 350 * 1024;

/**
 * How Code.js is printed: names kept (keepNames: a stack trace in the Apps Script console names the function) and
 * lines of at most 200 characters (so its line:column points into one statement). Whitespace and identifiers are
 * minified: unminified whitespace alone costs ~90 KiB (zod's classic API is most of it), which does not fit the
 * budget (bench/addon-load.ts prints what each setting weighs).
 */
export const CODE_OUTPUT: BuildOptions = {
  keepNames: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  minifyWhitespace: true,
  lineLimit: 200,
};

const FRAMEWORKS_DATA = resolve(root, '../shared/src/frameworks-data.ts');

/**
 * The shipped frameworks, checked here (the build fails on one that is not exactly its Framework.parse output), go
 * into the bundle as one gzipped base64 string that addon/src/shipped-frameworks.ts decodes on first use.
 */
function shippedFrameworks(): { plugin: Plugin; define: Record<string, string> } {
  const json = JSON.stringify(checkShippedFrameworks(loadShippedFrameworks()));
  const plugin: Plugin = {
    name: 'shipped-frameworks',
    setup(b) {
      b.onResolve({ filter: /frameworks-data$/ }, (args) =>
        resolve(args.resolveDir, `${args.path}.ts`) === FRAMEWORKS_DATA
          ? { path: join(root, 'src/shipped-frameworks.ts') }
          : undefined,
      );
    },
  };
  const base64 = gzipSync(json, { level: 9 }).toString('base64');
  return { plugin, define: { QUALCARD_SHIPPED_FRAMEWORKS: JSON.stringify(base64) } };
}

/** What a bundle input counts as: its npm package (zod's locales one by one), the shipped frameworks, or its folder. */
function partOf(path: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  const locale = /\/locales\/([^/]+)\.js$/.exec(path)?.[1];
  if (pkg) return locale ? `${pkg} locale ${locale}` : pkg;
  if (/shared\/frameworks\/[^/]+\.json$|shipped-frameworks\.ts$/.test(path)) return 'shipped frameworks';
  // The folder under the repository (or under a copy of it elsewhere, as bench/addon-load.ts builds the baseline).
  return /(?:^|\/)((?:addon|shared|templates)\/[^/]+)/.exec(path)?.[1] ?? path;
}

/** Bytes of a bundle by part (partOf), from its metafile: what actually lands in it. */
export function bytesByPart(metafile: Metafile): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const [path, input] of Object.entries(Object.values(metafile.outputs)[0]!.inputs))
    parts[partOf(path)] = (parts[partOf(path)] ?? 0) + input.bytesInOutput;
  return parts;
}

export class EndpointError extends Error {
  override name = 'EndpointError';
}

/** The folder clasp pushes: addon/.clasp.json's rootDir (dist when there is none). */
function pushDir(): string {
  const clasp = join(root, '.clasp.json');
  const rootDir = existsSync(clasp)
    ? (JSON.parse(readFileSync(clasp, 'utf8')) as { rootDir?: string }).rootDir
    : 'dist';
  return resolve(root, rootDir ?? '.');
}

/**
 * The manifest's urlFetchWhitelist for this build: from a deployed functions URL, or none for a build outside the
 * folder clasp pushes. Throws an EndpointError (saying what to set) for a missing endpoint in the push folder, and
 * for an endpoint that is not a deployed https URL (placeholder, http://, localhost, example domain) anywhere.
 */
export function resolveWhitelist(endpoint: string | undefined, outDir: string): string[] | undefined {
  const url = endpoint?.trim();
  if (url) {
    const checked = DeployedFunctionsUrl.safeParse(url);
    if (!checked.success)
      throw new EndpointError(`add-on not built: endpoint "${url}": ${firstIssue(checked)}. ${SET_ENDPOINT}.`);
    return [whitelistPrefix(url)];
  }
  const out = resolve(outDir);
  if (out === resolve(dist) || out === pushDir())
    throw new EndpointError(
      `add-on not built: ${out} is what clasp pushes, and its urlFetchWhitelist needs the functions URL. ` +
        `${SET_ENDPOINT}. For a build that is never pushed: npm run build:addon -- --local (writes out/addon).`,
    );
  return undefined;
}

/** `output`: print settings other than CODE_OUTPUT, for bench/addon-load.ts to weigh them. */
export async function buildAddon(opts: { endpoint?: string; outDir?: string; output?: BuildOptions } = {}): Promise<{
  entryPoints: string[];
  codeBytes: number;
  /** Code.js's bytes by part (bytesByPart): what lands in the bundle. */
  parts: Record<string, number>;
  outDir: string;
  urlFetchWhitelist?: string[];
}> {
  const outDir = opts.outDir ?? dist;
  const whitelist = resolveWhitelist(opts.endpoint ?? process.env.QUALCARD_ENDPOINT, outDir);
  mkdirSync(outDir, { recursive: true });
  const frameworks = shippedFrameworks();
  const common: BuildOptions = {
    entryPoints: [join(root, 'src/main.ts')],
    bundle: true,
    write: false,
    target: 'es2019',
    platform: 'neutral',
    ...(opts.output ?? CODE_OUTPUT),
    mainFields: ['module', 'main'],
    tsconfig: join(root, '..', 'tsconfig.json'),
    inject: [join(root, 'shims.ts')],
    plugins: [frameworks.plugin],
    define: frameworks.define,
    logLevel: 'error',
  };
  // The esm build's metafile names the exports (an iife build's does not): those become the stubs.
  const esm = await build({ ...common, format: 'esm', metafile: true, outfile: 'main.js' });
  const entryPoints = Object.values(esm.metafile!.outputs)[0]!.exports.slice().sort();
  const iife = await build({ ...common, format: 'iife', globalName: GLOBAL, outfile: 'Code.js', metafile: true });
  const stubs = entryPoints
    .map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(null, arguments); }`)
    .join('\n');
  const code = `${iife.outputFiles![0]!.text}\n// Entry points Apps Script calls by name.\n${stubs}\n`;
  writeFileSync(join(outDir, 'Code.js'), code);

  const manifest = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')) as { urlFetchWhitelist?: string[] };
  if (whitelist) manifest.urlFetchWhitelist = whitelist;
  else delete manifest.urlFetchWhitelist;
  writeFileSync(join(outDir, 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const sidebar = await build({
    entryPoints: [join(root, 'sidebar/sidebar.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    tsconfig: join(root, 'sidebar/tsconfig.json'),
    logLevel: 'error',
  });
  const html = readFileSync(join(root, 'sidebar/sidebar.html'), 'utf8')
    .replace('/*STYLE*/', () => readFileSync(join(root, 'sidebar/sidebar.css'), 'utf8'))
    .replace('/*SCRIPT*/', () => sidebar.outputFiles![0]!.text.replace(/<\/script/gi, '<\\/script'));
  writeFileSync(join(outDir, 'Sidebar.html'), html);
  return {
    entryPoints,
    codeBytes: Buffer.byteLength(code),
    parts: bytesByPart(iife.metafile!),
    outDir,
    ...(whitelist ? { urlFetchWhitelist: whitelist } : {}),
  };
}

/** Command line: [--endpoint <url> | --endpoint=<url>] [--local]. */
export function parseArgs(argv: string[]): { endpoint?: string; outDir?: string } {
  const opts: { endpoint?: string; outDir?: string } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--local') opts.outDir = localOut;
    else if (arg === '--endpoint') {
      const value = argv[++i];
      if (!value || value.startsWith('--'))
        throw new EndpointError(`add-on not built: --endpoint needs a URL. ${SET_ENDPOINT}.`);
      opts.endpoint = value;
    } else if (arg.startsWith('--endpoint=')) opts.endpoint = arg.slice('--endpoint='.length);
    else throw new Error(`add-on not built: unknown argument ${arg} (use --endpoint <url> or --local)`);
  }
  return opts;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => buildAddon(parseArgs(process.argv.slice(2))))
    .then((r) =>
      console.log(
        `addon built in ${r.outDir}: Code.js ${(r.codeBytes / 1024).toFixed(0)} KiB ` +
          `(budget ${CODE_BUDGET_BYTES / 1024} KiB), entry points: ${r.entryPoints.join(', ')}; ` +
          `urlFetchWhitelist: ${r.urlFetchWhitelist?.join(', ') ?? 'none (not for pushing)'}`,
      ),
    )
    .catch((e: Error) => {
      console.error(e.message);
      process.exit(1);
    });
}
