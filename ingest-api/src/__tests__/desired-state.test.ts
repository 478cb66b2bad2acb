import type { Kafka } from 'kafkajs';
import { createLogger } from '@nobel-pipeline/common';
import type { Decoder, FetcherCommand } from '@nobel-pipeline/schemas';
import {
  consumeMessages,
  createTestKafka,
  createTopic,
  loadTestConfig,
  uniqueTopic,
} from '@nobel-pipeline/test-utils';
import { createDesiredStateTracker } from '../status/desired-state';

/**
 * The status tracker's consumer group, on the real broker: one group per process, which must
 * not outlive it, however early the process is stopped.
 */
jest.setTimeout(90_000);

const config = loadTestConfig();
const logger = createLogger({ name: 'test', level: 'silent' });
// What is on the topic is never a command (no registry needed): the decoder is not reached.
const decoder: Decoder<FetcherCommand> = {
  decode: () => Promise.reject(new Error('not a command')),
};
let kafka: Kafka;

beforeAll(() => {
  kafka = createTestKafka(config.kafka);
});

async function groupState(groupId: string): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [group] = (await admin.describeGroups([groupId])).groups;
    return group?.state ?? 'Dead';
  } finally {
    await admin.disconnect();
  }
}

it.each([
  ['at once', 0],
  ['while it connects', 1],
  ['while it joins', 2],
])('leaves no group behind when stopped %s', async (_when, step) => {
  const topic = uniqueTopic('status');
  await createTopic(kafka, { name: topic, compacted: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ key: 'other', value: 'x' }] });
  await producer.disconnect();

  const admin = kafka.admin();
  await admin.connect();
  const tracker = createDesiredStateTracker({ kafka, topic, decoder, logger });
  const starting = tracker.start().catch(() => undefined);
  // Later steps of the start: after a round trip to the broker or two.
  for (let i = 0; i < step; i++) await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  await tracker.stop();
  await starting;
  expect(await groupState(tracker.groupId)).toBe('Dead');

  // A member that joined after the stop would read the topic's record as this reader does;
  // once the reader has it, such a member would have joined too.
  await consumeMessages(kafka, { topic, count: 1 });
  expect(await groupState(tracker.groupId)).toBe('Dead');
});
