import { loadEnv } from '@nobel-pipeline/common';
import { hasDefaultSnapshot } from '@nobel-pipeline/nobel-mirror';
import {
  createStack,
  loadStackConfig,
  resetToEarliestArgs,
  runKafkaTool,
} from '@nobel-pipeline/stack';
import {
  caughtUp,
  collect,
  createTestDatabase,
  produceRecords,
  startTcpProxy,
  syntheticPrizes,
  type TestDatabase,
  testKafka,
  uniqueGroup,
  waitFor,
} from '@nobel-pipeline/test-utils';
import { createPrizeReader, createSequelize, defineModels } from '@nobel-pipeline/db';
import { laureateSourceFields } from '@nobel-pipeline/schemas';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DLQ_HEADERS } from '@nobel-pipeline/common';
import {
  config,
  counts,
  createSinkTopics,
  produceLaureates,
  producePrizes,
  produceRuns,
  produceRunsV1,
  realEvents,
  realLaureates,
  startSink,
  type SinkTopics,
} from '../testing/pipeline';

/** The sink as a real process, on the real stack, with a database of the test's own. */
jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const stackConfig = loadStackConfig(loadEnv({ cwd: ROOT }).env, ROOT);
const kafka = testKafka();
const describeWithSnapshot = hasDefaultSnapshot() ? describe : describe.skip;
if (!hasDefaultSnapshot())
  process.stderr.write(
    '\nSKIPPING the sink tests on the real snapshot: ../shared/nobel-api is absent.\n',
  );

/** The value of a metric without labels, from a /metrics page. */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 'NaN');
}

const run = (runId: string) => ({
  runId,
  trigger: 'START' as const,
  startedAt: 1,
  finishedAt: 2,
  outcome: 'SUCCEEDED' as const,
  pages: 27,
  prizesSeen: 670,
  prizesChanged: 670,
  prizesMissing: 0,
  sources: [],
  error: null,
});

const NO_LAUREATE_ROWS = {
  laureateDetails: 0,
  laureateAwards: 0,
  laureateAffiliations: 0,
  laureateResidences: 0,
};

/** What the real laureate records hold: prizes, affiliations and residences. */
function laureateRowsOf(records: Record<string, unknown>[]) {
  const prizes = records.flatMap((r) => r.nobelPrizes as Record<string, unknown>[]);
  const count = (key: string) =>
    prizes.reduce((n, p) => n + ((p[key] as unknown[] | undefined)?.length ?? 0), 0);
  return {
    laureateDetails: records.length,
    laureateAwards: prizes.length,
    laureateAffiliations: count('affiliations'),
    laureateResidences: count('residences'),
  };
}

async function withReader<T>(
  db: TestDatabase['config'],
  read: (reader: ReturnType<typeof createPrizeReader>) => Promise<T>,
): Promise<T> {
  const sequelize = createSequelize({ config: db });
  try {
    return await read(createPrizeReader(defineModels(sequelize)));
  } finally {
    await sequelize.close();
  }
}

