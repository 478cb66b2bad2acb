import type { Command } from 'commander';
import type { CliDeps } from '../deps';
import { parseDlqTopic, parseFilter } from '../dlq/dlq-options';
import { UsageError } from '../errors';
import { listDlq } from '../dlq/list-dlq';
import { redriveDlq } from '../dlq/redrive';

/** nobel dlq list | redrive: the dead-letter queues, read and published again. */
/** --include-redriven is its own track: with --filter it would need one per class. */
function includeRedriven(options: { filter?: string; includeRedriven?: boolean }): boolean {
  if (options.includeRedriven === true && options.filter !== undefined)
    throw new UsageError('--include-redriven takes every class: leave out --filter');
  return options.includeRedriven === true;
}

export function registerDlq(program: Command, deps: CliDeps): void {
  const dlq = program
    .command('dlq')
    .description('the dead-letter queues: what could not be read or stored, and why');
  const topicHelp = `the DLQ (default: ${deps.config.topics.prizesDlq.name}; the fetcher's: ${deps.config.topics.commandsDlq.name})`;
  dlq
    .command('list')
    .description('every record of the DLQ: where it came from, its error, when')
    .option('--topic <dlq>', topicHelp)
    .option('--json', 'print the records as JSON lines')
    .action(async (options: { topic?: string; json?: boolean }) =>
      listDlq(deps, {
        topic: parseDlqTopic(options.topic, deps.config.topics.prizesDlq.name),
        json: options.json === true,
      }),
    );
  dlq
    .command('redrive')
    .description(
      'publish the DLQ records again to their original topics (key and value unchanged, x-redriven-from and x-redriven-at added), from where the last redrive stopped to the end; a second run publishes nothing twice',
    )
    .option('--topic <dlq>', topicHelp)
    .option('--filter <error-class>', 'only the records of this error class (x-error-class)')
    .option(
      '--include-redriven',
      'the records that came back after an earlier redrive (x-redriven-from), each once: after their cause is fixed',
    )
    .option('--dry-run', 'list what would be published; publish and commit nothing')
    .option('--json', 'print each record and the summary as JSON lines')
    .action(
      async (options: {
        topic?: string;
        filter?: string;
        includeRedriven?: boolean;
        dryRun?: boolean;
        json?: boolean;
      }) =>
        redriveDlq(deps, {
          topic: parseDlqTopic(options.topic, deps.config.topics.prizesDlq.name),
          filter: parseFilter(options.filter),
          includeRedriven: includeRedriven(options),
          dryRun: options.dryRun === true,
          json: options.json === true,
        }),
    );
}
