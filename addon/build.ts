// Builds the add-on for clasp: addon/dist/Code.js (one esbuild bundle plus a top-level stub per entry
// point, nothing else top-level), addon/dist/appsscript.json and addon/dist/Sidebar.html (CSS and JS inlined).
//   QUALCARD_ENDPOINT=https://us-central1-my-project.cloudfunctions.net/api npm run build:addon

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = __dirname;
const dist = join(root, 'dist');
const GLOBAL = '__qualcard';

export async function buildAddon(
  opts: { endpoint?: string; outDir?: string } = {},
): Promise<{ entryPoints: string[]; codeBytes: number; outDir: string }> {
  const outDir = opts.outDir ?? dist;
  mkdirSync(outDir, { recursive: true });
  const common = {
    entryPoints: [join(root, 'src/main.ts')],
    bundle: true,
    write: false,
    target: 'es2019',
    platform: 'neutral' as const,
    minify: true,
    mainFields: ['module', 'main'],
    tsconfig: join(root, '..', 'tsconfig.json'),
    inject: [join(root, 'shims.ts')],
    logLevel: 'error' as const,
  };
  // The esm build's metafile names the exports (an iife build's does not): those become the stubs.
  const esm = await build({ ...common, format: 'esm', metafile: true, outfile: 'main.js' });
  const exports = Object.values(esm.metafile!.outputs)[0]!.exports.slice().sort();
  const iife = await build({ ...common, format: 'iife', globalName: GLOBAL, outfile: 'Code.js' });
  const stubs = exports
    .map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(null, arguments); }`)
    .join('\n');
  const code = `${iife.outputFiles![0]!.text}\n// Entry points Apps Script calls by name.\n${stubs}\n`;
  writeFileSync(join(outDir, 'Code.js'), code);

  const manifest = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')) as { urlFetchWhitelist: string[] };
  const endpoint = opts.endpoint ?? process.env.QUALCARD_ENDPOINT;
  if (endpoint) {
    const u = new URL(endpoint);
    if (u.protocol !== 'https:') throw new Error(`QUALCARD_ENDPOINT must be https: ${endpoint}`);
    manifest.urlFetchWhitelist = [`${u.origin}/`];
  }
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
  return { entryPoints: exports, codeBytes: Buffer.byteLength(code), outDir };
}

if (require.main === module) {
  buildAddon()
    .then((r) =>
      console.log(
        `addon built in ${r.outDir}: Code.js ${(r.codeBytes / 1024).toFixed(0)} KiB, entry points: ${r.entryPoints.join(', ')}`,
      ),
    )
    .catch((e: Error) => {
      console.error(e.message);
      process.exit(1);
    });
}