describeWithSnapshot('the sink on the real snapshot', () => {
  let database: TestDatabase;
  let topics: SinkTopics;
  const groupId = uniqueGroup('sink');

  beforeAll(async () => {
    database = await createTestDatabase(config.db);
    topics = await createSinkTopics(kafka, 'sink');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('stores the 670 prizes as 670 prizes, 992 laureates and 1000 prize-laureate rows', async () => {
    const { events } = realEvents();
    await producePrizes(kafka, topics.prizes, events);
    await produceRuns(kafka, topics.fetchRuns, [run('run-1')]);
    const sink = await startSink(topics, database.config, groupId);
    try {
      await waitFor(
        async () =>
          (await caughtUp(kafka, groupId, [topics.prizes, topics.fetchRuns])) &&
          (await counts(database.config)).prizes === 670,
        {
          timeoutMs: 60_000,
          description: 'the sink to store every prize',
        },
      );
      expect(await counts(database.config)).toEqual({
        prizes: 670,
        laureates: 992,
        entries: 1000,
        runs: 1,
        runSources: 0,
        ...NO_LAUREATE_ROWS,
      });
    } finally {
      expect(await sink.service.stop()).toBe(0);
    }
  });

  it('replays the topic from the beginning (offsets reset with the console tool) to the same rows', async () => {
    const reset = await runKafkaTool(
      stackConfig,
      () => undefined,
      'consumer-groups',
      resetToEarliestArgs(groupId, [topics.prizes, topics.fetchRuns]),
      'pipe',
    );
    expect(reset.code).toBe(0);
    expect(await caughtUp(kafka, groupId, [topics.prizes])).toBe(false);
    const sink = await startSink(topics, database.config, groupId);
    try {
      await waitFor(() => caughtUp(kafka, groupId, [topics.prizes, topics.fetchRuns]), {
        timeoutMs: 60_000,
        description: 'the replay',
      });
      expect(await counts(database.config)).toEqual({
        prizes: 670,
        laureates: 992,
        entries: 1000,
        runs: 1,
        runSources: 0,
        ...NO_LAUREATE_ROWS,
      });
    } finally {
      await sink.service.stop();
    }
  });
});

describeWithSnapshot('the laureates source (992 laureate events)', () => {
  /**
   * One source's events, then the other's, each stored before the next arrives; the laureates
   * end complete either way, and each is served as the source served it.
   */
  async function arrival(first: 'laureates' | 'prizes'): Promise<void> {
    const database = await createTestDatabase(config.db);
    const topics = await createSinkTopics(kafka, `laureates-${first}`);
    const groupId = uniqueGroup(`sink-laureates-${first}`);
    const laureates = realLaureates();
    const expected = laureateRowsOf(laureates.records);
    const all = [topics.prizes, topics.laureates, topics.fetchRuns];
    const stored = async (what: string, done: () => Promise<boolean>) =>
      waitFor(async () => (await caughtUp(kafka, groupId, all)) && (await done()), {
        timeoutMs: 60_000,
        description: `the sink to store ${what}`,
      });
    const sendLaureates = async () => {
      await produceLaureates(kafka, topics.laureates, laureates.events);
      await stored(
        'every laureate',
        async () => (await counts(database.config)).laureateDetails === 992,
      );
    };
    const sendPrizes = async () => {
      await producePrizes(kafka, topics.prizes, realEvents().events);
      await stored('every prize', async () => (await counts(database.config)).prizes === 670);
    };
    const curie = () => withReader(database.config, (r) => r.laureate('6'));
    const sink = await startSink(topics, database.config, groupId);
    try {
      if (first === 'laureates') {
        await sendLaureates();
        // Complete but for the prizes that name her.
        expect(await counts(database.config)).toMatchObject({
          ...expected,
          prizes: 0,
          laureates: 0,
        });
        expect(await curie()).toMatchObject({ gender: 'female', prizes: [] });
        await sendPrizes();
      } else {
        await sendPrizes();
        // The names the prize events give, and nothing of the laureates source yet.
        expect(await counts(database.config)).toMatchObject({ laureates: 992, laureateDetails: 0 });
        expect(await curie()).not.toHaveProperty('gender');
        await sendLaureates();
      }
      expect(await counts(database.config)).toMatchObject({
        ...expected,
        prizes: 670,
        laureates: 992,
        entries: 1000,
      });
      // Every laureate of the snapshot, field for field (provenance set aside).
      const differing: string[] = [];
      await withReader(database.config, async (reader) => {
        for (const record of laureates.records) {
          const view = await reader.laureate(String(record.id));
          if (!isDeepStrictEqual(laureateSourceFields(view), record))
            differing.push(String(record.id));
          if ((view?.prizes.length ?? 0) === 0) differing.push(`${String(record.id)} (no prizes)`);
        }
      });
      expect(differing).toEqual([]);
      expect(((await curie())?.prizes ?? []).map((p) => p.id)).toEqual(['phy-1903', 'che-1911']);
    } finally {
      expect(await sink.service.stop()).toBe(0);
      await database.drop();
    }
  }

  it('laureate events first, then the prize events: complete, each served as the source served it', () =>
    arrival('laureates'));

  it('prize events first, then the laureate events: the same', () => arrival('prizes'));
});

describe('FetchRun v1 records on the topic when v2 arrives (the rollout: registry, sink, fetcher)', () => {
  it('stores both: v1 runs without sources, v2 runs with a row per source', async () => {
    const database = await createTestDatabase(config.db);
    const topics = await createSinkTopics(kafka, 'runs-v2');
    const groupId = uniqueGroup('sink');
    const { sources: _none, ...v1 } = run('run-v1');
    await produceRunsV1(kafka, topics.fetchRuns, [v1]);
    await produceRuns(kafka, topics.fetchRuns, [
      {
        ...run('run-v2'),
        sources: [
          { source: 'nobelPrizes', pages: 27, seen: 670, changed: 0, missing: 0 },
          { source: 'laureates', pages: 40, seen: 992, changed: 1, missing: 0 },
        ],
      },
    ]);
    const sink = await startSink(topics, database.config, groupId);
    try {
      await waitFor(() => caughtUp(kafka, groupId, [topics.fetchRuns]), {
        timeoutMs: 60_000,
        description: 'the sink to read both runs',
      });
      expect(await counts(database.config)).toMatchObject({ runs: 2, runSources: 2 });
      const sequelize = createSequelize({ config: database.config });
      const runs = await createPrizeReader(defineModels(sequelize))
        .runs(10)
        .finally(() => sequelize.close());
      expect(runs.find((r) => r.runId === 'run-v1')?.sources).toEqual([]);
      expect(runs.find((r) => r.runId === 'run-v2')?.sources).toEqual([
        { source: 'laureates', pages: 40, seen: 992, changed: 1, missing: 0 },
        { source: 'nobelPrizes', pages: 27, seen: 670, changed: 0, missing: 0 },
      ]);
    } finally {
      expect(await sink.service.stop()).toBe(0);
      await database.drop();
    }
  });
});

describe('records the sink cannot store', () => {
  it('go to the DLQ with their reason and origin; the rest of the batch goes on', async () => {
    const database = await createTestDatabase(config.db);
    const topics = await createSinkTopics(kafka, 'poison');
    const groupId = uniqueGroup('sink');
    const dlq = await collect(kafka, topics.prizesDlq, 1);
    const good = syntheticPrizes(20);
    const invalid = {
      ...syntheticPrizes(1, { offset: 100 })[0],
      awardYear: '19x1',
    } as (typeof good)[number];
    try {
      await producePrizes(kafka, topics.prizes, good.slice(0, 10));
      await produceRecords(kafka, topics.prizes, [
        { key: 'garbage', value: Buffer.from('not avro at all') },
        { key: 'unknown-schema', value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2, 3]) },
      ]);
      await producePrizes(kafka, topics.prizes, [invalid]);
      await producePrizes(kafka, topics.prizes, good.slice(10));
      const sink = await startSink(topics, database.config, groupId);
      try {
        await waitFor(() => caughtUp(kafka, groupId, [topics.prizes]), {
          timeoutMs: 60_000,
          description: 'the sink to get through',
        });
        await waitFor(() => dlq.messages.length >= 3, { description: '3 DLQ records' });
        expect((await counts(database.config)).prizes).toBe(20);
        expect(dlq.messages).toHaveLength(3);
        const headers = dlq.messages.map(({ message }) =>
          Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]),
          ),
        );
        expect(headers.map((h) => h[DLQ_HEADERS.errorClass]).sort()).toEqual([
          'InvalidRecordError',
          'MalformedRecordError',
          'UnknownSchemaIdError',
        ]);
        for (const h of headers) {
          expect(h).toMatchObject({
            [DLQ_HEADERS.topic]: topics.prizes,
            [DLQ_HEADERS.partition]: expect.stringMatching(/^\d$/),
            [DLQ_HEADERS.offset]: expect.stringMatching(/^\d+$/),
            [DLQ_HEADERS.timestamp]: expect.stringMatching(/^\d+$/),
          });
        }
        expect(
          headers.find((h) => h[DLQ_HEADERS.errorClass] === 'InvalidRecordError')?.[
            DLQ_HEADERS.errorMessage
          ],
        ).toMatch(/^awardYear: expected four digits/);
        expect(
          dlq.messages.map((m) => m.message.value?.toString()).includes('not avro at all'),
        ).toBe(true);
      } finally {
        await sink.service.stop();
      }
    } finally {
      await dlq.stop();
      await database.drop();
    }
  });
});

