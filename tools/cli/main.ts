// The qualcard command: frameworks, check and import, for consultants and for checking records.
import { existsSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { type Cli, type CommandSpec, type OptionSpec, type Parsed, parseArgs, usageLine } from './args';
import { frameworkDetail, frameworkList, progressReport } from './format';
import { FRAMEWORK_RULE, InputError, readCsv, readJson, resolveFramework, shippedFramework } from './input';

const OPTIONS = new Map<string, OptionSpec>([
  ['json', {}],
  ['as-of', { value: 'YYYY-MM-DD' }],
  ['framework', { value: '<id|framework.json>' }],
  ['extend', { value: '<id|framework.json>' }],
  ['id', { value: '<id>' }],
  ['title', { value: '<title>' }],
  ['version', { value: '<version>' }],
  ['out', { value: '<file>' }],
]);

const COMMANDS: CommandSpec[] = [
  { name: 'frameworks', args: [], options: ['json'] },
  { name: 'frameworks show', args: ['<id>'], options: ['json'] },
  { name: 'check', args: ['<record.json>'], options: ['as-of', 'framework', 'json'] },
  { name: 'import', args: ['<file.csv>'], options: ['extend', 'id', 'title', 'version', 'out'] },
];

const CLI: Cli = {
  options: OPTIONS,
  commands: COMMANDS,
  usage: `usage:\n${COMMANDS.map((c) => `  ${usageLine(OPTIONS, c)}`).join('\n')}\n\n${FRAMEWORK_RULE}`,
};

type Out = (s: string) => void;

const json = (value: unknown): string => JSON.stringify(value, null, 2);

function listFrameworks({ flags }: Parsed, out: Out): void {
  const frameworks = shippedFrameworks();
  const summary = frameworks.map(({ id, title, version, levels }) => ({
    id,
    title,
    version,
    levels: levels.map((l) => l.id),
  }));
  out(flags.has('json') ? json(summary) : frameworkList(frameworks));
}

function showFramework({ args: [id], flags }: Parsed, out: Out): void {
  const framework = shippedFramework(id!, '; frameworks show takes a shipped id, not a file');
  out(flags.has('json') ? json(framework) : frameworkDetail(framework));
}

function check({ args: [file], values, flags }: Parsed, out: Out): void {
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

/** Refuses an --out that is a directory, in a missing directory, or the input file itself. */
function checkTarget(target: string, input: string): void {
  if (existsSync(target) && statSync(target).isDirectory())
    throw new InputError(`--out ${target}: is a directory; give a file name`);
  if (!existsSync(dirname(target))) throw new InputError(`--out ${target}: no such directory ${dirname(target)}`);
  if (existsSync(target) && realpathSync(target) === realpathSync(input))
    throw new InputError(`--out ${target}: is the input file; give another file name`);
}

function importCsv({ args: [file], values }: Parsed, out: Out): void {
  const rows = readCsv(file!);
  if (rows.length < 2)
    throw new InputError(`${file}: ${rows.length ? 'only a header row' : 'empty'}, nothing to import`);
  const target = values.get('out');
  if (target) checkTarget(target, file!);
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

const HANDLERS: Record<string, (parsed: Parsed, out: Out) => void> = {
  frameworks: listFrameworks,
  'frameworks show': showFramework,
  check,
  import: importCsv,
};

export async function main(
  argv: string[],
  out = (s: string) => console.log(s),
  err = (s: string) => console.error(s),
): Promise<number> {
  try {
    const parsed = parseArgs(argv, CLI);
    if (parsed === 'help') out(CLI.usage);
    else HANDLERS[parsed.command.name]!(parsed, out);
    return 0;
  } catch (e) {
    if (e instanceof InputError || e instanceof RecordMismatchError) {
      err(e.message);
      return 1;
    }
    if (e instanceof ZodError) {
      err(formatIssues(e));
      return 1;
    }
    throw e;
  }
}
