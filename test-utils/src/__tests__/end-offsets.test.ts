import { loadTestConfig } from '../config';
import { createEndOffsetReader, leaderAddress, type EndOffsetReader } from '../end-offsets';
import { createTestKafka, createTopic } from '../kafka';
import { uniqueName, uniqueTopic } from '../names';
import { waitFor } from '../wait-for';

/**
 * The end offset reader against the real broker: a transaction still open shows as a
 * committed end behind the uncommitted one, and a commit or an abort closes the gap.
 */
jest.setTimeout(60_000);

const config = loadTestConfig();
const kafka = createTestKafka(config.kafka);

async function readerFor(topic: string): Promise<EndOffsetReader> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return createEndOffsetReader(await leaderAddress(admin, topic, 0));
  } finally {
    await admin.disconnect();
  }
}

/** Waits until both ends are at `offset`: no transaction open, the last marker written. */
async function endsAt(reader: EndOffsetReader, topic: string, offset: bigint): Promise<void> {
  await waitFor(
    async () => {
      const { committed, uncommitted } = await reader.read(topic, 0);
      return committed === offset && uncommitted === offset;
    },
    { timeoutMs: 10_000, intervalMs: 20, description: `both end offsets of ${topic} at ${offset}` },
  );
}

it('shows an open transaction as records past the committed end, until it commits or aborts', async () => {
  const topic = uniqueTopic('test.end-offsets');
  await createTopic(kafka, { name: topic });
  const reader = await readerFor(topic);
  const producer = kafka.producer({
    transactionalId: uniqueName('test-end-offsets'),
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    expect(await reader.read(topic, 0)).toEqual({ committed: 0n, uncommitted: 0n });

    const tx = await producer.transaction();
    await tx.send({ topic, messages: [{ value: 'a' }, { value: 'b' }] });
    expect(await reader.read(topic, 0)).toEqual({ committed: 0n, uncommitted: 2n });
    await tx.commit();
    // The coordinator writes the commit marker (a record too) after it answers the commit.
    await endsAt(reader, topic, 3n);

    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: 'c' }] });
    expect(await reader.read(topic, 0)).toEqual({ committed: 3n, uncommitted: 4n });
    await aborted.abort();
    await endsAt(reader, topic, 5n);
  } finally {
    reader.close();
    await producer.disconnect();
  }
});
