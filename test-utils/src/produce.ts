import { Partitioners, type Kafka, type Message } from 'kafkajs';
import { partitionCount, sendByPartition, type RequestLimits } from '@nobel-pipeline/common';

/** What tests send in one request: at most 500 records and 400 kB (common's rule of cutting). */
export const PRODUCE_BATCH = { records: 500, bytes: 400_000 } as const;

/**
 * Writes records to a topic as they are (raw keys and values: encode them first), in order,
 * with an idempotent producer and acks from all replicas, then disconnects. The one way tests
 * produce; each request names its partition (sendByPartition), as every producer does.
 */
export async function produceRecords(
  kafka: Kafka,
  topic: string,
  records: readonly Message[],
  limits: RequestLimits = PRODUCE_BATCH,
): Promise<void> {
  if (records.length === 0) return;
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  const admin = kafka.admin();
  await admin.connect();
  const partitions = await partitionCount(admin, topic).finally(() => admin.disconnect());
  await producer.connect();
  try {
    await sendByPartition(producer.send.bind(producer), { topic, records, partitions, limits });
  } finally {
    await producer.disconnect();
  }
}
