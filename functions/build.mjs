// Bundles functions/src (and the shared engine it imports) into lib/index.js, the file that is deployed and that the
// emulator loads. npm packages stay external: the deploy build installs them from this folder's package.json.

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies).flatMap((d) => [d, `${d}/*`]);

const result = await build({
  entryPoints: [join(here, 'src/index.ts')],
  outfile: join(here, 'lib/index.js'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  sourcemap: true,
  external,
  tsconfig: join(here, '..', 'tsconfig.json'),
  metafile: true,
  logLevel: 'warning',
});
// Fail the build if a bare import slipped in that the deployed folder would not install.
const allowed = new Set(Object.keys(pkg.dependencies));
const missing = new Set();
for (const input of Object.values(result.metafile.inputs)) {
  for (const imp of input.imports) {
    if (!imp.external || imp.path.startsWith('node:')) continue;
    const name = imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0];
    if (!allowed.has(name) && !isBuiltin(name)) missing.add(name);
  }
}
function isBuiltin(name) {
  return builtinModules.includes(name);
}
if (missing.size) {
  console.error(
    `functions build: imports not listed in functions/package.json dependencies: ${[...missing].join(', ')}`,
  );
  process.exit(1);
}
console.log(
  `functions build: lib/index.js (${(result.metafile.outputs[Object.keys(result.metafile.outputs).find((o) => o.endsWith('index.js'))].bytes / 1024).toFixed(0)} KiB)`,
);
