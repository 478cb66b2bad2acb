import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import {
  createTopicsWithLeaders,
  replicationEntries,
  replicationFor,
  type KafkaConfig,
} from '@nobel-pipeline/common';
import { loadTestConfig, type TestConfig } from './config';
import { uniqueGroup } from './names';
import { produceRecords } from './produce';
import { waitFor } from './wait-for';

/**
 * A kafkajs client for tests, with short retries. It logs nothing: every error a test meets
 * reaches it as a rejected promise, and kafkajs's own lines for errors a test causes on
 * purpose (a record larger than the broker accepts) would read like failures in the output.
 * `{ log: true }` prints its errors, for a test being debugged.
 */
export function createTestKafka(config: KafkaConfig, options: { log?: boolean } = {}): Kafka {
  return new Kafka({
    brokers: config.brokers,
    clientId: config.clientId,
    logLevel: options.log === true ? logLevel.ERROR : logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
  });
}

/** A test client for the Kafka of the test configuration (the services' .env and environment). */
export function testKafka(config: Pick<TestConfig, 'kafka'> = loadTestConfig()): Kafka {
  return createTestKafka(config.kafka);
}

export interface TestTopic {
  name: string;
  partitions?: number;
  compacted?: boolean;
}

/**
 * Creates a topic and waits until every partition has a leader. It is replicated as the
 * pipeline's own topics are on this cluster (three copies on a cluster of three), so that a test
 * that stops a broker of a cluster does not lose its topic with it.
 */
export async function createTopic(kafka: Kafka, topic: TestTopic): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const replication = replicationFor((await admin.describeCluster()).brokers.length);
    await createTopicsWithLeaders(admin, [
      {
        topic: topic.name,
        numPartitions: topic.partitions ?? 1,
        replicationFactor: replication.replicationFactor,
        configEntries: [
          ...replicationEntries(replication),
          ...(topic.compacted === true ? [{ name: 'cleanup.policy', value: 'compact' }] : []),
        ],
      },
    ]);
  } finally {
    await admin.disconnect();
  }
}

export interface ConsumedMessage {
  partition: number;
  message: KafkaMessage;
}

/**
 * Reads `count` messages of a topic from the beginning with a fresh consumer group, and
 * disconnects. Fails with a clear message if they do not all arrive in time.
 */
export async function consumeMessages(
  kafka: Kafka,
  options: { topic: string; count: number; timeoutMs?: number; groupId?: string },
): Promise<ConsumedMessage[]> {
  const consumer = kafka.consumer({ groupId: options.groupId ?? uniqueGroup('consume') });
  const received: ConsumedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({ partition, message });
      },
    });
    await waitFor(() => received.length >= options.count, {
      timeoutMs: options.timeoutMs ?? 30_000,
      description: `${options.count} messages on ${options.topic} (got ${received.length})`,
    });
    return received;
  } finally {
    await consumer.disconnect();
  }
}

const SENTINEL = '__sentinel__';

/** Everything committed to a topic, as it arrives, in a list the test can wait on. */
export interface Collector {
  messages: { partition: number; message: KafkaMessage }[];
  /** Resolves once everything committed before the call has been collected. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export async function collect(kafka: Kafka, topic: string, partitions: number): Promise<Collector> {
  const consumer: Consumer = kafka.consumer({
    groupId: uniqueGroup('collect'),
    readUncommitted: false,
  });
  const messages: Collector['messages'] = [];
  const sentinels = new Set<string>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (message.key?.toString() === SENTINEL) sentinels.add(message.value?.toString() ?? '');
      else messages.push({ partition, message });
    },
  });
  return {
    messages,
    async flush() {
      // A plain record per partition, after everything committed so far: once all are seen,
      // so is everything before them.
      const ids = Array.from({ length: partitions }, () => randomUUID());
      await produceRecords(
        kafka,
        topic,
        ids.map((id, partition) => ({ key: SENTINEL, value: id, partition })),
      );
      await waitFor(() => ids.every((id) => sentinels.has(id)), {
        timeoutMs: 30_000,
        description: `the sentinels on ${topic}`,
      });
    },
    stop: () => consumer.disconnect(),
  };
}
