import type { Command } from 'commander';
import type { CliDeps } from '../deps';
import { parseInspectOptions, type RawInspectOptions } from '../records/inspect-options';
import { inspectTopic } from '../records/inspect-topic';

/** nobel inspect: a topic's records as JSON lines, Avro values decoded through the registry. */
export function registerInspect(program: Command, deps: CliDeps): void {
  program
    .command('inspect')
    .description(
      "print a topic's records as JSON lines: where, when, key, headers and the value decoded with the schema its id names (what does not decode: base64 and why). Reads to the end as it was at the start, then stops",
    )
    .option('--topic <name>', 'the topic to read (any topic, the DLQs included)')
    .option('--key <key>', 'only the records with exactly this key')
    .option('--from-beginning', "start at each partition's first record (the default)")
    .option(
      '--from-datetime <iso>',
      'start at the first record at or after this time: 2025-10-06 (UTC) or 2025-10-06T09:30:00Z',
    )
    .option('--limit <n>', 'stop after this many (matching) records')
    .option('--follow', 'keep reading new records until Ctrl-C')
    .option('--partition <p>', 'read this partition only')
    .action(async (options: RawInspectOptions) => inspectTopic(deps, parseInspectOptions(options)));
}
