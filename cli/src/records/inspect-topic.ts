import type { CliDeps } from '../deps';
import { UsageError } from '../errors';
import { createValueDecoder } from './decode-value';
import type { InspectOptions } from './inspect-options';
import type { PartitionRange } from './read-range';
import { recordJson } from './record-json';
import { readWithThrowawayGroup } from './throwaway-group';
import { offsetsAtTime, topicOffsets, withAdmin } from './topic-offsets';

/**
 * `nobel inspect`: the topic's records as JSON lines, values decoded with the schema their id
 * names (any id, as kafka-avro-console-consumer does); what does not decode is shown as base64
 * with why. Reads from each partition's start (its beginning, or the first record at or after
 * --from-datetime) to its end as it was when the command started — or on until Ctrl-C with
 * --follow — or until --limit records matched.
 */
export async function inspectTopic(deps: CliDeps, options: InspectOptions): Promise<void> {
  const { topic, key, limit } = options;
  const kafka = deps.kafka();
  await withAdmin(kafka, async (admin) => {
    const offsets = await topicOffsets(admin, topic);
    const chosen =
      options.partition === undefined
        ? offsets
        : offsets.filter((p) => p.partition === options.partition);
    if (chosen.length === 0)
      throw new UsageError(
        `--partition: ${topic} has no partition ${options.partition} (it has ${offsets.length}: 0 to ${offsets.length - 1})`,
      );
    const starts =
      options.start.from === 'time' ? await offsetsAtTime(admin, topic, options.start.ms) : null;
    const ranges: PartitionRange[] = chosen.map((p) => ({
      partition: p.partition,
      start: starts?.get(p.partition) ?? p.low,
      end: options.follow ? null : p.high,
    }));

    const decoder = createValueDecoder({ registry: deps.registry() });
    let matched = 0;
    const outcome = await readWithThrowawayGroup(
      admin,
      'inspect',
      {
        kafka,
        topic,
        ranges,
        stop: deps.interrupted,
        async onBatch({ partition, messages }) {
          for (const message of messages) {
            if (key !== undefined && message.key?.toString() !== key) continue;
            const decoded = await decoder.decode(message.value);
            deps.out.line(JSON.stringify(recordJson(topic, partition, message, decoded)));
            matched++;
            if (limit !== undefined && matched >= limit) return 'enough';
          }
          return 'more';
        },
      },
      (text) => deps.out.note(text),
    );
    if (outcome === 'stopped') deps.out.note(`interrupted: ${matched} record(s) printed`);
  });
}
