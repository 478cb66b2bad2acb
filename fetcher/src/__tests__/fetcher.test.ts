import { createMirror, type Mirror } from '@nobel-pipeline/nobel-mirror';
import { describeWithSnapshot, realLaureates, realPrizes } from '../testing/snapshot';
import {
  createTopics,
  decodeRuns,
  sendCommand,
  startFetcher,
  waitForRun,
  type FetcherProcess,
  type Topics,
} from '../testing/pipeline';
import {
  collect,
  testKafka,
  uniqueGroup,
  waitFor,
  type Collector,
} from '@nobel-pipeline/test-utils';

/**
 * The fetcher as a real process, on the real stack, with the mirror serving the real
 * snapshot: what it publishes, what it does not, and how it obeys commands.
 */
jest.setTimeout(180_000);

describeWithSnapshot('the fetcher on the real snapshot', () => {
  const kafka = testKafka();
  let mirror: Mirror;
  let topics: Topics;
  let prizes: Collector;
  let laureates: Collector;
  let runs: Collector;
  let fetcher: FetcherProcess;

  beforeAll(async () => {
    mirror = createMirror({ data: { nobelPrizes: realPrizes(), laureates: realLaureates() } });
    const url = await mirror.listen(0);
    topics = await createTopics(kafka, 'fetcher');
    prizes = await collect(kafka, topics.prizes, 3);
    laureates = await collect(kafka, topics.laureates, 3);
    runs = await collect(kafka, topics.fetchRuns, 1);
    fetcher = await startFetcher(topics, url, {
      group: uniqueGroup('fetcher'),
      transactionalId: uniqueGroup('tx'),
    });
  });

  afterAll(async () => {
    expect(await fetcher?.service.stop()).toBe(0);
    await Promise.all([prizes?.stop(), laureates?.stop(), runs?.stop(), mirror?.close()]);
  });

  const keys = (collector: Collector) =>
    new Set(collector.messages.map((m) => m.message.key?.toString()));

  it('START → 670 prize events and 992 laureate events with distinct keys, and a SUCCEEDED FetchRun', async () => {
    await sendCommand(kafka, topics.commands, 'START', 3600);
    const run = await waitForRun(runs, 1);
    expect(run).toMatchObject({
      trigger: 'START',
      outcome: 'SUCCEEDED',
      pages: 27 + 40,
      prizesSeen: 670,
      prizesChanged: 670,
      prizesMissing: 0,
      sources: [
        { source: 'nobelPrizes', pages: 27, seen: 670, changed: 670, missing: 0 },
        { source: 'laureates', pages: 40, seen: 992, changed: 992, missing: 0 },
      ],
      error: null,
    });
    await Promise.all([prizes.flush(), laureates.flush()]);
    expect(prizes.messages).toHaveLength(670);
    expect(keys(prizes).size).toBe(670);
    expect(laureates.messages).toHaveLength(992);
    expect(keys(laureates).size).toBe(992);
  });

  it('a run over unchanged data produces zero events on either topic', async () => {
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    expect(await waitForRun(runs, 2)).toMatchObject({
      trigger: 'FETCH_NOW',
      outcome: 'SUCCEEDED',
      prizesSeen: 670,
      prizesChanged: 0,
      sources: [
        { source: 'nobelPrizes', seen: 670, changed: 0 },
        { source: 'laureates', seen: 992, changed: 0 },
      ],
    });
    await Promise.all([prizes.flush(), laureates.flush()]);
    expect(prizes.messages).toHaveLength(670);
    expect(laureates.messages).toHaveLength(992);
  });

  it('one laureate changed in the source → exactly one laureate event, and no prize event', async () => {
    mirror.mutate({ endpoint: 'laureates', id: '6', path: 'gender', value: 'changed' });
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    expect(await waitForRun(runs, 3)).toMatchObject({
      outcome: 'SUCCEEDED',
      prizesChanged: 0,
      sources: [
        { source: 'nobelPrizes', changed: 0 },
        { source: 'laureates', changed: 1 },
      ],
    });
    await Promise.all([prizes.flush(), laureates.flush()]);
    expect(prizes.messages).toHaveLength(670);
    expect(laureates.messages).toHaveLength(993);
    expect(laureates.messages[992]?.message.key?.toString()).toBe('6');
  });

  it('one record changed in the source → exactly one event', async () => {
    mirror.mutate({
      id: 'med-1905',
      path: 'laureates.0.motivation.en',
      value: 'changed for the test',
    });
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    expect(await waitForRun(runs, 4)).toMatchObject({ outcome: 'SUCCEEDED', prizesChanged: 1 });
    await prizes.flush();
    expect(prizes.messages).toHaveLength(671);
    expect(prizes.messages[670]?.message.key?.toString()).toBe('med-1905');
  });

  it('retries every kind of fault of the API to success', async () => {
    const faults = [
      { type: 'status', status: 503, times: 2, offset: 25 },
      { type: 'status', status: 500, offset: 50 },
      { type: 'rate-limit', retryAfter: 1, offset: 75 },
      { type: 'malformed', offset: 100 },
      { type: 'truncated', offset: 125 },
      { type: 'reset', offset: 150 },
      { type: 'latency', ms: 2500, offset: 175 },
    ] as const;
    for (const f of faults)
      mirror.faults.add({ times: 1, ms: 0, status: 503, retryAfter: 0, ...f });
    mirror.requests.clear();
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    expect(await waitForRun(runs, 5)).toMatchObject({
      outcome: 'SUCCEEDED',
      pages: 27 + 40,
      prizesChanged: 0,
    });
    // The faults name offsets, not endpoints: the prizes, read first, take them all.
    expect(mirror.requests.get('/2.1/nobelPrizes')).toBe(27 + 8);
    expect(mirror.requests.get('/2.1/laureates')).toBe(40);
    expect(mirror.faults.pending()).toEqual([]);
  });

  it('a fault that outlasts the retries fails the run, and nothing is produced', async () => {
    mirror.mutate({ id: 'phy-2023', path: 'prizeAmountAdjusted', value: 1 });
    mirror.faults.add({
      type: 'status',
      status: 503,
      times: 50,
      offset: 650,
      ms: 0,
      retryAfter: 0,
    });
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    const run = await waitForRun(runs, 6);
    expect(run).toMatchObject({ outcome: 'FAILED', prizesChanged: 0 });
    expect(run.error).toMatch(/^nobelPrizes page 27 \(offset 650\): HTTP 503 after 5 retries$/);
    await prizes.flush();
    expect(prizes.messages).toHaveLength(671);

    // The change that was not published is published by the next good run.
    mirror.faults.clear();
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    expect(await waitForRun(runs, 7)).toMatchObject({ outcome: 'SUCCEEDED', prizesChanged: 1 });
  });

  it('an invalid record fails the run naming page and field, and nothing is produced', async () => {
    mirror.mutate({ id: 'che-1950', path: 'awardYear', value: 1950 });
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    const run = await waitForRun(runs, 8);
    expect(run).toMatchObject({ outcome: 'FAILED', prizesChanged: 0 });
    expect(run.error).toMatch(
      /^nobelPrizes page \d+ \(offset \d+\): nobelPrizes\[\d+\]\.awardYear: expected a string$/,
    );
    mirror.reset();
  });

  it('a fault of the laureates endpoint fails the whole run: nothing produced, not even the prizes read before it', async () => {
    mirror.mutate({ id: 'lit-1950', path: 'prizeAmountAdjusted', value: 1 });
    mirror.mutate({ endpoint: 'laureates', id: '6', path: 'gender', value: 'unknown' });
    // The last page of the laureates, read after every page of the prizes.
    mirror.faults.add({
      type: 'status',
      status: 503,
      times: 50,
      offset: 975,
      path: 'laureates',
      ms: 0,
      retryAfter: 0,
    });
    const before = (await decodeRuns(runs)).length;
    const produced = [prizes.messages.length, laureates.messages.length];
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    const run = await waitForRun(runs, before + 1);
    expect(run).toMatchObject({ outcome: 'FAILED', prizesChanged: 0 });
    expect(run.error).toMatch(/^laureates page 40 \(offset 975\): HTTP 503 after 5 retries$/);
    await Promise.all([prizes.flush(), laureates.flush()]);
    expect([prizes.messages.length, laureates.messages.length]).toEqual(produced);

    // An invalid laureate record fails the run the same way, naming its page and field.
    mirror.faults.clear();
    mirror.mutate({ endpoint: 'laureates', id: '745', path: 'nobelPrizes', value: 'none' });
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    const invalid = await waitForRun(runs, before + 2);
    expect(invalid).toMatchObject({ outcome: 'FAILED', prizesChanged: 0 });
    expect(invalid.error).toMatch(/laureates\[\d+\]\.nobelPrizes: /);
    await Promise.all([prizes.flush(), laureates.flush()]);
    expect([prizes.messages.length, laureates.messages.length]).toEqual(produced);
    mirror.reset();
  });

  it('STOP during a slow run aborts it, records ABORTED, and nothing runs after it', async () => {
    await sendCommand(kafka, topics.commands, 'STOP');
    await waitFor(async () => (await fetcher.status()).desired.state === 'STOPPED', {
      description: 'the STOP',
    });
    const before = (await decodeRuns(runs)).length;
    mirror.faults.add({
      type: 'latency',
      ms: 30_000,
      times: 10,
      offset: 300,
      status: 503,
      retryAfter: 0,
    });
    await sendCommand(kafka, topics.commands, 'START', 60);
    await waitFor(async () => (await fetcher.status()).running?.pagesRead === 12, {
      description: 'the slow run to read 12 pages',
    });
    // 12 pages of the prizes read; in all, the prizes' 27 and the laureates' 40 of the last
    // successful run.
    expect((await fetcher.status()).running).toMatchObject({ pagesRead: 12, pagesTotal: 67 });
    await sendCommand(kafka, topics.commands, 'STOP');
    const run = await waitForRun(runs, before + 1, 30_000);
    expect(run).toMatchObject({ trigger: 'START', outcome: 'ABORTED', prizesChanged: 0 });
    const status = await fetcher.status();
    expect(status).toMatchObject({ active: true, desired: { state: 'STOPPED' } });
    expect(status.running).toBeNull();
    expect(status.nextRunAt).toBeNull();
    mirror.faults.clear();
  });
});
