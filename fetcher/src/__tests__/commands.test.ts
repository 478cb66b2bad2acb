import { resolve } from 'node:path';
import { DLQ_HEADERS, loadEnv } from '@nobel-pipeline/common';
import {
  createMirror,
  sampleLaureates,
  samplePrizes,
  type Mirror,
} from '@nobel-pipeline/nobel-mirror';
import { createStack, loadStackConfig } from '@nobel-pipeline/stack';
import {
  collect,
  produceRecords,
  testKafka,
  uniqueGroup,
  waitFor,
  type Collector,
} from '@nobel-pipeline/test-utils';
import {
  createTopics,
  decodeRuns,
  encodeCommand,
  sendCommand,
  startFetcher,
  waitForRun,
  metricOf,
  type FetcherProcess,
  type Topics,
} from '../testing/pipeline';

/**
 * No command is lost, none is carried out that may not be: a command sent while the registry
 * is down waits for it (it used to be skipped and committed past); one that can never be read
 * or carried out goes to the commands DLQ and the next goes on; a FETCH_NOW received by an
 * instance that dies before carrying it out is carried out by the next owner.
 */
jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const stack = createStack(loadStackConfig(loadEnv({ cwd: ROOT }).env, ROOT), () => undefined);
const kafka = testKafka();
let mirror: Mirror;
let url: string;
const started: FetcherProcess[] = [];
const collectors: Collector[] = [];

beforeAll(async () => {
  mirror = createMirror({
    data: { nobelPrizes: samplePrizes(40), laureates: sampleLaureates(40) },
  });
  url = await mirror.listen(0);
});

afterAll(async () => {
  await stack.component('registry').up();
  await Promise.all(started.map((f) => f.service.stop('SIGKILL')));
  await Promise.all([...collectors.map((c) => c.stop()), mirror.close()]);
});

async function fresh(name: string) {
  const topics = await createTopics(kafka, name);
  const runs = await collect(kafka, topics.fetchRuns, 1);
  const dlq = await collect(kafka, topics.commandsDlq, 1);
  collectors.push(runs, dlq);
  const ids = { group: uniqueGroup('fetcher'), transactionalId: uniqueGroup('tx') };
  return { topics, runs, dlq, ids };
}

async function start(topics: Topics, ids: { group: string; transactionalId: string }) {
  const fetcher = await startFetcher(topics, url, ids);
  started.push(fetcher);
  await waitFor(async () => (await fetcher.status()).active, {
    timeoutMs: 60_000,
    description: 'the fetcher to own the commands partition',
  });
  return fetcher;
}

/** A counter of the fetcher's /metrics page. */
const counter = (fetcher: FetcherProcess, name: string) => metricOf(fetcher, name);

it('a START sent while the registry is down waits for it, and is carried out when it is back', async () => {
  const { topics, runs, dlq, ids } = await fresh('registry-down');
  const fetcher = await start(topics, ids);
  // Encoded now; the fetcher has read no command yet, so it must ask the registry for the id.
  const startCommand = await encodeCommand(topics.commands, 'START', 3600);
  const registry = stack.component('registry');
  await registry.down();
  try {
    await produceRecords(kafka, topics.commands, [startCommand]);
    await waitFor(async () => (await counter(fetcher, 'fetcher_command_read_retries_total')) >= 2, {
      timeoutMs: 60_000,
      description: 'the fetcher to wait for the registry',
    });
    expect(runs.messages).toHaveLength(0);
  } finally {
    await registry.up();
  }
  expect(await waitForRun(runs, 1, 90_000)).toMatchObject({
    trigger: 'START',
    outcome: 'SUCCEEDED',
  });
  expect((await fetcher.status()).desired).toEqual({ state: 'STARTED', intervalSeconds: 3600 });
  await dlq.flush();
  expect(dlq.messages).toHaveLength(0);
});

it('commands that can never be carried out go to the commands DLQ, and the next one runs', async () => {
  const { topics, runs, dlq, ids } = await fresh('rejected');
  const fetcher = await start(topics, ids);
  const zero = await encodeCommand(topics.commands, 'START', 0);
  await produceRecords(kafka, topics.commands, [
    { key: 'fetcher', value: Buffer.from('not a command at all') },
    zero, // an interval of 0 would make runs back to back
    await encodeCommand(topics.commands, 'FETCH_NOW'),
  ]);
  expect(await waitForRun(runs, 1)).toMatchObject({ trigger: 'FETCH_NOW', outcome: 'SUCCEEDED' });
  await waitFor(() => dlq.messages.length >= 2, { description: '2 commands on the DLQ' });
  expect(
    dlq.messages.map(({ message }) => [
      message.headers?.[DLQ_HEADERS.errorClass]?.toString(),
      message.headers?.[DLQ_HEADERS.offset]?.toString(),
    ]),
  ).toEqual([
    ['MalformedRecordError', '0'],
    ['InvalidCommandError', '1'],
  ]);
  expect(dlq.messages[1]?.message.value).toEqual(zero.value);
  expect(await fetcher.status()).toMatchObject({ desired: { state: 'STOPPED' } });
  expect(await counter(fetcher, 'fetcher_commands_rejected_total')).toBe(2);
  await runs.flush();
  expect((await decodeRuns(runs)).map((r) => r.trigger)).toEqual(['FETCH_NOW']);
});

it('a FETCH_NOW the owner received but had not carried out is carried out by the next owner', async () => {
  const { topics, runs, ids } = await fresh('fetch-now-failover');
  const first = await start(topics, ids);
  // A slow source: the START run is still reading when the FETCH_NOW arrives, and waits.
  mirror.faults.add({
    type: 'latency',
    ms: 60_000,
    times: 1,
    offset: 25,
    status: 503,
    retryAfter: 0,
  });
  await sendCommand(kafka, topics.commands, 'START', 3600);
  await waitFor(async () => (await first.status()).running !== null, {
    description: 'the START run in flight',
  });
  await sendCommand(kafka, topics.commands, 'FETCH_NOW');
  await waitFor(async () => (await first.status()).waiting.includes('FETCH_NOW'), {
    description: 'the FETCH_NOW waiting for the START run',
  });
  expect(await first.service.stop('SIGKILL')).toBe('SIGKILL');
  mirror.faults.clear();

  await start(topics, ids);
  const triggers = await waitFor(
    async () => {
      const seen = (await decodeRuns(runs)).map((r) => r.trigger);
      return seen.includes('FETCH_NOW') ? seen : undefined;
    },
    { timeoutMs: 90_000, description: 'the FETCH_NOW carried out by the new owner' },
  );
  expect(triggers).toContain('FETCH_NOW');
});
