import type { Kafka, ProducerRecord } from 'kafkajs';
import { createLogger } from '@nobel-pipeline/common';
import type { Encoder, FetchRun } from '@nobel-pipeline/schemas';
import { PublishError } from '../errors';
import { createRunPublisher } from './run-publisher';

/**
 * Which producer a transaction uses after a failed one, with a fake kafkajs client (the real
 * broker's transactions are tested in __tests__/run-publisher.test.ts).
 */

interface FakeProducer {
  id: number;
  disconnected: boolean;
  sent: number;
}

/** A kafkajs error as the broker's answer becomes one: its type names the Kafka error. */
const kafkaError = (type: string) => Object.assign(new Error(type), { type });

function fakeKafka(failures: (Error | undefined)[]) {
  const producers: FakeProducer[] = [];
  const kafka = {
    admin: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => ({
        topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0 }] })),
      }),
    }),
    producer: () => {
      const producer: FakeProducer = { id: producers.length, disconnected: false, sent: 0 };
      producers.push(producer);
      return {
        connect: async () => undefined,
        disconnect: async () => {
          producer.disconnected = true;
        },
        transaction: async () => ({
          send: async (record: ProducerRecord) => {
            const failure = failures.shift();
            if (failure !== undefined) throw failure;
            producer.sent++;
            const partition = record.messages[0]?.partition ?? -1;
            return [{ topicName: record.topic, partition, errorCode: 0 }];
          },
          commit: async () => undefined,
          abort: async () => undefined,
        }),
      };
    },
  };
  // Only what the publisher calls is faked: admin() for partition counts, and producer().
  return { kafka: kafka as unknown as Kafka, producers };
}

const runs: Encoder<FetchRun> = {
  topic: 'runs',
  subject: 'runs-value',
  schemaId: async () => 1,
  encode: async () => Buffer.from('run'),
};
const run = { runId: 'r1' } as FetchRun; // only its id is read, as the record's key
const logger = createLogger({ name: 'test', level: 'silent' });

it('takes a new producer after a failed transaction, so the next run does not inherit it', async () => {
  const { kafka, producers } = fakeKafka([kafkaError('OUT_OF_ORDER_SEQUENCE_NUMBER')]);
  const publisher = createRunPublisher({ kafka, transactionalId: 't', runs, logger });

  await expect(publisher.publishRun(run)).rejects.toThrow(PublishError);
  await publisher.publishRun(run);

  expect(producers).toHaveLength(2);
  expect(producers[0]).toMatchObject({ disconnected: true, sent: 0 });
  expect(producers[1]).toMatchObject({ disconnected: false, sent: 1 });
});

it('starts over once with a new producer when fenced, and replaces that one if it fails too', async () => {
  const { kafka, producers } = fakeKafka([
    kafkaError('PRODUCER_FENCED'),
    kafkaError('NOT_ENOUGH_REPLICAS'),
  ]);
  const publisher = createRunPublisher({ kafka, transactionalId: 't', runs, logger });

  await expect(publisher.publishRun(run)).rejects.toThrow(/NOT_ENOUGH_REPLICAS/);
  await publisher.publishRun(run);

  expect(producers.map((p) => p.disconnected)).toEqual([true, true, false]);
  expect(producers[2]?.sent).toBe(1);
});

it('keeps its producer while transactions succeed', async () => {
  const { kafka, producers } = fakeKafka([]);
  const publisher = createRunPublisher({ kafka, transactionalId: 't', runs, logger });

  await publisher.publishRun(run);
  await publisher.publishRun(run);

  expect(producers).toHaveLength(1);
  expect(producers[0]?.sent).toBe(2);
});
