// The qualcard command: frameworks, check and import, for consultants and for checking records.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ZodError } from 'zod';
import {
  ApprenticeRecord,
  CsvSyntaxError,
  computeProgress,
  Framework,
  formatIssues,
  formatRowErrors,
  frameworkFromRows,
  getFramework,
  IsoDate,
  parseCsv,
  RecordMismatchError,
  shippedFrameworks,
} from '../../shared/src';
import { frameworkDetail, frameworkList, progressReport } from './format';

const USAGE = `usage:
  qualcard frameworks [--json]
  qualcard frameworks show <id> [--json]
  qualcard check <record.json> [--as-of YYYY-MM-DD] [--framework <framework.json>] [--json]
  qualcard import <file.csv> [--out <file>] [--extend <id|framework.json>] [--id <id>] [--title <title>] [--version <v>]`;

/** Bad input from the user: printed without a stack trace, exit 1. */
class InputError extends Error {}

interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const name = a.slice(2);
    if (name === 'json') flags.set(name, true);
    else {
      const value = argv[++i];
      if (value === undefined) throw new InputError(`--${name} needs a value`);
      flags.set(name, value);
    }
  }
  return { positional, flags };
}

function readText(path: string): string {
  if (!existsSync(path)) throw new InputError(`${path}: no such file`);
  return readFileSync(path, 'utf8');
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readText(path));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

function loadFramework(idOrPath: string): Framework {
  const shipped = getFramework(idOrPath);
  if (shipped) return shipped;
  if (!idOrPath.endsWith('.json'))
    throw new InputError(
      `unknown framework "${idOrPath}" (shipped: ${shippedFrameworks()
        .map((f) => f.id)
        .join(', ')})`,
    );
  const parsed = Framework.safeParse(readJson(idOrPath));
  if (!parsed.success) throw new InputError(`${idOrPath}: not a valid framework\n${formatIssues(parsed.error)}`);
  return parsed.data;
}

const today = (): string => new Date().toISOString().slice(0, 10);

function run(argv: string[], out: (s: string) => void): void {
  const { positional, flags } = parseArgs(argv);
  const json = flags.has('json');
  const flag = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const [command, ...rest] = positional;

  if (command === 'frameworks' && rest.length === 0) {
    out(
      json
        ? JSON.stringify(
            shippedFrameworks().map(({ id, title, version, levels }) => ({
              id,
              title,
              version,
              levels: levels.map((l) => l.id),
            })),
            null,
            2,
          )
        : frameworkList(shippedFrameworks()),
    );
  } else if (command === 'frameworks' && rest[0] === 'show' && rest[1]) {
    const framework = loadFramework(rest[1]);
    out(json ? JSON.stringify(framework, null, 2) : frameworkDetail(framework));
  } else if (command === 'check' && rest[0]) {
    const parsed = ApprenticeRecord.safeParse(readJson(rest[0]));
    if (!parsed.success)
      throw new InputError(`${rest[0]}: not a valid apprentice record\n${formatIssues(parsed.error)}`);
    const framework = loadFramework(flag('framework') ?? parsed.data.apprentice.frameworkId);
    const asOf = IsoDate.safeParse(flag('as-of') ?? today());
    if (!asOf.success) throw new InputError(`--as-of: ${asOf.error.issues[0]!.message}`);
    const progress = computeProgress(framework, parsed.data, asOf.data);
    out(json ? JSON.stringify(progress, null, 2) : progressReport(framework, parsed.data, progress));
  } else if (command === 'import' && rest[0]) {
    let rows: string[][];
    try {
      rows = parseCsv(readText(rest[0]));
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new InputError(`${rest[0]}: ${e.message}`);
      throw e;
    }
    const extend = flag('extend');
    const result = frameworkFromRows(rows, {
      base: extend ? loadFramework(extend) : undefined,
      id: flag('id'),
      title: flag('title'),
      version: flag('version'),
    });
    if (!result.ok)
      throw new InputError(
        `${rest[0]}: ${result.errors.length} error(s), nothing written\n${formatRowErrors(result.errors)}`,
      );
    const text = `${JSON.stringify(result.framework, null, 2)}\n`;
    const target = flag('out');
    if (target) {
      writeFileSync(target, text);
      const items = result.framework.workFunctions.reduce((n, wf) => n + wf.items.length, 0);
      out(
        `${result.framework.id} ${result.framework.version}: ${result.framework.levels.length} level(s), ${items} item(s) -> ${target}`,
      );
    } else out(text.trimEnd());
  } else {
    throw new InputError(USAGE);
  }
}

export async function main(
  argv: string[],
  out = (s: string) => console.log(s),
  err = (s: string) => console.error(s),
): Promise<number> {
  try {
    run(argv, out);
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
