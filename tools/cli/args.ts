// Command-line parsing: a command takes only its own options and arguments; anything else is an error.
import { UsageError } from './input';

export interface OptionSpec {
  /** How the value is shown in the usage, e.g. "<file>"; absent for a flag (no value), e.g. --json. */
  value?: string;
}

export interface CommandSpec {
  /** The words that name the command, e.g. "frameworks show". */
  name: string;
  /** Its positional arguments as the usage shows them, e.g. "<record.json>"; each is required. */
  args: string[];
  options: string[];
  /** Options the command cannot run without (shown without brackets in the usage). */
  required?: string[];
  /** Options that may be given several times (`--sponsor a --sponsor b`); `lists` holds every value. */
  repeatable?: string[];
}

export interface Cli {
  options: Map<string, OptionSpec>;
  commands: CommandSpec[];
  /** The whole usage, printed for --help, no command or an unknown command. */
  usage: string;
}

export interface Parsed {
  command: CommandSpec;
  args: string[];
  /** Value options given, by name without the dashes. */
  values: Map<string, string>;
  /** Every value of a repeatable option, in the order given. */
  lists: Map<string, string[]>;
  flags: Set<string>;
}

interface Given {
  /** As typed, without any "=value": "--as-of", "-o". */
  flag: string;
  name: string;
  value?: string;
}

export function usageLine(options: Map<string, OptionSpec>, command: CommandSpec): string {
  const shown = command.options.map((name) => {
    const value = options.get(name)!.value;
    const text = `--${name}${value ? ` ${value}` : ''}${command.repeatable?.includes(name) ? ' ...' : ''}`;
    return command.required?.includes(name) ? text : `[${text}]`;
  });
  return ['qualcard', command.name, ...command.args, ...shown].join(' ');
}

/** The parsed command line, or 'help' for -h / --help. */
export function parseArgs(argv: string[], cli: Cli): Parsed | 'help' {
  const { positional, given, help } = tokenize(argv, cli.options);
  if (help) return 'help';
  const command = findCommand(positional, cli);
  const { values, lists, flags } = optionValues(given, command);
  const args = positional.slice(command.name.split(' ').length);
  const usage = `usage: ${usageLine(cli.options, command)}`;
  const extra = args.slice(command.args.length);
  if (extra.length)
    throw new UsageError(
      `unexpected argument${extra.length > 1 ? 's' : ''} for ${command.name}: ${extra.map((a) => JSON.stringify(a)).join(' ')}\n${usage}`,
    );
  const missing = command.args.slice(args.length);
  if (missing.length) throw new UsageError(`${command.name} needs ${missing.join(' ')}\n${usage}`);
  const absent = (command.required ?? []).filter((name) => !values.has(name) && !lists.has(name));
  if (absent.length)
    throw new UsageError(
      `${command.name} needs ${absent.map((name) => `--${name} ${cli.options.get(name)!.value ?? ''}`.trimEnd()).join(' and ')}\n${usage}`,
    );
  return { command, args, values, lists, flags };
}

/** The given options sorted into values, lists (repeatable options) and flags; each must be the command's own. */
function optionValues(given: Given[], command: CommandSpec) {
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const flags = new Set<string>();
  for (const { flag, name, value } of given) {
    if (!command.options.includes(name)) throw new UsageError(unknownOption(flag, command));
    if (value === undefined) flags.add(name);
    else if (command.repeatable?.includes(name)) lists.set(name, [...(lists.get(name) ?? []), value]);
    else if (values.has(name)) throw new UsageError(`${flag} is given twice ("${values.get(name)}" and "${value}")`);
    else values.set(name, value);
  }
  return { values, lists, flags };
}

/**
 * Options (known ones with their values) and positional arguments. An unknown option takes no value here; it is
 * reported once the command is known. `--` ends the options; `--name=value` is the same as `--name value`.
 */
function tokenize(argv: string[], options: Map<string, OptionSpec>) {
  const positional: string[] = [];
  const given: Given[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h' || token === '--help') help = true;
    else if (!token.startsWith('-') || token === '-') positional.push(token);
    else {
      const eq = token.indexOf('=');
      const flag = eq < 0 ? token : token.slice(0, eq);
      const inline = eq < 0 ? undefined : token.slice(eq + 1);
      // Only --name is an option; -x or -name is kept as typed so it never passes for one.
      const name = flag.startsWith('--') ? flag.slice(2) : flag;
      const spec = options.get(name);
      if (spec?.value) {
        const value = inline ?? (argv[i + 1]?.startsWith('-') ? undefined : argv[++i]);
        if (!value) throw new UsageError(`${flag} needs a value: ${flag} ${spec.value}`);
        given.push({ flag, name, value });
      } else if (spec && inline !== undefined) throw new UsageError(`${flag} is a flag and takes no value`);
      else given.push({ flag, name });
    }
  }
  return { positional, given, help };
}

function findCommand(positional: string[], cli: Cli): CommandSpec {
  if (positional.length === 0) throw new UsageError(cli.usage);
  const command = cli.commands
    .filter((c) => c.name.split(' ').every((word, i) => positional[i] === word))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!command) throw new UsageError(`unknown command "${positional[0]}"\n${cli.usage}`);
  return command;
}

function unknownOption(flag: string, command: CommandSpec): string {
  const message = `unknown option ${flag} for ${command.name}`;
  const close = closest(flag.replace(/^--?/, ''), command.options);
  if (close) return `${message}; did you mean --${close}?`;
  const options = command.options.map((o) => `--${o}`).join(', ');
  return `${message} (its options: ${options || 'none'})`;
}

/** The option `name` was probably meant to be: a prefix of it, or one or two typing slips away. */
export function closest(name: string, options: string[]): string | undefined {
  const typed = name.toLowerCase();
  const prefix = options.find((o) => typed && (o.startsWith(typed) || typed.startsWith(o)));
  if (prefix) return prefix;
  const [best] = options
    .map((o) => ({ o, d: distance(typed, o) }))
    .filter(({ o, d }) => d <= (o.length > 4 ? 2 : 1))
    .sort((a, b) => a.d - b.d);
  return best?.o;
}

/** Edits (insert, delete, substitute, swap two neighbours) from a to b. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}
