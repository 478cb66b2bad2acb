import type { CliDeps } from '../deps';
import { readWithThrowawayGroup } from '../records/throwaway-group';
import { topicOffsets, withAdmin } from '../records/topic-offsets';
import { readDlqRecord, type DlqRecord } from './dlq-record';
import { dlqJson, dlqTable } from './dlq-view';

export interface ListOptions {
  topic: string;
  json: boolean;
}

/**
 * `nobel dlq list`: every record of the DLQ, to its end as it was at the start, as a table
 * (the widths need every row first) or as JSON lines printed as they are read.
 */
export async function listDlq(deps: CliDeps, options: ListOptions): Promise<void> {
  const { topic } = options;
  const kafka = deps.kafka();
  const records: DlqRecord[] = [];
  const outcome = await withAdmin(kafka, async (admin) => {
    const offsets = await topicOffsets(admin, topic);
    return readWithThrowawayGroup(
      admin,
      'dlq-list',
      {
        kafka,
        topic,
        ranges: offsets.map((p) => ({ partition: p.partition, start: p.low, end: p.high })),
        stop: deps.interrupted,
        async onBatch({ partition, messages }) {
          for (const message of messages) {
            const record = readDlqRecord(topic, partition, message);
            if (options.json) deps.out.line(dlqJson(record));
            else records.push(record);
          }
          return 'more';
        },
      },
      (text) => deps.out.note(text),
    );
  });
  if (outcome === 'stopped') deps.out.note('interrupted: the list is not complete');
  if (options.json) return;
  if (records.length === 0) deps.out.line(`${topic} is empty.`);
  else {
    records.sort(
      (a, b) =>
        a.dlq.partition - b.dlq.partition || Number(BigInt(a.dlq.offset) - BigInt(b.dlq.offset)),
    );
    deps.out.line(dlqTable(records));
  }
}
