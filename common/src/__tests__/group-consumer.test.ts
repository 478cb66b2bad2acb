import type { Consumer, Kafka } from 'kafkajs';
import {
  createTestKafka,
  createTopic,
  loadTestConfig,
  uniqueGroup,
  uniqueTopic,
  waitFor,
} from '@nobel-pipeline/test-utils';
import { createGroupConsumer } from '../group-consumer';

/**
 * A stop that meets a join under way, on the real broker. The join is held open by a member
 * that does not rejoin: kafkajs heartbeats from its fetch loop, so a member busy in its
 * handler does not hear of the rebalance until the handler returns.
 */
jest.setTimeout(90_000);

const config = loadTestConfig();
let kafka: Kafka;
const started: Consumer[] = [];

beforeAll(() => {
  kafka = createTestKafka(config.kafka);
});

afterAll(async () => {
  await Promise.all(started.map((c) => c.disconnect().catch(() => undefined)));
});

async function members(groupId: string): Promise<{ state: string; members: string[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [group] = (await admin.describeGroups([groupId])).groups;
    return { state: group?.state ?? 'Dead', members: group?.members.map((m) => m.clientId) ?? [] };
  } finally {
    await admin.disconnect();
  }
}

it('leaves the group when stopped while its join is under way', async () => {
  const topic = uniqueTopic('group-consumer');
  const groupId = uniqueGroup('group-consumer');
  await createTopic(kafka, { name: topic });

  // The member that holds the rebalance open: busy with the first record until released.
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let busy = false;
  const holder = createTestKafka({ ...config.kafka, clientId: 'holder' }).consumer({ groupId });
  started.push(holder);
  await holder.connect();
  await holder.subscribe({ topic, fromBeginning: true });
  await holder.run({
    eachMessage: async () => {
      busy = true;
      await released;
    },
  });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'hold' }] });
  await producer.disconnect();
  await waitFor(() => busy, { description: 'the holder to be busy with its record' });

  const joiner = createGroupConsumer(createTestKafka({ ...config.kafka, clientId: 'joiner' }), {
    groupId,
  });
  started.push(joiner.consumer);
  await joiner.consumer.connect();
  await joiner.consumer.subscribe({ topic, fromBeginning: true });
  const running = joiner.run({ eachMessage: async () => undefined });
  await waitFor(async () => (await members(groupId)).state === 'PreparingRebalance', {
    description: "the joiner's join to be under way",
  });

  const stopped = joiner.stop();
  release();
  await stopped;
  await running.catch(() => undefined);

  // The rebalance the joiner's departure starts ends with the holder alone.
  await waitFor(
    async () => {
      const group = await members(groupId);
      return group.state === 'Stable' && group.members.join() === 'holder';
    },
    { timeoutMs: 45_000, description: 'the holder alone in a stable group' },
  );
});
