import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run test:faults [-- [--short] [--only name,...] [--list] [--out FILE]]

  --short        the short version: fewer events, kills and seconds of outage (CI runs it)
  --only NAMES   only these scenarios, comma-separated (see --list)
  --list         list the scenarios and what each needs, and exit
  --out FILE     where the JSON report goes (default: faults-results.json at the repository root)
  --help         this text`;

export interface CliOptions {
  short: boolean;
  /** Scenario names, in the order given; undefined runs them all. */
  only: string[] | undefined;
  list: boolean;
  help: boolean;
  /** The JSON report's path as given (relative to the working directory), or undefined. */
  out: string | undefined;
}

/** A command line the suite cannot run: its message says what was wrong. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The command line, checked against the scenarios' names: every problem in one message.
 * `known` is the names of the scenarios, for --only.
 */
export function parseCliArgs(args: readonly string[], known: readonly string[]): CliOptions {
  let values: { short?: boolean; only?: string; list?: boolean; help?: boolean; out?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        short: { type: 'boolean' },
        only: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        out: { type: 'string' },
      },
    }));
  } catch (error) {
    // parseArgs says what it refused (an unknown option, a missing value) in its message.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const problems: string[] = [];
  let only: string[] | undefined;
  if (values.only !== undefined) {
    only = values.only
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (only.length === 0) problems.push('--only: expected scenario names, got none');
    const unknown = only.filter((name) => !known.includes(name));
    if (unknown.length > 0)
      problems.push(
        `--only: no scenario named ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${known.join(', ')})`,
      );
    const repeated = only.filter((name, i) => only?.indexOf(name) !== i);
    if (repeated.length > 0) problems.push(`--only: ${repeated.join(', ')} given twice`);
  }
  if (values.out !== undefined && values.out.trim() === '')
    problems.push('--out: expected a file name');
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return {
    short: values.short === true,
    only,
    list: values.list === true,
    help: values.help === true,
    out: values.out,
  };
}
