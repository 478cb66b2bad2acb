import { Partitioners, type Kafka, type Message } from 'kafkajs';

/**
 * How records go to the broker in one request: at most this many, and no more value bytes than
 * this (a larger record goes alone), so that a request stays under the broker's 1 MB.
 */
export const PRODUCE_BATCH = { records: 500, bytes: 400_000 } as const;

export type BatchLimits = { [K in keyof typeof PRODUCE_BATCH]: number };

const sizeOf = (message: Message): number =>
  message.value === null ? 0 : Buffer.byteLength(message.value);

/** The records in order, cut into batches within the limits. */
export function batches(
  records: readonly Message[],
  limits: BatchLimits = PRODUCE_BATCH,
): Message[][] {
  const out: Message[][] = [];
  let batch: Message[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = sizeOf(record);
    if (batch.length > 0 && (batch.length >= limits.records || bytes + size > limits.bytes)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(record);
    bytes += size;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/**
 * Writes records to a topic as they are (raw keys and values: encode them first), in order,
 * with an idempotent producer and acks from all replicas, then disconnects. The one way tests
 * produce.
 */
export async function produceRecords(
  kafka: Kafka,
  topic: string,
  records: readonly Message[],
  limits: BatchLimits = PRODUCE_BATCH,
): Promise<void> {
  if (records.length === 0) return;
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    for (const messages of batches(records, limits))
      await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}
