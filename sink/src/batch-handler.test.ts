import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { createLogger } from '@nobel-pipeline/common';
import type { PrizeWriter, WriteBatch } from '@nobel-pipeline/db';
import { createCodec, loadContracts, type NobelPrize } from '@nobel-pipeline/schemas';
import { createFakeRegistry } from '@nobel-pipeline/test-utils';
import { createBatchHandler } from './batch-handler';
import { syntheticPrizes } from './bench/synthetic';
import type { DeadLetter } from './dlq';
import { createSinkMetrics } from './metrics';

const contracts = loadContracts();
const registry = createFakeRegistry();
const codec = createCodec({ registry });
const TOPIC = 'prizes';

async function message(offset: number, event: NobelPrize | Buffer): Promise<KafkaMessage> {
  const value = Buffer.isBuffer(event)
    ? event
    : await codec.encoder(contracts.nobelPrize, TOPIC).encode(event);
  return {
    offset: String(offset),
    key: Buffer.from(Buffer.isBuffer(event) ? 'x' : event.id),
    value,
    timestamp: '0',
    attributes: 0,
    headers: {},
  } as KafkaMessage;
}

function payload(messages: KafkaMessage[]) {
  const calls = { resolved: [] as string[], paused: 0, resumed: 0, heartbeats: 0 };
  const batch = {
    topic: TOPIC,
    partition: 0,
    messages,
    isEmpty: () => messages.length === 0,
    lastOffset: () => messages[messages.length - 1]?.offset ?? '-1',
    offsetLag: () => '0',
  } as unknown as Batch;
  const p = {
    batch,
    resolveOffset: (offset: string) => void calls.resolved.push(offset),
    heartbeat: async () => void calls.heartbeats++,
    isRunning: () => true,
    isStale: () => false,
    pause: () => {
      calls.paused++;
      return () => void calls.resumed++;
    },
  } as unknown as EachBatchPayload;
  return { p, calls };
}

function setup(writer: PrizeWriter, stopping = () => false) {
  const letters: DeadLetter[] = [];
  const commits: string[] = [];
  const handler = createBatchHandler({
    decoders: {
      prizes: { topic: TOPIC, decoder: codec.decoder(contracts.nobelPrize) },
      runs: { topic: 'runs', decoder: codec.decoder(contracts.fetchRun) },
    },
    writer,
    dlq: { topic: 'dlq', send: async (l) => void letters.push(...l) },
    commit: async (_t, _p, offset) => void commits.push(offset),
    metrics: createSinkMetrics({ defaultMetrics: false }),
    logger: createLogger({ name: 'test', level: 'silent' }),
    retry: { baseMs: 1, maxMs: 2 },
    isStopping: stopping,
  });
  return { handler, letters, commits };
}

const written: WriteBatch[] = [];
const okWriter: PrizeWriter = {
  write: async (batch) => {
    written.push(batch);
    return {
      prizes: batch.prizes.length,
      stale: 0,
      laureates: 0,
      entries: 0,
      entriesRemoved: 0,
      runs: batch.runs.length,
    };
  },
};

describe('a batch', () => {
  beforeEach(() => (written.length = 0));

  it('keeps the latest record per key, sends the bad ones to the DLQ, writes, then commits', async () => {
    const [a, b] = syntheticPrizes(2);
    const newerA = { ...(a as NobelPrize), prizeAmount: 1 };
    const { handler, letters, commits } = setup(okWriter);
    const { p, calls } = payload([
      await message(10, a as NobelPrize),
      await message(11, Buffer.from('garbage')),
      await message(12, b as NobelPrize),
      await message(13, newerA),
    ]);
    await handler(p);
    expect(written[0]?.prizes.map((r) => [r.prize.id, r.prize.prizeAmount]).sort()).toEqual([
      [(a as NobelPrize).id, 1],
      [(b as NobelPrize).id, (b as NobelPrize).prizeAmount],
    ]);
    expect(letters.map((l) => [l.message.offset, l.error.name])).toEqual([
      ['11', 'MalformedRecordError'],
    ]);
    expect(calls.resolved).toEqual(['13']);
    expect(commits).toEqual(['14']);
  });

  it('retries a failing database write, paused, and commits only once it is written', async () => {
    let failures = 2;
    const flaky: PrizeWriter = {
      write: async (batch) => {
        if (failures-- > 0)
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        return okWriter.write(batch);
      },
    };
    const { handler, letters, commits } = setup(flaky);
    const { p, calls } = payload([await message(5, syntheticPrizes(1)[0] as NobelPrize)]);
    await handler(p);
    expect([calls.paused, calls.resumed]).toEqual([1, 1]);
    expect(letters).toEqual([]);
    expect(commits).toEqual(['6']);
  });

  it('is abandoned, uncommitted, when shutdown comes while the database is down', async () => {
    let stopping = false;
    const down: PrizeWriter = {
      write: async () => {
        stopping = true;
        throw new Error('database down');
      },
    };
    const { handler, commits } = setup(down, () => stopping);
    const { p, calls } = payload([await message(5, syntheticPrizes(1)[0] as NobelPrize)]);
    await expect(handler(p)).rejects.toThrow('gave up retrying: shutting down');
    expect(commits).toEqual([]);
    expect(calls.resolved).toEqual([]);
  });
});
