// Writes functions/README.md's endpoint table from the contract (shared/src/api/routes.ts), between the markers
// `<!-- routes:begin -->` and `<!-- routes:end -->`. --check exits 1 when the committed table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as z from 'zod';
import { type AnyRoute, isFileAnswer, ROUTES, XLSX_TYPE } from '../shared/src/api';

export const API_README = resolve(__dirname, '../functions/README.md');
const BEGIN = '<!-- routes:begin -->';
const END = '<!-- routes:end -->';

const who = (r: AnyRoute): string => {
  const roles = r.roles === 'public' ? 'anyone' : r.roles === 'signed-in' ? 'any signed-in person' : r.roles.join(', ');
  return r.access ? `${roles} (${r.access})` : roles;
};
const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`);
/** `{a, b?}` from an object schema's shape: the body's fields, optional ones marked. */
function fields(schema: z.ZodType | undefined): string {
  const shape = (schema as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  if (!shape) return '';
  const names = Object.entries(shape).map(([k, v]) => (v.safeParse(undefined).success ? `${k}?` : k));
  return `\`{${names.join(', ')}}\``;
}
const body = (r: AnyRoute): string => (r.body ? `${fields(r.body)} ≤ ${size(r.maxBodyBytes ?? 0)}` : '');
const query = (r: AnyRoute): string => (r.query ? ` ${fields(r.query).replace('{', '?{')}` : '');
const answer = (r: AnyRoute): string =>
  `${r.statuses.join('/')} ${isFileAnswer(r.answer) ? (r.answer.file === XLSX_TYPE ? '.xlsx' : r.answer.file) : 'JSON'}`;
const retried = (r: AnyRoute): string => (r.method === 'GET' || r.idempotent ? 'yes' : 'no');

/** A Markdown table with its columns padded, as Biome formats it. */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function apiTable(): string {
  const rows = (ROUTES as readonly AnyRoute[]).map((r) => [
    r.method,
    `\`${r.path}\`${query(r)}`,
    who(r),
    body(r),
    answer(r),
    retried(r),
    r.summary,
  ]);
  return table(['Method', 'Path', 'Who may call it', 'Body', 'Answer', 'Retried', 'What it does'], rows);
}

/** The README with its table replaced; throws when the markers are missing. */
export function withTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${API_README}: no ${BEGIN} ... ${END} markers`);
  return `${readme.slice(0, start + BEGIN.length)}\n${apiTable()}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const current = readFileSync(API_README, 'utf8');
  const next = withTable(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(`stale: ${API_README} (npm run api-table)`);
      process.exit(1);
    }
  } else writeFileSync(API_README, next);
}
