import { createLogger, type TopicsConfig } from '@nobel-pipeline/common';
import { createCodec, loadContracts, type FetchRun } from '@nobel-pipeline/schemas';
import { sampleLaureates, samplePrizes } from '@nobel-pipeline/nobel-mirror';
import { createFakeRegistry } from '@nobel-pipeline/test-utils';
import { RunAbortedError } from '../errors';
import type { EventBatch } from '../kafka/run-publisher';
import { createFetcherMetrics } from '../metrics';
import type { FetchProgress, NobelClient, RunReader } from '../nobel/client';
import { parseAsServed } from '../nobel/source';
import { SOURCES } from '../sources/list';
import { createSourceHashes } from '../state/published-hashes';
import { estimatePages, runProgress } from './progress';
import { createRunner, type RunProgress } from './runner';

const topic = (name: string) => ({ name, partitions: 1, compacted: true });
const topics: TopicsConfig = {
  commands: topic('commands'),
  prizes: topic('prizes'),
  laureates: topic('laureates'),
  fetchRuns: topic('runs'),
  prizesDlq: topic('prizes-dlq'),
  commandsDlq: topic('commands-dlq'),
};
const sources = SOURCES.map((s) =>
  s.bind({
    codec: createCodec({ registry: createFakeRegistry() }),
    contracts: loadContracts(),
    topics,
  }),
);

/** A client serving `data[endpoint]` in one page, or the error set for it. */
function fakeClient(
  data: Record<string, unknown[]>,
  fail: () => Error | undefined,
): Pick<NobelClient, 'withRun'> {
  return {
    withRun: async (stop, read) => {
      const reader: RunReader = {
        readAll: async (endpoint, onProgress, onRecords) => {
          const error = fail();
          if (error !== undefined) throw error;
          if (stop.aborted) throw new RunAbortedError('stopped');
          const served = data[endpoint.name] ?? [];
          const records = served.map((raw) => ({
            raw,
            record: parseAsServed(endpoint.record, raw),
            fetchedAt: 1000,
          }));
          onRecords?.(records);
          onProgress?.({ pages: 1, records: served.length, count: served.length });
          // As the client does: records handed to onRecords are not kept.
          return { pages: 1, count: served.length, records: onRecords ? [] : records };
        },
      };
      return read(reader);
    },
  };
}

function setup() {
  const data: Record<string, unknown[]> = {
    nobelPrizes: samplePrizes(3), // 5 prizes
    laureates: sampleLaureates(4),
  };
  let fetchError: Error | undefined;
  let publishError: Error | undefined;
  const published: { batches: readonly EventBatch[]; run: FetchRun }[] = [];
  const runsOnly: FetchRun[] = [];
  const hashes = createSourceHashes();
  let id = 0;
  const runner = createRunner({
    client: fakeClient(data, () => fetchError),
    sources,
    publisher: {
      publish: async (batches, run) => {
        if (publishError !== undefined) throw publishError;
        published.push({ batches, run });
      },
      publishRun: async (run) => void runsOnly.push(run),
    },
    hashes,
    metrics: createFetcherMetrics({ defaultMetrics: false }),
    logger: createLogger({ name: 'test', level: 'silent' }),
    newId: () => `run-${++id}`,
  });
  return {
    runner,
    data,
    published,
    runsOnly,
    hashes,
    failFetch: (e: Error | undefined) => (fetchError = e),
    failPublish: (e: Error | undefined) => (publishError = e),
  };
}

/** The ids published per topic by one publish. */
const idsByTopic = (batches: readonly EventBatch[] | undefined) =>
  Object.fromEntries((batches ?? []).map((b) => [b.topic, b.events.map((e) => e.id)]));

const go = new AbortController().signal;

describe('the pages a source will read', () => {
  it.each([
    [{ pages: 1, records: 25, count: 670 }, 27],
    [{ pages: 27, records: 670, count: 670 }, 27],
    // A server that serves 10 where 25 were asked for: the estimate follows what arrives.
    [{ pages: 2, records: 20, count: 670 }, 67],
    [{ pages: 1, records: 0, count: 0 }, 1],
  ])('%o → %i', (progress, total) => expect(estimatePages(progress)).toBe(total));
});

describe('the pages a run will read, over its sources', () => {
  it('adds up the pages read, and the estimates of every source', () => {
    expect(
      runProgress([
        { pagesRead: 27, pagesTotal: 27 },
        { pagesRead: 2, pagesTotal: 40 },
      ]),
    ).toEqual({ pagesRead: 29, pagesTotal: 67 });
  });

  it('is unknown while a source not reached yet has no earlier successful run', () => {
    expect(
      runProgress([
        { pagesRead: 2, pagesTotal: 27 },
        { pagesRead: 0, pagesTotal: null },
      ]),
    ).toEqual({ pagesRead: 2, pagesTotal: null });
  });
});

