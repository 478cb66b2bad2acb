import { createMirror, type Mirror } from '@nobel-pipeline/nobel-mirror';
import { describeWithSnapshot, realPrizes } from '../testing/snapshot';
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
  let runs: Collector;
  let fetcher: FetcherProcess;

  beforeAll(async () => {
    mirror = createMirror({ data: { nobelPrizes: realPrizes() } });
    const url = await mirror.listen(0);
    topics = await createTopics(kafka, 'fetcher');
    prizes = await collect(kafka, topics.prizes, 3);
    runs = await collect(kafka, topics.fetchRuns, 1);
    fetcher = await startFetcher(topics, url, {
      group: uniqueGroup('fetcher'),
      transactionalId: uniqueGroup('tx'),
    });
  });

  afterAll(async () => {
    expect(await fetcher?.service.stop()).toBe(0);
    await Promise.all([prizes?.stop(), runs?.stop(), mirror?.close()]);
  });

  it('START → 670 prize events with 670 distinct keys, and a SUCCEEDED FetchRun', async () => {
    await sendCommand(kafka, topics.commands, 'START', 3600);
    const run = await waitForRun(runs, 1);
    expect(run).toMatchObject({
      trigger: 'START',
      outcome: 'SUCCEEDED',
      pages: 27,
      prizesSeen: 670,
      prizesChanged: 670,
      prizesMissing: 0,
      error: null,
    });
    await prizes.flush();
    expect(prizes.messages).toHaveLength(670);
    expect(new Set(prizes.messages.map((m) => m.message.key?.toString())).size).toBe(670);
  });

  it('a run over unchanged data produces zero prize events', async () => {
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    expect(await waitForRun(runs, 2)).toMatchObject({
      trigger: 'FETCH_NOW',
      outcome: 'SUCCEEDED',
      prizesSeen: 670,
      prizesChanged: 0,
    });
    await prizes.flush();
    expect(prizes.messages).toHaveLength(670);
  });

  it('one record changed in the source → exactly one event', async () => {
    mirror.mutate({
      id: 'med-1905',
      path: 'laureates.0.motivation.en',
      value: 'changed for the test',
    });
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    expect(await waitForRun(runs, 3)).toMatchObject({ outcome: 'SUCCEEDED', prizesChanged: 1 });
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
    expect(await waitForRun(runs, 4)).toMatchObject({
      outcome: 'SUCCEEDED',
      pages: 27,
      prizesChanged: 0,
    });
    expect(mirror.requests.get('/2.1/nobelPrizes')).toBe(27 + 8);
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
    const run = await waitForRun(runs, 5);
    expect(run).toMatchObject({ outcome: 'FAILED', prizesChanged: 0 });
    expect(run.error).toMatch(/^page 27 \(offset 650\): HTTP 503 after 5 retries$/);
    await prizes.flush();
    expect(prizes.messages).toHaveLength(671);

    // The change that was not published is published by the next good run.
    mirror.faults.clear();
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    expect(await waitForRun(runs, 6)).toMatchObject({ outcome: 'SUCCEEDED', prizesChanged: 1 });
  });

  it('an invalid record fails the run naming page and field, and nothing is produced', async () => {
    mirror.mutate({ id: 'che-1950', path: 'awardYear', value: 1950 });
    await sendCommand(kafka, topics.commands, 'FETCH_NOW');
    const run = await waitForRun(runs, 7);
    expect(run).toMatchObject({ outcome: 'FAILED', prizesChanged: 0 });
    expect(run.error).toMatch(
      /^page \d+ \(offset \d+\): nobelPrizes\[\d+\]\.awardYear: expected a string$/,
    );
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
    await waitFor(async () => (await fetcher.status()).running !== null, {
      description: 'the slow run to begin',
    });
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
