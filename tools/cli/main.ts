// The qualcard command: frameworks, check and import work on files; progress, transcript, report and publish call
// the API (tools/cli/remote.ts); sponsor create, add-admin and rotate-key are the project owner's (tools/cli/owner.ts).
import { writeFileSync } from 'node:fs';
import { ZodError } from 'zod';
import {
  ApprenticeRecord,
  computeProgress,
  formatIssues,
  formatRowErrors,
  frameworkFromRows,
  IsoDate,
  RecordMismatchError,
  type RowError,
  shippedFrameworks,
} from '../../shared/src';
import type { AnyRoute } from '../../shared/src/api/route';
import { issuerProfile, statusList } from '../../shared/src/api/routes';
import { API_ENV, ApiFailure, TIMEOUT_ENV, TOKEN_ENV } from './api';
import { type Cli, type CommandSpec, type OptionSpec, type Parsed, parseArgs, usageLine } from './args';
import { clr } from './clr';
import { frameworkList, progressReport } from './format';
import { frameworkDetail, terminalWidth } from './framework-detail';
import {
  checkOutFile,
  FRAMEWORK_RULE,
  InputError,
  readCsv,
  readJson,
  resolveFramework,
  shippedFramework,
  UsageError,
} from './input';
import { OWNER_RULE, sponsorAddAdmin, sponsorCreate, sponsorRotateKey } from './owner';
import { raise } from './raise';
import { type Context, progress, publish, report, transcript } from './remote';
import { verify } from './verify';

const OPTIONS = new Map<string, OptionSpec>([
  ['json', {}],
  ['as-of', { value: 'YYYY-MM-DD' }],
  ['framework', { value: '<id|framework.json>' }],
  ['extend', { value: '<id|framework.json>' }],
  ['id', { value: '<id>' }],
  ['title', { value: '<title>' }],
  ['version', { value: '<version>' }],
  ['out', { value: '<file>' }],
  ['sponsor', { value: '<sid>' }],
  ['apprentice', { value: '<aid>' }],
  ['api', { value: '<url>' }],
  ['step', { value: '<n>' }],
  ['effective', { value: 'YYYY-MM-DD' }],
  ['note', { value: '<text>' }],
  ['jwks', { value: '<file|url>' }],
  ['issuer', { value: '<file>' }],
  ['save-issuer', { value: '<file>' }],
  ['status', { value: '<file|url>' }],
  ['name', { value: '"<name>"' }],
  ['admin', { value: '<email>' }],
  ['time-zone', { value: '<Area/City>' }],
  ['project', { value: '<firebase project id>' }],
]);

const COMMANDS: CommandSpec[] = [
  { name: 'frameworks', args: [], options: ['json'] },
  { name: 'frameworks show', args: ['<id|framework.json>'], options: ['json'] },
  { name: 'check', args: ['<record.json>'], options: ['as-of', 'framework', 'json'] },
  { name: 'import', args: ['<file.csv>'], options: ['extend', 'id', 'title', 'version', 'out'] },
  { name: 'progress', args: [], options: ['sponsor', 'apprentice', 'api', 'json'], required: ['sponsor'] },
  {
    name: 'transcript',
    args: [],
    options: ['sponsor', 'apprentice', 'as-of', 'out', 'api', 'json'],
    required: ['sponsor', 'apprentice'],
  },
  { name: 'report', args: [], options: ['sponsor', 'out', 'api', 'json'], repeatable: ['sponsor'] },
  { name: 'publish', args: ['<framework.json>'], options: ['sponsor', 'api', 'json'], required: ['sponsor'] },
  {
    name: 'raise',
    args: [],
    options: ['sponsor', 'apprentice', 'step', 'effective', 'note', 'api', 'json'],
    required: ['sponsor', 'apprentice', 'step', 'effective'],
  },
  { name: 'verify', args: ['<credential.json|.jwt>'], options: ['issuer', 'save-issuer', 'status', 'jwks', 'json'] },
  { name: 'clr', args: ['<sponsorId>', '<apprenticeId>'], options: ['out', 'api', 'json'] },
  {
    name: 'sponsor create',
    args: ['<sponsorId>'],
    options: ['name', 'admin', 'time-zone', 'project'],
    required: ['name', 'admin'],
  },
  { name: 'sponsor add-admin', args: ['<sponsorId>', '<email>'], options: ['project'] },
  { name: 'sponsor rotate-key', args: ['<sponsorId>'], options: ['project'] },
];

/** How the API commands find the API and the caller's token; printed in the usage. */
const API_RULE = `progress, transcript, report, publish, raise and clr call the API at --api <url> or ${API_ENV} (for the emulators
http://127.0.0.1:5001/demo-qualcard/us-central1/api) with the Google ID token in ${TOKEN_ENV}, else the one
\`gcloud auth print-identity-token\` prints. ${TIMEOUT_ENV} sets how many seconds a request may wait (default 120).`;

/** `GET <api>/…/<sponsor>/jwks`: where a public route of the contract is, for the usage. */
const issuerRoute = (r: AnyRoute): string => `${r.method} <api>${r.path.replace(':sponsorId', '<sponsor>')}`;

/** How verify finds the issuer's key and the revocation list; printed in the usage. */
const VERIFY_RULE = `verify checks each form a credential file holds (the Data Integrity .json, the .jwt, or the API's JSON for one
credential, which has both) against the keys its issuer publishes in its issuer document (${issuerRoute(issuerProfile)},
the credential's issuer id). Online by default: the document is fetched from that URL (--save-issuer <file> keeps
it). Offline: --issuer <file>, a copy saved from that URL; it is used only if its id is the credential's issuer and
it lists the key for that issuer. A bare key set (--jwks) is refused: nothing ties it to the issuer.
The revocation check reads the issuer's signed status list (${issuerRoute(statusList)}) from the URL the
credential names, or a saved copy with --status <file|url>, and verifies the list's own proof with the same issuer
document. Exit 1 when the credential is changed, signed with a key that is not the issuer's, or revoked.
clr saves an apprentice's signed learner record (CLR 2.0; the sponsor's admin or the apprentice themselves).`;

