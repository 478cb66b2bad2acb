import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { createGroupConsumer, deleteGroup } from '@nobel-pipeline/common';

export interface TopicRecord {
  partition: number;
  offset: string;
  message: KafkaMessage;
}

export interface ReadToEndOptions {
  kafka: Kafka;
  admin: Admin;
  topic: string;
  /** Prefix of the throwaway consumer group used for the read. */
  groupPrefix: string;
  /** Give up (and fail) after this long: an open transaction holds the read back. */
  timeoutMs?: number;
}

/**
 * Reads a topic from its beginning to its end as it is now, committed records only, in
 * offset order per partition, and resolves once every partition is caught up. Used to rebuild
 * state from compacted topics. The read uses a throwaway consumer group, deleted afterwards.
 */
export async function readToEnd(options: ReadToEndOptions): Promise<TopicRecord[]> {
  const { kafka, admin, topic } = options;
  const ends = await admin.fetchTopicOffsets(topic);
  const remaining = new Map<number, bigint>();
  for (const { partition, high, low } of ends) {
    if (BigInt(high) > BigInt(low)) remaining.set(partition, BigInt(high) - 1n);
  }
  const records: TopicRecord[] = [];
  if (remaining.size === 0) return records;

  const groupId = `${options.groupPrefix}-${randomUUID()}`;
  const group = createGroupConsumer(kafka, {
    groupId,
    readUncommitted: false,
    allowAutoTopicCreation: false,
    // A failure ends the read, with its error: nothing restarts the consumer behind it.
    retry: { restartOnFailure: async () => false },
  });
  const consumer = group.consumer;
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolveRead, rejectRead) => {
      timer = setTimeout(
        () =>
          rejectRead(
            new Error(
              `reading ${topic} to its end took more than ${options.timeoutMs ?? 60_000} ms`,
            ),
          ),
        options.timeoutMs ?? 60_000,
      );
      // Emitted after each batch, also for batches of transaction markers only, whose last
      // offset is the end of the partition when the last transaction was committed.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const end = remaining.get(payload.partition);
        if (end !== undefined && BigInt(payload.lastOffset) >= end)
          remaining.delete(payload.partition);
        if (remaining.size === 0) resolveRead();
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => rejectRead(payload.error));
      group
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            records.push({ partition, offset: message.offset, message });
          },
        })
        .catch(rejectRead);
    });
    return records;
  } finally {
    clearTimeout(timer);
    await group.stop().catch(() => undefined);
    await deleteGroup(admin, groupId, { withinMs: 5000 }).catch(() => undefined);
  }
}
