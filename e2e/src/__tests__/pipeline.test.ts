import { resolve } from 'node:path';
import { QueryTypes } from 'sequelize';
import { loadEnv } from '@nobel-pipeline/common';
import { createSequelize } from '@nobel-pipeline/db';
import { hasDefaultSnapshot } from '@nobel-pipeline/nobel-mirror';
import { loadStackConfig, resetToEarliestArgs, runKafkaTool } from '@nobel-pipeline/stack';
import {
  createPipelineTopics,
  createTestDatabase,
  createTestKafka,
  freePort,
  loadTestConfig,
  pipelineTopicsEnv,
  startService,
  uniqueGroup,
  uniquePipelineTopics,
  waitFor,
  type RunningService,
  type TestDatabase,
} from '@nobel-pipeline/test-utils';

/**
 * The whole pipeline, as users run it: the Nobel API mirror serving the real snapshot, and
 * ingest-api, fetcher and sink as real processes (their built main), on the real stack. The
 * topics, groups and database are this test's own, so a pipeline already running (npm start)
 * is not disturbed.
 */
jest.setTimeout(300_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const main = (pkg: string) => resolve(ROOT, pkg, 'dist', 'main.js');
const stackConfig = loadStackConfig(loadEnv({ cwd: ROOT }).env, ROOT);
const config = loadTestConfig();
const kafka = createTestKafka(config.kafka);
const describeWithSnapshot = hasDefaultSnapshot() ? describe : describe.skip;
if (!hasDefaultSnapshot())
  process.stderr.write(
    '\nSKIPPING the end-to-end test: the snapshot in ../shared/nobel-api is absent.\n',
  );

describeWithSnapshot('the pipeline, end to end', () => {
  const topics = uniquePipelineTopics('e2e');
  const sinkGroup = uniqueGroup('e2e-sink');
  const running = new Map<string, RunningService>();
  let database: TestDatabase;
  let env: Record<string, string>;
  let api: string;
  let fetcherStatus: string;
  let sinkPort: number;

  const get = async (path: string) =>
    (await (await fetch(`${api}${path}`)).json()) as Record<string, unknown>;
  const post = async (path: string) => (await fetch(`${api}${path}`, { method: 'POST' })).status;
  const runs = async () =>
    (await get('/runs?limit=100')).items as {
      runId: string;
      trigger: string;
      outcome: string;
      prizesChanged: number;
    }[];

  async function startSink(): Promise<void> {
    running.set(
      'sink',
      await startService({
        main: main('sink'),
        env: { ...env, SINK_METRICS_PORT: String(sinkPort) },
        readyUrl: `http://127.0.0.1:${sinkPort}/healthz`,
      }),
    );
  }

  /** Rows, and a checksum of their content (not of updated_at, which every write sets). */
  async function tables() {
    const sequelize = createSequelize({ config: database.config });
    try {
      const one = async (sql: string) =>
        (await sequelize.query<Record<string, unknown>>(sql, { type: QueryTypes.SELECT }))[0];
      return {
        prizes: await one(
          "SELECT COUNT(*) AS n, SUM(CRC32(CONCAT_WS('|', id, content_hash, fetched_at))) AS sum FROM prizes",
        ),
        laureates: await one(
          "SELECT COUNT(*) AS n, SUM(CRC32(CONCAT_WS('|', id, known_name_en, org_name_en, fetched_at))) AS sum FROM laureates",
        ),
        entries: await one(
          "SELECT COUNT(*) AS n, SUM(CRC32(CONCAT_WS('|', prize_id, laureate_id, `portion`, sort_order))) AS sum FROM prize_laureates",
        ),
      };
    } finally {
      await sequelize.close();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase(config.db);
    await createPipelineTopics(kafka, topics);
    const [mirrorPort, apiPort, fetcherPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    sinkPort = await freePort();
    api = `http://127.0.0.1:${apiPort}`;
    fetcherStatus = `http://127.0.0.1:${fetcherPort}/status`;
    env = {
      ...pipelineTopicsEnv(topics),
      DB_NAME: database.config.database,
      SINK_GROUP_ID: sinkGroup,
      FETCHER_GROUP_ID: uniqueGroup('e2e-fetcher'),
      FETCHER_TRANSACTIONAL_ID: uniqueGroup('e2e-tx'),
      NOBEL_API_URL: `http://127.0.0.1:${mirrorPort}/2.1`,
      HTTP_PORT: String(apiPort),
      FETCHER_METRICS_PORT: String(fetcherPort),
      LOG_LEVEL: 'warn',
    };
    running.set(
      'mirror',
      await startService({
        main: resolve(ROOT, 'nobel-mirror', 'dist', 'cli.js'),
        args: ['--port', String(mirrorPort)],
        env: {},
        readyUrl: `http://127.0.0.1:${mirrorPort}/healthz`,
      }),
    );
    running.set(
      'ingest-api',
      await startService({ main: main('ingest-api'), env, readyUrl: `${api}/healthz` }),
    );
    running.set(
      'fetcher',
      await startService({
        main: main('fetcher'),
        env,
        readyUrl: `http://127.0.0.1:${fetcherPort}/healthz`,
      }),
    );
    await startSink();
  });

  afterAll(async () => {
    // Stopped whatever happened, and each gracefully.
    const codes = await Promise.all(
      [...running.entries()].map(async ([name, service]) => [name, await service.stop()]),
    );
    await database?.drop();
    expect(Object.fromEntries(codes)).toEqual(
      Object.fromEntries([...running.keys()].map((name) => [name, 0])),
    );
  });

  it('POST /start → 670 prizes in the tables and a SUCCEEDED run', async () => {
    expect(await post('/start')).toBe(202);
    await waitFor(async () => (await get('/prizes?limit=1')).total === 670, {
      timeoutMs: 60_000,
      description: 'GET /prizes to report 670 prizes',
    });
    await waitFor(
      async () => {
        const status = await get('/status');
        return (
          (status.fetcher as { desiredState: string }).desiredState === 'STARTED' &&
          (status.lastRun as { outcome?: string } | null)?.outcome === 'SUCCEEDED'
        );
      },
      {
        timeoutMs: 30_000,
        description: 'GET /status to show the fetcher started with a SUCCEEDED run',
      },
    );
    const counts = await tables();
    expect([counts.prizes?.n, counts.laureates?.n, counts.entries?.n].map(Number)).toEqual([
      670, 992, 1000,
    ]);
  });

  it('a second run (POST /fetch) changes nothing in the tables', async () => {
    const before = await tables();
    const done = (await runs()).length;
    expect(await post('/fetch')).toBe(202);
    await waitFor(async () => (await runs()).length > done, {
      timeoutMs: 30_000,
      description: 'the FETCH_NOW run',
    });
    expect((await runs())[0]).toMatchObject({
      trigger: 'FETCH_NOW',
      outcome: 'SUCCEEDED',
      prizesChanged: 0,
    });
    expect(await tables()).toEqual(before);
  });

  it('POST /stop → no further runs', async () => {
    expect(await post('/stop')).toBe(202);
    await waitFor(
      async () =>
        ((await get('/status')).fetcher as { desiredState: string }).desiredState === 'STOPPED',
      { description: 'STOPPED in /status' },
    );
    type FetcherStatus = {
      desired: { state: string };
      nextRunAt: string | null;
      running: unknown;
    };
    const status = async () => (await (await fetch(fetcherStatus)).json()) as FetcherStatus;
    await waitFor(async () => (await status()).desired.state === 'STOPPED', {
      description: 'the fetcher to stop',
    });
    const stopped = await status();
    expect(stopped.nextRunAt).toBeNull();
    expect(stopped.running).toBeNull();
  });

  it('replays: sink stopped, its group reset to the earliest offsets with the bundled ConsumerGroupCommand, same rows', async () => {
    const before = await tables();
    expect(await running.get('sink')?.stop()).toBe(0);
    running.delete('sink');
    const reset = await runKafkaTool(
      stackConfig,
      () => undefined,
      'consumer-groups',
      resetToEarliestArgs(sinkGroup, [topics.prizes, topics.fetchRuns]),
      'pipe',
    );
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(new RegExp(`${topics.prizes.replace(/\./g, '\\.')}\\s+0\\s+0`));
    await startSink();
    await waitFor(
      async () => ((await get('/status')).sink as { totalLag: number }).totalLag === 0,
      { timeoutMs: 60_000, description: 'the sink to replay both topics' },
    );
    expect(await tables()).toEqual(before);
  });

  it('the bundled console consumer reads 670 records from the prizes topic from the beginning', async () => {
    const read = await runKafkaTool(
      stackConfig,
      () => undefined,
      'console-consumer',
      [
        '--topic',
        topics.prizes,
        '--from-beginning',
        '--group',
        uniqueGroup('e2e-console'),
        '--max-messages',
        '670',
        '--timeout-ms',
        '30000',
        '--property',
        'print.key=true',
        '--property',
        'key.separator=\t',
        '--property',
        'print.value=false',
      ],
      'pipe',
    );
    expect(read.code).toBe(0);
    const keys = read.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t')[0]);
    expect(keys).toHaveLength(670);
    expect(new Set(keys).size).toBe(670);
    expect(read.stderr).toMatch(/Processed a total of 670 messages/);
  });
});
