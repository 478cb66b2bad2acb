import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { createLogger } from '@nobel-pipeline/common';
import { asDatabaseError, type PrizeWriter, type WriteBatch } from '@nobel-pipeline/db';
import { createCodec, loadContracts, type NobelPrize } from '@nobel-pipeline/schemas';
import { createFakeRegistry, syntheticPrizes } from '@nobel-pipeline/test-utils';
import { createBatchHandler, type BatchHandlerDeps } from './batch-handler';
import type { DeadLetter } from '@nobel-pipeline/common';
import { createSinkMetrics } from './metrics';
import { createPartitionHealth } from './partition-health';

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

function setup(
  writer: PrizeWriter,
  stopping = () => false,
  extra: Pick<BatchHandlerDeps, 'writersPerBatch' | 'onBatch'> = {},
) {
  const letters: DeadLetter[] = [];
  const commits: string[] = [];
  const bugs: unknown[] = [];
  const metrics = createSinkMetrics({ defaultMetrics: false });
  let clock = 0;
  const health = createPartitionHealth({
    stuckAfterMs: 1000,
    gauge: metrics.partitionRetrying,
    now: () => clock,
  });
  // As the real writer does: what it throws is a DatabaseError that says whether it may pass.
  const asWritten: PrizeWriter = {
    write: (batch) =>
      writer.write(batch).catch((error: unknown) => {
        throw asDatabaseError(error);
      }),
  };
  const handler = createBatchHandler({
    decoders: {
      prizes: { topic: TOPIC, decoder: codec.decoder(contracts.nobelPrize) },
      runs: { topic: 'runs', decoder: codec.decoder(contracts.fetchRun) },
      laureates: { topic: 'laureates', decoder: codec.decoder(contracts.nobelLaureate) },
    },
    writer: asWritten,
    ...extra,
    dlq: { topic: 'dlq', send: async (l) => void letters.push(...l) },
    commit: async (_t, _p, offset) => void commits.push(offset),
    metrics,
    logger: createLogger({ name: 'test', level: 'silent' }),
    retry: { initialMs: 1, maxMs: 2 },
    health,
    isStopping: stopping,
    onProgrammerError: (error) => void bugs.push(error),
  });
  const advance = (ms: number) => (clock += ms);
  return { handler, letters, commits, bugs, health, advance, metrics };
}

