// Publishes the framework and apprentice-record schemas as JSON Schema (shared/schema/*.json), generated
// from the zod schemas so they cannot disagree.  --check exits 1 when the committed files are stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { ApprenticeRecord, Framework } from '../shared/src';

export const SCHEMA_DIR = resolve(__dirname, '../shared/schema');

export function jsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, id: string, title: string): string =>
    `${JSON.stringify({ $id: id, title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2)}\n`;
  return {
    'framework.schema.json': render(
      Framework,
      'https://qualcard.dev/schema/framework.schema.json',
      'Qualcard framework',
    ),
    'apprentice-record.schema.json': render(
      ApprenticeRecord,
      'https://qualcard.dev/schema/apprentice-record.schema.json',
      'Qualcard apprentice record',
    ),
  };
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, text] of Object.entries(jsonSchemas())) {
    const path = join(SCHEMA_DIR, name);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        stale++;
        console.error(`stale: ${path}`);
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
