// Dev tool: parse the five source documents in ../shared/seeds/ into shared/frameworks/<id>.json.
//   npx tsx tools/seeds/import-seeds.ts            write the JSON
//   npx tsx tools/seeds/import-seeds.ts --check    exit 1 if the committed JSON differs from a fresh import
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Framework, type FrameworkInput } from '../../shared/src/model/framework';
import { parseCustomerTechnicalSupport } from './cts';
import { parseItGeneralistCompetencies } from './it-generalist-competencies';
import { parseItGeneralistWps } from './it-generalist-wps';
import { parseItSupportWps } from './it-support-wps';
import { parseNitasHelpDesk } from './nitas';
import { readSource, SEEDS_DIR, type SourceDoc } from './source';

export { SEEDS_DIR };
export const FRAMEWORKS_DIR = resolve(__dirname, '../../shared/frameworks');

export const seedParsers: { file: string; parse: (doc: SourceDoc) => FrameworkInput }[] = [
  { file: '000_53687bffe476f5c1.txt', parse: parseNitasHelpDesk },
  { file: '001_ca4bd3392b221157.txt', parse: parseItGeneralistCompetencies },
  { file: '002_3b0a550f14944da8.txt', parse: parseItGeneralistWps },
  { file: '003_e06eb379beaa372a.txt', parse: parseItSupportWps },
  { file: '004_ccd6c869a5f09f89.txt', parse: parseCustomerTechnicalSupport },
];

/** Parse and validate every seed document; the result is exactly what is committed. */
export function importSeeds(seedsDir = SEEDS_DIR): Framework[] {
  return seedParsers.map(({ file, parse }) => Framework.parse(parse(readSource(join(seedsDir, file)))));
}

export function serialize(framework: Framework): string {
  return `${JSON.stringify(framework, null, 2)}\n`;
}

function main(): void {
  const check = process.argv.includes('--check');
  if (!existsSync(SEEDS_DIR)) throw new Error(`source documents not found at ${SEEDS_DIR}`);
  let differs = 0;
  for (const framework of importSeeds()) {
    const path = join(FRAMEWORKS_DIR, `${framework.id}.json`);
    const text = serialize(framework);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        differs++;
        console.error(`differs: ${path}`);
      }
    } else {
      writeFileSync(path, text);
      const items = framework.workFunctions.reduce((n, wf) => n + wf.items.length, 0);
      console.log(`${framework.id}: ${items} items, ${framework.slots.length} slots -> ${path}`);
    }
  }
  if (differs) process.exit(1);
}

if (require.main === module) main();