const written: WriteBatch[] = [];
const okWriter: PrizeWriter = {
  write: async (batch) => {
    written.push(batch);
    return {
      prizes: batch.prizes.length,
      stale: 0,
      laureates: 0,
      laureateDetails: 0,
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

  it('writes a large batch in SINK_WRITERS_PER_BATCH transactions, and commits once', async () => {
    const events = syntheticPrizes(150) as NobelPrize[];
    const messages = await Promise.all(events.map((e, i) => message(i, e)));
    const heard: unknown[] = [];
    const { handler, commits } = setup(okWriter, () => false, {
      writersPerBatch: 3,
      onBatch: (batch) => heard.push(batch),
    });
    await handler(payload(messages).p);
    expect(written.map((b) => b.prizes.length)).toEqual([50, 50, 50]);
    expect(commits).toEqual(['150']);
    expect(heard).toEqual([{ topic: TOPIC, partition: 0, records: 150 }]);
  });

  it('writes the newest version of a key, also when an older one comes after it (a redriven record)', async () => {
    const [a] = syntheticPrizes(1);
    const newer = {
      ...(a as NobelPrize),
      prizeAmount: 2,
      fetchedAt: (a as NobelPrize).fetchedAt + 1,
    };
    const older = { ...(a as NobelPrize), prizeAmount: 1 };
    const { handler, commits } = setup(okWriter);
    const { p } = payload([await message(20, newer), await message(21, older)]);
    await handler(p);
    expect(written[0]?.prizes.map((r) => r.prize.prizeAmount)).toEqual([2]);
    expect(commits).toEqual(['22']);
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

  it('waits for a database not migrated or not granted, rather than dead-letter every record', async () => {
    const failures = [
      Object.assign(new Error("Table 'nobel.prizes' doesn't exist"), {
        parent: { errno: 1146, sqlState: '42S02' },
      }),
      Object.assign(new Error("INSERT command denied to user 'nobel_sink'"), {
        parent: { errno: 1142, sqlState: '42000' },
      }),
    ];
    const unready: PrizeWriter = {
      write: async (batch) => {
        const failure = failures.shift();
        // As the real writer does: its errors are DatabaseErrors that say whether they pass.
        if (failure !== undefined) throw asDatabaseError(failure);
        return okWriter.write(batch);
      },
    };
    const { handler, letters, commits } = setup(unready);
    const { p, calls } = payload([await message(7, syntheticPrizes(1)[0] as NobelPrize)]);
    await handler(p);
    expect(failures).toEqual([]);
    expect([calls.paused, calls.resumed]).toEqual([1, 1]);
    expect(letters).toEqual([]);
    expect(commits).toEqual(['8']);
  });

  it('is abandoned, uncommitted, when shutdown comes while the database is down', async () => {
    let stopping = false;
    const down: PrizeWriter = {
      write: async () => {
        stopping = true;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
    };
    const { handler, commits, letters, health } = setup(down, () => stopping);
    const { p, calls } = payload([await message(5, syntheticPrizes(1)[0] as NobelPrize)]);
    await expect(handler(p)).rejects.toThrow('gave up retrying: shutting down');
    expect(commits).toEqual([]);
    expect(letters).toEqual([]);
    expect(calls.resolved).toEqual([]);
    // Paused while it waited; resumed when abandoned, so that this member reads it again.
    expect([calls.paused, calls.resumed]).toEqual([1, 1]);
    expect(health.stuck()).toEqual([]);
  });

  it('finds the records the database refuses by halves, dead-letters them, writes the rest', async () => {
    const events = syntheticPrizes(7) as NobelPrize[];
    const poison = new Set([events[2]?.id, events[5]?.id]);
    const transactions: string[][] = [];
    const picky: PrizeWriter = {
      write: async (batch) => {
        const ids = batch.prizes.map((p) => p.prize.id);
        transactions.push(ids);
        if (ids.some((id) => poison.has(id)))
          // What MariaDB answers for a DATETIME it cannot hold: not retriable.
          throw Object.assign(new Error("Incorrect datetime value: '11476-8-15'"), {
            parent: { errno: 1292, code: 'ER_TRUNCATED_WRONG_VALUE' },
          });
        return okWriter.write(batch);
      },
    };
    const { handler, letters, commits } = setup(picky);
    const { p } = payload(await Promise.all(events.map((e, i) => message(20 + i, e))));
    await handler(p);
    expect(letters.map((l) => [l.message.offset, l.error.name])).toEqual([
      ['22', 'RefusedByDatabaseError'],
      ['25', 'RefusedByDatabaseError'],
    ]);
    expect(letters[0]?.error.message).toMatch(
      /the database refused the record: Incorrect datetime/,
    );
    const stored = written.flatMap((b) => b.prizes.map((r) => r.prize.id)).sort();
    expect(stored).toEqual(
      events
        .map((e) => e.id)
        .filter((id) => !poison.has(id))
        .sort(),
    );
    expect(commits).toEqual(['27']);
    // log2(7) levels of halves, not one transaction per record.
    expect(transactions.length).toBeLessThan(events.length * 2);
  });

  it('reports a partition that retries for longer than the threshold, until it is written', async () => {
    let down = true;
    let probe: string[] = [];
    const { handler, commits, health, advance } = setup({
      write: async (batch) => {
        if (down) {
          advance(600);
          probe = health.stuck();
          if (probe.length > 0) down = false;
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        }
        return okWriter.write(batch);
      },
    });
    const { p } = payload([await message(7, syntheticPrizes(1)[0] as NobelPrize)]);
    await handler(p);
    expect(probe).toEqual([
      expect.stringMatching(
        /^prizes\[0\] has been retrying a write for 1 s: writing to the database: connect ECONNREFUSED/,
      ),
    ]);
    expect(health.stuck()).toEqual([]);
    expect(commits).toEqual(['8']);
  });

  it('stops on a bug of ours: neither retried, nor dead-lettered, nor committed', async () => {
    let calls = 0;
    const buggy: PrizeWriter = {
      write: async () => {
        calls++;
        throw new TypeError("Cannot read properties of undefined (reading 'id')");
      },
    };
    const { handler, letters, commits, bugs } = setup(buggy);
    const { p } = payload([await message(9, syntheticPrizes(1)[0] as NobelPrize)]);
    await expect(handler(p)).rejects.toThrow(TypeError);
    expect([calls, letters.length, commits.length, bugs.length]).toEqual([1, 0, 0, 1]);
  });

  it('writes the version before a refused one of the same key, so no valid record is lost', async () => {
    const [first] = syntheticPrizes(1) as NobelPrize[];
    if (first === undefined) throw new Error('no fixture');
    const older = { ...first, prizeAmount: 1 };
    const newer = { ...first, prizeAmount: 2 };
    const picky: PrizeWriter = {
      write: async (batch) => {
        if (batch.prizes.some((r) => r.prize.prizeAmount === 2))
          throw Object.assign(new Error("Out of range value for column 'prize_amount'"), {
            parent: { errno: 1264, sqlState: '22003' },
          });
        return okWriter.write(batch);
      },
    };
    const { handler, letters, commits } = setup(picky);
    const { p } = payload([await message(30, older), await message(31, newer)]);
    await handler(p);
    expect(letters.map((l) => l.message.offset)).toEqual(['31']);
    expect(written.flatMap((b) => b.prizes.map((r) => r.prize.prizeAmount))).toEqual([1]);
    expect(commits).toEqual(['32']);
  });

  it('refuses, rather than retries for ever, what the database answers and is not transient', async () => {
    let calls = 0;
    const odd: PrizeWriter = {
      write: async () => {
        calls++;
        // Data truncated (1265, SQLSTATE 01000): not a connection, a deadlock or a timeout.
        throw Object.assign(new Error("Data truncated for column 'kind'"), {
          parent: { errno: 1265, sqlState: '01000' },
        });
      },
    };
    const { handler, letters, commits } = setup(odd);
    const { p } = payload([await message(40, syntheticPrizes(1)[0] as NobelPrize)]);
    await handler(p);
    expect([calls, letters.length, commits]).toEqual([1, 1, ['41']]);
  });
});
