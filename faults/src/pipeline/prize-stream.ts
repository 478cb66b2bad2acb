import { Partitioners, type Kafka, type Message } from 'kafkajs';
import { partitionCount, sendByPartition } from '@nobel-pipeline/common';
import {
  createCodec,
  loadContracts,
  type NobelPrize,
  createRegistryClient,
} from '@nobel-pipeline/schemas';
import { syntheticPrizes } from '@nobel-pipeline/test-utils';
import type { ScenarioContext } from '../scenarios/scenario';

/** Prize events as the fetcher writes them: keyed by id, registry-framed Avro. */
export async function encodePrizes(
  registryUrl: string,
  topic: string,
  prizes: readonly NobelPrize[],
): Promise<Message[]> {
  const codec = createCodec({ registry: createRegistryClient({ url: registryUrl }) });
  const encoder = codec.encoder(loadContracts().nobelPrize, topic);
  const messages: Message[] = [];
  for (const prize of prizes) messages.push({ key: prize.id, value: await encoder.encode(prize) });
  return messages;
}

export interface PrizeStream {
  /** Records Kafka acknowledged so far (acks from all in-sync replicas). */
  acknowledged(): number;
  /** Resolves once every record is acknowledged; rejects with the producer's error. */
  done: Promise<void>;
}

/**
 * Sends the records in chunks, one after the other, with an idempotent producer: a stream
 * the scenario breaks things during. Kafka retries are the producer's own; each request names
 * its partition (sendByPartition), so that a leader moving mid-send cannot drop records that
 * would then count as acknowledged.
 */
export function streamRecords(
  kafka: Kafka,
  topic: string,
  messages: readonly Message[],
  chunk = 200,
): PrizeStream {
  let acknowledged = 0;
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  const done = (async () => {
    const admin = kafka.admin();
    await admin.connect();
    const partitions = await partitionCount(admin, topic).finally(() => admin.disconnect());
    await producer.connect();
    const send = producer.send.bind(producer);
    try {
      for (let i = 0; i < messages.length; i += chunk) {
        const slice = messages.slice(i, i + chunk);
        await sendByPartition(send, { topic, records: slice, partitions });
        acknowledged += slice.length;
      }
    } finally {
      await producer.disconnect();
    }
  })();
  // Observed by the scenario through `done`; this keeps an early failure from going unhandled.
  done.catch(() => undefined);
  return { acknowledged: () => acknowledged, done };
}

/** `events` synthetic prizes (seeded by the scenario), encoded and streamed to the topic. */
export async function streamSyntheticPrizes(
  context: ScenarioContext,
  topic: string,
  events: number,
  chunk?: number,
): Promise<PrizeStream> {
  const messages = await encodePrizes(
    context.config.test.registry.url,
    topic,
    syntheticPrizes(events, { seed: Math.floor(context.random() * 1e9) }),
  );
  return streamRecords(context.kafka, topic, messages, chunk);
}