/** A client that reads `pages` pages of 25 of each endpoint, of `count` records, then stops. */
function pagingClient(
  pages: Record<string, number>,
  count: Record<string, number>,
  stopAt?: string,
): Pick<NobelClient, 'withRun'> {
  return {
    withRun: async (_stop, read) =>
      read({
        readAll: async (endpoint, onProgress?: (progress: FetchProgress) => void) => {
          const n = pages[endpoint.name] ?? 0;
          const total = count[endpoint.name] ?? 0;
          for (let page = 1; page <= n; page++)
            onProgress?.({ pages: page, records: Math.min(total, page * 25), count: total });
          if (endpoint.name === stopAt)
            throw new RunAbortedError(`stopped while reading page ${n + 1}`);
          return { pages: n, count: total, records: [] };
        },
      }),
  };
}

function pagingRunner(client: Pick<NobelClient, 'withRun'>, runsOnly: FetchRun[] = []) {
  return createRunner({
    client,
    sources,
    publisher: {
      publish: async () => undefined,
      publishRun: async (run) => void runsOnly.push(run),
    },
    hashes: createSourceHashes(),
    metrics: createFetcherMetrics({ defaultMetrics: false }),
    logger: createLogger({ name: 'test', level: 'silent' }),
  });
}

it('records the pages read in full by a run that ends early, per source', async () => {
  const runsOnly: FetchRun[] = [];
  const runner = pagingRunner(
    pagingClient(
      { nobelPrizes: 27, laureates: 3 },
      { nobelPrizes: 670, laureates: 992 },
      'laureates',
    ),
    runsOnly,
  );
  const progress: RunProgress[] = [];
  const run = await runner.run('START', go, (p) => progress.push(p));
  // No earlier run: the total is unknown until the laureates' first page.
  expect(progress[0]).toEqual({ pagesRead: 1, pagesTotal: null });
  expect(progress[26]).toEqual({ pagesRead: 27, pagesTotal: null });
  expect(progress[27]).toEqual({ pagesRead: 28, pagesTotal: 67 });
  expect(progress.at(-1)).toEqual({ pagesRead: 30, pagesTotal: 67 });
  expect(run).toMatchObject({
    outcome: 'ABORTED',
    pages: 30,
    prizesSeen: 0,
    prizesChanged: 0,
    error: 'stopped while reading page 4',
    sources: [
      { source: 'nobelPrizes', pages: 27, seen: 0, changed: 0, missing: 0 },
      { source: 'laureates', pages: 3, seen: 0, changed: 0, missing: 0 },
    ],
  });
  expect(runsOnly).toEqual([run]);
});

it('counts a source not reached yet with its pages of the last successful run', async () => {
  const pages = { nobelPrizes: 27, laureates: 40 };
  const counts = { nobelPrizes: 670, laureates: 992 };
  // The first run reads everything; the second stops after two pages of the prizes.
  const full = pagingClient(pages, counts);
  const stopped = pagingClient({ nobelPrizes: 2 }, counts, 'nobelPrizes');
  let runs = 0;
  const runner = pagingRunner({
    withRun: (stop, read) => (runs++ === 0 ? full : stopped).withRun(stop, read),
  });
  expect(await runner.run('START', go)).toMatchObject({ outcome: 'SUCCEEDED', pages: 67 });
  const progress: RunProgress[] = [];
  await runner.run('FETCH_NOW', go, (p) => progress.push(p));
  expect(progress).toEqual([
    { pagesRead: 1, pagesTotal: 67 },
    { pagesRead: 2, pagesTotal: 67 },
  ]);
});

