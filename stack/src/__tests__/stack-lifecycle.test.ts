import {
  consumeMessages,
  createTestKafka,
  createTopic,
  produceRecords,
  loadTestConfig,
  uniqueTopic,
} from '@nobel-pipeline/test-utils';
import { runningStack } from './helpers';

jest.setTimeout(180_000);

const { stack, reports, config: stackConfig } = runningStack();
const config = loadTestConfig();
// The single broker is `kafka`; a cluster's nodes (stack:up --brokers 3) are kafka-1, kafka-2…
const kafkaNodes =
  stackConfig.kafka.nodes.length === 1
    ? ['kafka']
    : stackConfig.kafka.nodes.map((node) => `kafka-${node.id}`);

it('up is a no-op when everything runs', async () => {
  const result = await stack.up();
  expect(result.errors).toEqual([]);
  expect(result.statuses.map((s) => [s.name, s.up])).toEqual([
    ...kafkaNodes.map((name) => [name, true]),
    ['registry', true],
    ['mariadb', true],
    ['topics', true],
  ]);
  expect(reports.filter((line) => /starting|downloading|created/.test(line))).toEqual([]);
});

it('status reports versions and owners', async () => {
  const statuses = await stack.status();
  const registry = statuses.find((s) => s.name === 'registry');
  const mariadb = statuses.find((s) => s.name === 'mariadb');
  for (const name of kafkaNodes) {
    expect(statuses.find((s) => s.name === name)).toMatchObject({
      up: true,
      owner: 'stack',
      version: expect.stringMatching(/^4\.\d+\.\d+$/),
    });
  }
  expect(registry).toMatchObject({
    up: true,
    owner: 'stack',
    version: expect.stringMatching(/^3\.\d+\.\d+$/),
  });
  expect(mariadb).toMatchObject({ up: true, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
});

it('keeps Kafka data across a restart of the broker (of every node of a cluster)', async () => {
  const kafka = createTestKafka(config.kafka);
  const topic = uniqueTopic('restart');
  await createTopic(kafka, { name: topic, partitions: 2 });
  await produceRecords(kafka, topic, [
    { key: 'a', value: 'kept 1' },
    { key: 'b', value: 'kept 2' },
  ]);

  const broker = stack.component('kafka');
  await broker.down();
  expect((await broker.status()).up).toBe(false);
  expect((await broker.up()).up).toBe(true);

  const received = await consumeMessages(createTestKafka(config.kafka), { topic, count: 2 });
  expect(received.map((r) => r.message.value?.toString()).sort()).toEqual(['kept 1', 'kept 2']);
});
