import {
  collect,
  testKafka,
  uniqueGroup,
  waitFor,
  type Collector,
} from '@nobel-pipeline/test-utils';
import {
  createMirror,
  sampleLaureates,
  samplePrizes,
  type Mirror,
} from '@nobel-pipeline/nobel-mirror';
import {
  createTopics,
  decodeRuns,
  metricOf,
  sendCommand,
  startFetcher,
  waitForRun,
  type FetcherProcess,
  type Topics,
} from '../testing/pipeline';

/**
 * The desired state survives a kill -9 (it lives in the commands topic, not in memory), and
 * of two instances only the owner of the commands partition polls; if it dies, the other
 * takes over within the session timeout (6 s here).
 */
jest.setTimeout(180_000);

const kafka = testKafka();
let mirror: Mirror;
let url: string;
let runs: Collector;
const started: FetcherProcess[] = [];

beforeAll(async () => {
  mirror = createMirror({
    data: { nobelPrizes: samplePrizes(40), laureates: sampleLaureates(40) },
  });
  url = await mirror.listen(0);
});

afterAll(async () => {
  await Promise.all(started.map((f) => f.service.stop('SIGKILL')));
  await Promise.all([runs?.stop(), mirror.close()]);
});

async function fresh(
  name: string,
): Promise<{ topics: Topics; ids: { group: string; transactionalId: string } }> {
  const topics = await createTopics(kafka, name);
  await runs?.stop();
  runs = await collect(kafka, topics.fetchRuns, 1);
  return { topics, ids: { group: uniqueGroup('fetcher'), transactionalId: uniqueGroup('tx') } };
}

async function start(topics: Topics, ids: { group: string; transactionalId: string }) {
  const fetcher = await startFetcher(topics, url, ids);
  started.push(fetcher);
  return fetcher;
}

it('after kill -9, a restarted fetcher resumes polling with the same interval, without a new START', async () => {
  const { topics, ids } = await fresh('resume');
  const first = await start(topics, ids);
  await sendCommand(kafka, topics.commands, 'START', 120);
  expect(await waitForRun(runs, 1)).toMatchObject({
    trigger: 'START',
    outcome: 'SUCCEEDED',
    prizesChanged: 42,
  });
  expect(await first.service.stop('SIGKILL')).toBe('SIGKILL');

  const second = await start(topics, ids);
  // The dead member's session expires, the new one owns the partition and resumes.
  const resumed = await waitForRun(runs, 2, 60_000);
  expect(resumed).toMatchObject({ trigger: 'SCHEDULE', outcome: 'SUCCEEDED', prizesChanged: 0 });
  const status = await second.status();
  expect(status).toMatchObject({
    active: true,
    desired: { state: 'STARTED', intervalSeconds: 120 },
  });
  expect(Date.parse(status.nextRunAt ?? '')).toBeGreaterThan(Date.now() + 100_000);
  // The new owner rebuilt what the first one published, and says how long it took.
  expect(await metricOf(second, 'fetcher_state_restored_hashes', 'source="nobelPrizes"')).toBe(42);
  expect(await metricOf(second, 'fetcher_state_restored_hashes', 'source="laureates"')).toBe(40);
  expect(await metricOf(second, 'fetcher_state_restore_seconds')).toBeGreaterThan(0);
});

it('after STOP and a restart, it stays stopped', async () => {
  const { topics, ids } = await fresh('stopped');
  const first = await start(topics, ids);
  await sendCommand(kafka, topics.commands, 'START', 120);
  await waitForRun(runs, 1);
  await sendCommand(kafka, topics.commands, 'STOP');
  await waitFor(async () => (await first.status()).desired.state === 'STOPPED', {
    description: 'the STOP',
  });
  await first.service.stop('SIGKILL');

  const second = await start(topics, ids);
  await waitFor(async () => (await second.status()).active, {
    timeoutMs: 60_000,
    description: 'the restarted fetcher to own the partition',
  });
  expect(await second.status()).toMatchObject({ active: true, desired: { state: 'STOPPED' } });
  expect((await second.status()).nextRunAt).toBeNull();
  // A one-off run still works, and shows that nothing else ran in between.
  await sendCommand(kafka, topics.commands, 'FETCH_NOW');
  expect(await waitForRun(runs, 2)).toMatchObject({ trigger: 'FETCH_NOW', prizesChanged: 0 });
  expect(await decodeRuns(runs)).toHaveLength(2);
});

it('of two instances only one polls, and the other takes over when it dies', async () => {
  const { topics, ids } = await fresh('pair');
  const a = await start(topics, ids);
  const b = await start(topics, ids);
  const ready = async (f: FetcherProcess) =>
    (await fetch(f.statusUrl.replace('/status', '/readyz'))).ok;
  // Both are members of the group (the rebalance for the second one is over), one owns the partition.
  await waitFor(
    async () =>
      (await ready(a)) &&
      (await ready(b)) &&
      [await a.status(), await b.status()].filter((s) => s.active).length === 1,
    {
      timeoutMs: 30_000,
      description: 'both instances in the group, exactly one active',
    },
  );
  await sendCommand(kafka, topics.commands, 'START', 120);
  const first = await waitForRun(runs, 1);
  const [owner, standby] = (await a.status()).active ? [a, b] : [b, a];
  expect((await owner.status()).lastRun?.runId).toBe(first.runId);
  expect(await standby.status()).toMatchObject({ active: false });
  expect((await standby.status()).lastRun).toBeNull();

  await owner.service.stop('SIGKILL');
  await waitFor(async () => (await standby.status()).active, {
    timeoutMs: 30_000,
    description: 'the standby to take over',
  });
  expect(await waitForRun(runs, 2, 30_000)).toMatchObject({
    trigger: 'SCHEDULE',
    outcome: 'SUCCEEDED',
    prizesChanged: 0,
  });
  expect(await decodeRuns(runs)).toHaveLength(2);
});