describe('a run', () => {
  it("publishes every source's new events with the FetchRun, in one publish, then only what changed", async () => {
    const t = setup();
    const first = await t.runner.run('START', go);
    expect(first).toMatchObject({
      runId: 'run-1',
      trigger: 'START',
      outcome: 'SUCCEEDED',
      pages: 2,
      prizesSeen: 5,
      prizesChanged: 5,
      prizesMissing: 0,
      sources: [
        { source: 'nobelPrizes', pages: 1, seen: 5, changed: 5, missing: 0 },
        { source: 'laureates', pages: 1, seen: 4, changed: 4, missing: 0 },
      ],
    });
    expect(t.published).toHaveLength(1);
    expect(idsByTopic(t.published[0]?.batches)).toEqual({
      prizes: ['phy-1901', 'phy-1902', 'phy-1903', 'pea-1917', 'pea-1918'],
      laureates: ['1901', '1902', '1903', '1904'],
    });
    expect(
      t.published[0]?.batches.every((b) => b.events.every((e) => e.fetchRunId === 'run-1')),
    ).toBe(true);
    // The events encode with their source's contract.
    await expect(t.published[0]?.batches[1]?.events[0]?.encode()).resolves.toBeInstanceOf(Buffer);
    expect(await t.runner.run('SCHEDULE', go)).toMatchObject({
      outcome: 'SUCCEEDED',
      prizesChanged: 0,
      sources: [
        { source: 'nobelPrizes', changed: 0 },
        { source: 'laureates', changed: 0 },
      ],
    });
    expect(idsByTopic(t.published[1]?.batches)).toEqual({ prizes: [], laureates: [] });
  });

  it('publishes one changed laureate alone', async () => {
    const t = setup();
    await t.runner.run('START', go);
    t.data.laureates = sampleLaureates(4).map((r) =>
      r.id === '1903' ? { ...r, gender: 'male' } : r,
    );
    expect(await t.runner.run('SCHEDULE', go)).toMatchObject({
      prizesChanged: 0,
      sources: [
        { source: 'nobelPrizes', seen: 5, changed: 0 },
        { source: 'laureates', seen: 4, changed: 1 },
      ],
    });
    expect(idsByTopic(t.published[1]?.batches)).toEqual({ prizes: [], laureates: ['1903'] });
  });

  it('counts records that disappeared per source, and does not forget them', async () => {
    const t = setup();
    await t.runner.run('START', go);
    t.data.nobelPrizes = samplePrizes(1);
    t.data.laureates = sampleLaureates(1);
    expect(await t.runner.run('SCHEDULE', go)).toMatchObject({
      prizesSeen: 3,
      prizesChanged: 0,
      prizesMissing: 2,
      sources: [
        { source: 'nobelPrizes', seen: 3, missing: 2 },
        { source: 'laureates', seen: 1, missing: 3 },
      ],
    });
    expect(t.hashes.sizes()).toEqual({ nobelPrizes: 5, laureates: 4 });
  });

  it('publishes nothing of a failed fetch, and records FAILED with the reason', async () => {
    const t = setup();
    t.failFetch(new Error('page 3 (offset 50): HTTP 503 after 5 retries'));
    const run = await t.runner.run('FETCH_NOW', go);
    expect(run).toMatchObject({
      outcome: 'FAILED',
      prizesChanged: 0,
      error: 'page 3 (offset 50): HTTP 503 after 5 retries',
    });
    expect(t.published).toEqual([]);
    expect(t.runsOnly).toEqual([run]);
  });

  it('keeps unpublished changes of every source for the next run when publishing fails', async () => {
    const t = setup();
    t.failPublish(new Error('broker down'));
    expect(await t.runner.run('START', go)).toMatchObject({
      outcome: 'FAILED',
      prizesChanged: 0,
      error: 'broker down',
      sources: [
        { source: 'nobelPrizes', seen: 5, changed: 0 },
        { source: 'laureates', seen: 4, changed: 0 },
      ],
    });
    expect(t.hashes.sizes()).toEqual({ nobelPrizes: 0, laureates: 0 });
    t.failPublish(undefined);
    expect(await t.runner.run('SCHEDULE', go)).toMatchObject({
      outcome: 'SUCCEEDED',
      prizesChanged: 5,
      sources: [{ changed: 5 }, { changed: 4 }],
    });
  });

  it('records ABORTED when stopped, publishing no event', async () => {
    const t = setup();
    const stop = new AbortController();
    stop.abort();
    expect(await t.runner.run('START', stop.signal)).toMatchObject({
      outcome: 'ABORTED',
      prizesChanged: 0,
    });
    expect(t.published).toEqual([]);
    expect(t.runsOnly).toHaveLength(1);
  });

  it('fails a fetch that returns the same prize twice', async () => {
    const t = setup();
    t.data.nobelPrizes = [...samplePrizes(1), ...samplePrizes(1)];
    expect(await t.runner.run('START', go)).toMatchObject({
      outcome: 'FAILED',
      error: 'the API returned prize phy-1901 twice',
    });
  });

  it('fails a fetch that returns the same laureate twice, publishing nothing', async () => {
    const t = setup();
    t.data.laureates = [...sampleLaureates(2), ...sampleLaureates(1)];
    expect(await t.runner.run('START', go)).toMatchObject({
      outcome: 'FAILED',
      error: 'the API returned laureate 1901 twice',
    });
    expect(t.published).toEqual([]);
  });
});
