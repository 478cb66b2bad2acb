import {
  Partitioners,
  type Message,
  type PartitionMetadata,
  type ProducerRecord,
  type RecordMetadata,
} from 'kafkajs';
import { PipelineError } from './errors';

/**
 * How records are cut into produce requests, for every producer of the project (the DLQs, the
 * CLI's redrive, the tests): in order, at most `records` per request and at most `bytes` of
 * keys, values and headers (a record larger than that goes alone), so that a request stays
 * well under the broker's 1 MB (message.max.bytes).
 */

export interface RequestLimits {
  bytes: number;
  records?: number;
}

/** Bytes per produce request: well under the broker's 1 MB. */
export const REQUEST_BYTES = 512 * 1024;

export interface OutgoingRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, unknown>;
}

const length = (value: unknown): number =>
  Buffer.isBuffer(value) ? value.length : typeof value === 'string' ? Buffer.byteLength(value) : 0;

export function recordBytes(record: OutgoingRecord): number {
  return (
    length(record.key) +
    length(record.value) +
    Object.entries(record.headers ?? {}).reduce(
      (n, [k, v]) =>
        n + Buffer.byteLength(k) + (Buffer.isBuffer(v) ? v.length : String(v ?? '').length),
      0,
    )
  );
}

export function splitIntoRequests<R extends OutgoingRecord>(
  records: readonly R[],
  limits: RequestLimits = { bytes: REQUEST_BYTES },
): R[][] {
  const out: R[][] = [];
  let current: R[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = recordBytes(record);
    const full =
      current.length > 0 &&
      (bytes + size > limits.bytes ||
        (limits.records !== undefined && current.length >= limits.records));
    if (full) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * The partition of each record as every producer of the project places it (kafkajs's
 * DefaultPartitioner: Java's murmur2 of the key, so other clients agree where a key lives; a
 * record without a key goes round-robin).
 */
export function partitionRecords<R extends OutgoingRecord & { partition?: number }>(
  records: readonly R[],
  partitions: number,
  topic = 'topic',
): Map<number, R[]> {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`a topic has at least one partition; got ${partitions}`);
  }
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, i) => ({
    partitionErrorCode: 0,
    partitionId: i,
    leader: 0,
    replicas: [],
    isr: [],
  }));
  const byPartition = new Map<number, R[]>();
  for (const record of records) {
    const message = { ...record, headers: undefined };
    const partition = partitioner({ topic, partitionMetadata, message });
    const ofPartition = byPartition.get(partition);
    if (ofPartition === undefined) byPartition.set(partition, [record]);
    else ofPartition.push(record);
  }
  return byPartition;
}

/** What a producer or a transaction offers to send records (kafkajs's `send`). */
export type Send = (record: ProducerRecord) => Promise<RecordMetadata[]>;

/**
 * Sends records so that none can be dropped without an error, and answers which partitions
 * were written. kafkajs (2.2.4) keeps, across the retries of one `send`, the answers of the
 * brokers that answered; when a failed partition's leadership moves to one of those brokers,
 * the retry sends nothing there and the send succeeds without that partition's records (a
 * leader killed while a request spanning several leaders is in flight). So every request
 * here names one partition, and each answer must name it back.
 */
export async function sendByPartition(
  send: Send,
  options: {
    topic: string;
    records: readonly OutgoingRecord[];
    partitions: number;
    acks?: number;
    limits?: RequestLimits;
  },
): Promise<void> {
  const byPartition = partitionRecords(options.records, options.partitions, options.topic);
  // Partitions in the order of their first record: what a caller sent first goes first.
  for (const [partition, records] of byPartition) {
    for (const request of splitIntoRequests(records, options.limits)) {
      const answers = await send({
        topic: options.topic,
        acks: options.acks ?? -1,
        // kafkajs takes its own headers type; ours are what it accepts (Buffer or string).
        messages: request.map((r) => ({ ...r, partition }) as Message),
      });
      const answered = answers.some(
        (a) => a.topicName === options.topic && a.partition === partition && a.errorCode === 0,
      );
      if (!answered) {
        throw new PipelineError(
          `Kafka did not acknowledge ${request.length} record(s) for ${options.topic}/${partition}`,
          { retriable: true },
        );
      }
    }
  }
}
