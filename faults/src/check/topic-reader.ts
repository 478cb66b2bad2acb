import type { Kafka, KafkaMessage } from 'kafkajs';
import { uniqueGroup, waitFor } from '@nobel-pipeline/test-utils';

export interface CommittedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
  value: Buffer | null;
}

const toRecord = (topic: string, partition: number, m: KafkaMessage): CommittedRecord => ({
  topic,
  partition,
  offset: m.offset,
  key: m.key?.toString(),
  value: m.value,
});

/**
 * Every committed record of the topics (read_committed, from the beginning) as of the call,
 * in offset order per partition. A consumer of its own reads until each partition's position
 * has passed the end offset taken at the start: batches of transaction markers or aborted
 * records only, which deliver no message, still report their last offset (END_BATCH_PROCESS).
 */
export async function readCommitted(
  kafka: Kafka,
  topics: readonly string[],
  timeoutMs = 120_000,
): Promise<CommittedRecord[]> {
  const ends = new Map<string, bigint>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics)
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic))
        if (BigInt(high) > BigInt(low)) ends.set(`${topic}:${partition}`, BigInt(high) - 1n);
  } finally {
    await admin.disconnect();
  }
  const records: CommittedRecord[] = [];
  if (ends.size === 0) return records;
  const reached = new Map<string, bigint>();
  const consumer = kafka.consumer({ groupId: uniqueGroup('faults-check'), readUncommitted: false });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const at = `${payload.topic}:${payload.partition}`;
    const last = BigInt(payload.lastOffset);
    if (last > (reached.get(at) ?? -1n)) reached.set(at, last);
  });
  await consumer.connect();
  try {
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        records.push(toRecord(topic, partition, message));
      },
    });
    await waitFor(() => [...ends].every(([at, end]) => (reached.get(at) ?? -1n) >= end), {
      timeoutMs,
      intervalMs: 100,
      description: `a reader to reach the end of ${topics.join(', ')}`,
    });
  } finally {
    await consumer.disconnect();
  }
  const order = (r: CommittedRecord) => BigInt(r.offset);
  return records.sort((a, b) =>
    a.topic !== b.topic
      ? a.topic.localeCompare(b.topic)
      : a.partition !== b.partition
        ? a.partition - b.partition
        : Number(order(a) - order(b)),
  );
}

/** Records on a topic (all partitions, end minus start): what a dead-letter topic holds. */
export async function recordCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(BigInt(p.high) - BigInt(p.low)), 0);
  } finally {
    await admin.disconnect();
  }
}
