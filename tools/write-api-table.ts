// Writes functions/README.md's endpoint table from the contract (shared/src/api/routes.ts), between the markers
// `<!-- routes:begin -->` and `<!-- routes:end -->`. --check exits 1 when the committed table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AnyRoute, isFileAnswer, ROUTES } from '../shared/src/api';

export const API_README = resolve(__dirname, '../functions/README.md');
const BEGIN = '<!-- routes:begin -->';
const END = '<!-- routes:end -->';

const who = (r: AnyRoute): string =>
  r.roles === 'public' ? 'anyone' : r.roles === 'signed-in' ? 'any signed-in person' : r.roles.join(', ');
const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`);
const body = (r: AnyRoute): string => (r.body ? `JSON, ≤ ${size(r.maxBodyBytes ?? 0)}` : '');
const answer = (r: AnyRoute): string =>
  `${r.statuses.join('/')} ${isFileAnswer(r.answer) ? `file (${r.answer.file.split('/').pop()})` : 'JSON'}`;
const retried = (r: AnyRoute): string => (r.method === 'GET' || r.idempotent ? 'yes' : 'no');

export function apiTable(): string {
  const rows = ROUTES.map((r: AnyRoute) =>
    [`\`${r.method}\``, `\`${r.path}\``, who(r), body(r), answer(r), retried(r), r.summary].join(' | '),
  );
  return [
    '| Method | Path | Who may call it | Body | Answer | Retried | What it does |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
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