const CLI: Cli = {
  options: OPTIONS,
  commands: COMMANDS,
  usage: `usage:\n${COMMANDS.map((c) => `  ${usageLine(OPTIONS, c)}`).join('\n')}\n\n${FRAMEWORK_RULE}\n\n${API_RULE}\n\n${VERIFY_RULE}\n\n${OWNER_RULE}`,
};

const json = (value: unknown): string => JSON.stringify(value, null, 2);

function listFrameworks({ flags }: Parsed, { out }: Context): void {
  const frameworks = shippedFrameworks();
  const summary = frameworks.map(({ id, title, version, levels }) => ({
    id,
    title,
    version,
    levels: levels.map((l) => l.id),
  }));
  out(flags.has('json') ? json(summary) : frameworkList(frameworks));
}

function showFramework({ args: [id], flags }: Parsed, { out, columns }: Context): void {
  const framework = resolveFramework('frameworks show', id!);
  out(flags.has('json') ? json(framework) : frameworkDetail(framework, terminalWidth(columns)));
}

function check({ args: [file], values, flags }: Parsed, { out }: Context): void {
  const asOf = IsoDate.safeParse(values.get('as-of') ?? new Date().toISOString().slice(0, 10));
  if (!asOf.success) throw new InputError(`--as-of: ${asOf.error.issues[0]!.message}`);
  const record = ApprenticeRecord.safeParse(readJson(file!));
  if (!record.success) throw new InputError(`${file}: not a valid apprentice record\n${formatIssues(record.error)}`);
  const option = values.get('framework');
  const framework = option
    ? resolveFramework('--framework', option)
    : shippedFramework(
        record.data.apprentice.frameworkId,
        ` in ${file} apprentice.frameworkId; for a sponsor framework give its file with --framework`,
      );
  const progress = computeProgress(framework, record.data, asOf.data);
  out(flags.has('json') ? json(progress) : progressReport(framework, record.data, progress));
}

/** Cells past the header's last column: a text with an unquoted comma, which would otherwise lose its end. */
function cellsPastHeader(rows: string[][]): RowError[] {
  const width = rows[0]?.length ?? 0;
  return rows.slice(1).flatMap((cells, i) => {
    const extra = cells.slice(width).filter((c) => c.trim() !== '');
    if (extra.length === 0) return [];
    const message = `${extra.map((c) => JSON.stringify(c)).join(', ')} past the header's ${width} columns (put a text holding a comma in double quotes)`;
    return [{ row: i + 2, column: String(width + 1), message }];
  });
}

function importCsv({ args: [file], values }: Parsed, { out }: Context): void {
  const rows = readCsv(file!);
  if (rows.length < 2)
    throw new InputError(`${file}: ${rows.length ? 'only a header row' : 'empty'}, nothing to import`);
  const target = values.get('out');
  if (target) checkOutFile(target, file!);
  const extend = values.get('extend');
  const result = frameworkFromRows(rows, {
    base: extend ? resolveFramework('--extend', extend) : undefined,
    id: values.get('id'),
    title: values.get('title'),
    version: values.get('version'),
  });
  const errors = [...cellsPastHeader(rows), ...(result.ok ? [] : result.errors)].sort((a, b) => a.row - b.row);
  if (!result.ok || errors.length)
    throw new InputError(`${file}: ${errors.length} error(s), nothing written\n${formatRowErrors(errors)}`);
  const text = `${json(result.framework)}\n`;
  if (!target) {
    out(text.trimEnd());
    return;
  }
  try {
    writeFileSync(target, text);
  } catch (e) {
    throw new InputError(`--out ${target}: ${(e as Error).message}`);
  }
  const { id, version, levels, workFunctions } = result.framework;
  const items = workFunctions.reduce((n, wf) => n + wf.items.length, 0);
  out(`${id} ${version}: ${levels.length} level(s), ${items} item(s) -> ${target}`);
}

const HANDLERS: Record<string, (parsed: Parsed, ctx: Context) => void | Promise<void>> = {
  frameworks: listFrameworks,
  'frameworks show': showFramework,
  check,
  import: importCsv,
  progress,
  transcript,
  report,
  publish,
  raise,
  verify,
  clr,
  'sponsor create': sponsorCreate,
  'sponsor add-admin': sponsorAddAdmin,
  'sponsor rotate-key': sponsorRotateKey,
};

export async function main(
  argv: string[],
  out = (s: string) => console.log(s),
  err = (s: string) => console.error(s),
  env: NodeJS.ProcessEnv = process.env,
  columns: number | undefined = process.stdout.columns ?? (Number(process.env.COLUMNS) || undefined),
): Promise<number> {
  try {
    const parsed = parseArgs(argv, CLI);
    if (parsed === 'help') out(CLI.usage);
    else await HANDLERS[parsed.command.name]!(parsed, { out, env, columns });
    return 0;
  } catch (e) {
    if (e instanceof InputError || e instanceof RecordMismatchError || e instanceof ApiFailure) {
      err(e.message);
      return e instanceof UsageError ? 2 : 1;
    }
    if (e instanceof ZodError) {
      err(formatIssues(e));
      return 1;
    }
    throw e;
  }
}