describe('failures', () => {
  it('survive a database outage: nothing lost, nothing in the DLQ, no restart', async () => {
    const database = await createTestDatabase(config.db);
    const topics = await createSinkTopics(kafka, 'outage');
    const groupId = uniqueGroup('sink');
    const proxy = await startTcpProxy({ host: config.db.host, port: config.db.port });
    const dlq = await collect(kafka, topics.prizesDlq, 1);
    const events = syntheticPrizes(3000);
    const sink = await startSink(
      topics,
      { ...database.config, host: '127.0.0.1', port: proxy.port },
      groupId,
    );
    try {
      await producePrizes(kafka, topics.prizes, events.slice(0, 1000));
      await waitFor(() => caughtUp(kafka, groupId, [topics.prizes]), {
        timeoutMs: 60_000,
        description: 'the first 1000',
      });
      await proxy.cut();
      await producePrizes(kafka, topics.prizes, events.slice(1000));
      // The database stays away for a while: the sink retries, commits nothing, stays up.
      await waitFor(async () => (await metric(sink.metricsUrl, 'sink_db_retries_total')) >= 3, {
        timeoutMs: 60_000,
        description: 'a few retries of the database write',
      });
      expect(await caughtUp(kafka, groupId, [topics.prizes])).toBe(false);
      expect(sink.service.exited()).toBe(false);
      await proxy.restore();
      await waitFor(() => caughtUp(kafka, groupId, [topics.prizes]), {
        timeoutMs: 90_000,
        description: 'the sink to catch up after the outage',
      });
      expect((await counts(database.config)).prizes).toBe(3000);
      await dlq.flush();
      expect(dlq.messages).toEqual([]);
    } finally {
      await sink.service.stop();
      await proxy.close();
      await dlq.stop();
      await database.drop();
    }
  });

  it('survive kill -9 mid-stream: after a restart nothing is lost and nothing is duplicated', async () => {
    const database = await createTestDatabase(config.db);
    const topics = await createSinkTopics(kafka, 'kill');
    const groupId = uniqueGroup('sink');
    const events = syntheticPrizes(20_000);
    await producePrizes(kafka, topics.prizes, events);
    const first = await startSink(topics, database.config, groupId, {
      SINK_MAX_BYTES_PER_PARTITION: '65536',
    });
    await waitFor(async () => (await counts(database.config)).prizes > 0, {
      timeoutMs: 60_000,
      description: 'the first rows',
    });
    expect(await first.service.stop('SIGKILL')).toBe('SIGKILL');
    const stored = (await counts(database.config)).prizes;
    expect(stored).toBeLessThan(20_000);
    const second = await startSink(topics, database.config, groupId);
    try {
      await waitFor(() => caughtUp(kafka, groupId, [topics.prizes]), {
        timeoutMs: 120_000,
        description: 'the restarted sink to catch up',
      });
      const after = await counts(database.config);
      expect(after.prizes).toBe(20_000);
      expect(after.entries).toBe(events.reduce((n, e) => n + (e.laureates?.length ?? 0), 0));
    } finally {
      await second.service.stop();
      await database.drop();
    }
  });
});

it('leaves the stack up', async () => {
  // The stack is shared with the other packages' tests: make sure nothing here stopped it.
  const statuses = await createStack(stackConfig, () => undefined).status();
  expect(statuses.every((s) => s.up)).toBe(true);
});
