import type { Admin, Kafka } from 'kafkajs';
import { CliError, EXIT, UnavailableError } from '../errors';

/** One partition's first offset still kept and its end (the next offset to be written). */
export interface PartitionOffsets {
  partition: number;
  low: bigint;
  high: bigint;
}

/**
 * Runs `work` with a connected admin client, disconnected afterwards. A broker that cannot be
 * reached is an UnavailableError (exit 4).
 */
export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new UnavailableError('Kafka', error);
  }
  try {
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Throws a CliError naming the topic when it does not exist. */
export async function assertTopicExists(admin: Admin, topic: string): Promise<void> {
  if (!(await admin.listTopics()).includes(topic))
    // A name that is not there is the caller's to fix, as for replay: a usage error.
    throw new CliError(`topic "${topic}" does not exist`, EXIT.usage, {
      code: 'unknown_topic',
    });
}

/**
 * Every partition of the topic with its offsets, in partition order. The ends are those of
 * committed records (kafkajs asks with read_committed): an open transaction's records are
 * beyond them.
 */
export async function topicOffsets(admin: Admin, topic: string): Promise<PartitionOffsets[]> {
  await assertTopicExists(admin, topic);
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets
    .map(({ partition, low, high }) => ({ partition, low: BigInt(low), high: BigInt(high) }))
    .sort((a, b) => a.partition - b.partition);
}

/**
 * Per partition, the first offset whose record's timestamp is at or after `ms` (Kafka's
 * ListOffsets by time); the partition's end when every record is older.
 */
export async function offsetsAtTime(
  admin: Admin,
  topic: string,
  ms: number,
): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, ms);
  return new Map(offsets.map(({ partition, offset }) => [partition, BigInt(offset)]));
}
