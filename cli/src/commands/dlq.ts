import type { Command } from 'commander';
import type { CliDeps } from '../deps';
import { parseDlqTopic, parseFilter } from '../dlq/dlq-options';
import { listDlq } from '../dlq/list-dlq';
import { redriveDlq } from '../dlq/redrive';

/** nobel dlq list | redrive: the dead-letter queues, read and published again. */
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
    .option('--dry-run', 'list what would be published; publish and commit nothing')
    .option('--json', 'print each record and the summary as JSON lines')
    .action(
      async (options: { topic?: string; filter?: string; dryRun?: boolean; json?: boolean }) =>
        redriveDlq(deps, {
          topic: parseDlqTopic(options.topic, deps.config.topics.prizesDlq.name),
          filter: parseFilter(options.filter),
          dryRun: options.dryRun === true,
          json: options.json === true,
        }),
    );
}
