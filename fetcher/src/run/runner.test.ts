import { createLogger } from '@nobel-pipeline/common';
import type { FetchRun, NobelPrize } from '@nobel-pipeline/schemas';
import { samplePrizes } from '@nobel-pipeline/nobel-mirror';
import { RunAbortedError } from '../errors';
import { createFetcherMetrics } from '../metrics';
import type { FetchResult } from '../nobel/client';
import { sourcePrize as schema } from '../nobel/source';
import { createPublishedHashes } from '../state/published-hashes';
import { createRunner, estimatePages, type RunProgress } from './runner';

function fetched(records: Record<string, unknown>[]): FetchResult {
  return {
    pages: 1,
    count: records.length,
    prizes: records.map((raw) => ({ raw, prize: schema.parse(raw), fetchedAt: 1000 })),
  };
}

function setup() {
  let records = samplePrizes(3); // 5 prizes
  let fetchError: Error | undefined;
  let publishError: Error | undefined;
  const published: { prizes: readonly NobelPrize[]; run: FetchRun }[] = [];
  const runsOnly: FetchRun[] = [];
  const hashes = createPublishedHashes();
  let id = 0;
  const runner = createRunner({
    client: {
      fetchAllPrizes: async (stop) => {
        if (fetchError !== undefined) throw fetchError;
        if (stop.aborted) throw new RunAbortedError('stopped');
        return fetched(records);
      },
    },
    publisher: {
      publish: async (prizes, run) => {
        if (publishError !== undefined) throw publishError;
        published.push({ prizes, run });
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
    published,
    runsOnly,
    hashes,
    set records(value: Record<string, unknown>[]) {
      records = value;
    },
    failFetch: (e: Error | undefined) => (fetchError = e),
    failPublish: (e: Error | undefined) => (publishError = e),
  };
}

const go = new AbortController().signal;

describe('the pages a run will read', () => {
  it.each([
    [{ pages: 1, records: 25, count: 670 }, 27],
    [{ pages: 27, records: 670, count: 670 }, 27],
    // A server that serves 10 where 25 were asked for: the estimate follows what arrives.
    [{ pages: 2, records: 20, count: 670 }, 67],
    [{ pages: 1, records: 0, count: 0 }, 1],
  ])('%o → %i', (progress, total) => expect(estimatePages(progress)).toBe(total));
});

it('records the pages read in full by a run that ends early', async () => {
  const runsOnly: FetchRun[] = [];
  const runner = createRunner({
    client: {
      fetchAllPrizes: async (_stop, onProgress) => {
        for (let page = 1; page <= 14; page++)
          onProgress?.({ pages: page, records: page * 25, count: 670 });
        throw new RunAbortedError('stopped while reading page 15 (offset 350)');
      },
    },
    publisher: {
      publish: async () => undefined,
      publishRun: async (run) => void runsOnly.push(run),
    },
    hashes: createPublishedHashes(),
    metrics: createFetcherMetrics({ defaultMetrics: false }),
    logger: createLogger({ name: 'test', level: 'silent' }),
  });
  const progress: RunProgress[] = [];
  const run = await runner.run('START', go, (p) => progress.push(p));
  expect(progress[0]).toEqual({ pagesRead: 1, pagesTotal: 27 });
  expect(progress.at(-1)).toEqual({ pagesRead: 14, pagesTotal: 27 });
  expect(run).toMatchObject({
    outcome: 'ABORTED',
    pages: 14,
    error: 'stopped while reading page 15 (offset 350)',
  });
  expect(runsOnly).toEqual([run]);
});

describe('a run', () => {
  it('publishes new prizes with the FetchRun, then only what changed', async () => {
    const t = setup();
    const first = await t.runner.run('START', go);
    expect(first).toMatchObject({
      runId: 'run-1',
      trigger: 'START',
      outcome: 'SUCCEEDED',
      pages: 1,
      prizesSeen: 5,
      prizesChanged: 5,
      prizesMissing: 0,
      sources: [{ source: 'nobelPrizes', pages: 1, seen: 5, changed: 5, missing: 0 }],
    });
    expect(t.published[0]?.prizes.map((p) => p.id)).toEqual([
      'phy-1901',
      'phy-1902',
      'phy-1903',
      'pea-1917',
      'pea-1918',
    ]);
    expect(t.published[0]?.prizes.every((p) => p.fetchRunId === 'run-1')).toBe(true);
    expect(await t.runner.run('SCHEDULE', go)).toMatchObject({
      outcome: 'SUCCEEDED',
      prizesChanged: 0,
    });
    expect(t.published[1]?.prizes).toEqual([]);
  });

  it('counts prizes that disappeared, and does not forget them', async () => {
    const t = setup();
    await t.runner.run('START', go);
    t.records = samplePrizes(1);
    expect(await t.runner.run('SCHEDULE', go)).toMatchObject({
      prizesSeen: 3,
      prizesChanged: 0,
      prizesMissing: 2,
    });
    expect(t.hashes.size()).toBe(5);
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

  it('keeps unpublished changes for the next run when publishing fails', async () => {
    const t = setup();
    t.failPublish(new Error('broker down'));
    expect(await t.runner.run('START', go)).toMatchObject({
      outcome: 'FAILED',
      prizesChanged: 0,
      error: 'broker down',
    });
    expect(t.hashes.size()).toBe(0);
    t.failPublish(undefined);
    expect(await t.runner.run('SCHEDULE', go)).toMatchObject({
      outcome: 'SUCCEEDED',
      prizesChanged: 5,
    });
  });

  it('records ABORTED when stopped, publishing no prize', async () => {
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
    t.records = [...samplePrizes(1), ...samplePrizes(1)];
    expect(await t.runner.run('START', go)).toMatchObject({
      outcome: 'FAILED',
      error: 'the API returned prize phy-1901 twice',
    });
  });
});
