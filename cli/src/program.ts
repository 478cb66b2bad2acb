import { Command, CommanderError } from 'commander';
import { ConfigError, errorMessage, isProgrammerError } from '@nobel-pipeline/common';
import { registerControl } from './commands/control';
import { registerDlq } from './commands/dlq';
import { registerInspect } from './commands/inspect';
import { registerReplay } from './commands/replay';
import { registerStatus } from './commands/status';
import type { CliDeps } from './deps';
import { CliError, EXIT, type ExitCode } from './errors';

/** The `nobel` program: every command registered on one commander instance. */
export function createProgram(deps: CliDeps): Command {
  const program = new Command('nobel')
    .description(
      "The Nobel pipeline's operator CLI. Reads the same .env as the services (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, HTTP_PORT or INGEST_API_URL, API_TOKEN, ...).",
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 failed, 2 usage or configuration, 3 refused (unsafe now), 4 a dependency does not answer.',
    )
    .exitOverride()
    .showHelpAfterError('(nobel --help lists the commands; nobel <command> --help, their options)')
    .configureOutput({
      writeOut: (text) => deps.out.line(text.trimEnd()),
      writeErr: (text) => deps.out.note(text.trimEnd()),
    });
  registerControl(program, deps);
  registerStatus(program, deps);
  registerReplay(program, deps);
  registerInspect(program, deps);
  registerDlq(program, deps);
  return program;
}

/** Runs one command line; never throws: what went wrong is said on stderr, and in the code. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<ExitCode> {
  const program = createProgram(deps);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      deps.out.note(`nobel: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      deps.out.note(`nobel: ${error.message}`);
      return EXIT.usage;
    }
    // A bug of ours: the stack helps whoever fixes it.
    deps.out.note(
      `nobel: ${isProgrammerError(error) && error instanceof Error ? (error.stack ?? error.message) : errorMessage(error)}`,
    );
    return EXIT.failed;
  }
}
