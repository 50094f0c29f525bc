// Reading the CLI's input files and resolving "a shipped framework id or a framework file".
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CsvSyntaxError, Framework, formatIssues, getFramework, parseCsv, shippedFrameworks } from '../../shared/src';

/** Bad input from the user: printed without a stack trace, exit 1. */
export class InputError extends Error {}
/** A command line that names no command, an unknown option, a missing argument...: exit 2, as Unix commands do. */
export class UsageError extends InputError {}

/** How an `<id|framework.json>` value is read; printed in the usage and repeated in tools/cli/README.md. */
export const FRAMEWORK_RULE = `<id|framework.json>: a shipped framework id (qualcard frameworks lists them) or a framework JSON file.
It is read as a file when it contains a "/" or names an existing file, and is not a shipped id; when it is both
a shipped id and a file in the working directory, that is an error: write ./<name> to mean the file.`;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const errnoMessage = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message;
};

/** A UTF-8 text file, without the byte-order mark Excel and Notepad put at the start. */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: ${errnoMessage(e)}`);
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new InputError(`${path}: not UTF-8 text; save it as UTF-8`);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

export function readCsv(path: string): string[][] {
  try {
    return parseCsv(readText(path));
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new InputError(`${path}: ${e.message}`);
    throw e;
  }
}

const shippedIds = (): string =>
  shippedFrameworks()
    .map((f) => f.id)
    .join(', ');

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

export function readFrameworkFile(path: string): Framework {
  const parsed = Framework.safeParse(readJson(path));
  if (!parsed.success) throw new InputError(`${path}: not a valid framework\n${formatIssues(parsed.error)}`);
  return parsed.data;
}

/** A shipped framework by id; `hint` says where the id came from and what to do instead. */
export function shippedFramework(id: string, hint = ''): Framework {
  const framework = getFramework(id);
  if (!framework) throw new InputError(`unknown framework "${id}" (shipped: ${shippedIds()})${hint}`);
  return framework;
}

/** The value of an option that takes a shipped framework id or a framework file, by FRAMEWORK_RULE. */
export function resolveFramework(option: string, value: string): Framework {
  const shipped = getFramework(value);
  if (shipped && isFile(value))
    throw new InputError(
      `${option} ${value} could mean the shipped framework "${value}" or the file ./${value}: ` +
        `write ${option} ./${value} for the file, or run from a directory without that file for the shipped framework`,
    );
  if (shipped) return shipped;
  if (/[\\/]/.test(value) || existsSync(value)) return readFrameworkFile(value);
  throw new InputError(`${option} ${value}: not a shipped framework (${shippedIds()}) and no such file`);
}

/** Refuses an --out that is a directory, in a missing directory, or the input file itself. */
export function checkOutFile(target: string, input?: string): void {
  if (existsSync(target) && statSync(target).isDirectory())
    throw new InputError(`--out ${target}: is a directory; give a file name`);
  if (!existsSync(dirname(target))) throw new InputError(`--out ${target}: no such directory ${dirname(target)}`);
  if (input && existsSync(target) && realpathSync(target) === realpathSync(input))
    throw new InputError(`--out ${target}: is the input file; give another file name`);
}
