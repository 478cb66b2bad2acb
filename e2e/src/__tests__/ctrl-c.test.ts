import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { QueryTypes } from 'sequelize';
import { createSequelize } from '@nobel-pipeline/db';
import { hasDefaultSnapshot } from '@nobel-pipeline/nobel-mirror';
import {
  createTestDatabase,
  createTestKafka,
  freePort,
  loadTestConfig,
  pipelineTopicsEnv,
  uniqueGroup,
  uniquePipelineTopics,
  waitFor,
  type TestDatabase,
} from '@nobel-pipeline/test-utils';

/**
 * `npm run start:offline` stopped the way a terminal stops it: Ctrl-C sends SIGINT to every
 * process of the foreground group — the runner and each service — and the runner then sends
 * its own SIGTERM. Every service must shut down once and fully (leave its consumer group,
 * exit 0), so that a restart right away finds no stale members: the fetcher and the sink take
 * their partitions at once, and a POST /start runs as START.
 */
jest.setTimeout(300_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = resolve(ROOT, 'stack', 'dist', 'cli.js');
const config = loadTestConfig();
const kafka = createTestKafka(config.kafka);
const describeWithSnapshot = hasDefaultSnapshot() ? describe : describe.skip;

interface Pipeline {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | string>;
}

describeWithSnapshot('Ctrl-C on the pipeline runner', () => {
  const groups = { fetcher: uniqueGroup('ctrlc-fetcher'), sink: uniqueGroup('ctrlc-sink') };
  let database: TestDatabase;
  let env: Record<string, string>;
  let api: string;
  const urls: string[] = [];
  const started: Pipeline[] = [];

  function startPipeline(): Pipeline {
    // Its own process group, as a terminal gives a foreground job.
    const child = spawn(process.execPath, [CLI, 'pipeline', '--offline'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | string>((resolveExit) =>
      child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown')),
    );
    const pipeline = { child, output: () => output, exited };
    started.push(pipeline);
    return pipeline;
  }

  /** Ctrl-C in the terminal: SIGINT to the whole foreground process group. */
  const ctrlC = (pipeline: Pipeline) => process.kill(-(pipeline.child.pid ?? 0), 'SIGINT');

  async function ready(pipeline: Pipeline): Promise<void> {
    await waitFor(
      async () => {
        if (pipeline.child.exitCode !== null)
          throw new Error(`the pipeline exited:\n${pipeline.output()}`);
        const answers = await Promise.all(
          urls.map(async (url) => (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok),
        );
        return answers.every(Boolean);
      },
      { timeoutMs: 120_000, description: 'ingest-api, fetcher and sink to be ready' },
    );
  }

  async function groupMembers(): Promise<Record<string, { state: string; members: number }>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { groups: described } = await admin.describeGroups([groups.fetcher, groups.sink]);
      return Object.fromEntries(
        described.map((g) => [g.groupId, { state: g.state, members: g.members.length }]),
      );
    } finally {
      await admin.disconnect();
    }
  }

  const post = async (path: string) => (await fetch(`${api}${path}`, { method: 'POST' })).status;
  const runs = async () =>
    (
      (await (await fetch(`${api}/runs?limit=100`)).json()) as {
        items: { runId: string; trigger: string; outcome: string }[];
      }
    ).items;

  beforeAll(async () => {
    database = await createTestDatabase(config.db);
    const [apiPort, fetcherPort, sinkPort, mirrorPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    api = `http://127.0.0.1:${apiPort}`;
    urls.push(
      `${api}/readyz`,
      `http://127.0.0.1:${fetcherPort}/readyz`,
      `http://127.0.0.1:${sinkPort}/readyz`,
    );
    env = {
      // The runner's stack.up() creates these topics, as `npm start` creates the real ones.
      ...pipelineTopicsEnv(uniquePipelineTopics('ctrlc')),
      DB_NAME: database.config.database,
      FETCHER_GROUP_ID: groups.fetcher,
      SINK_GROUP_ID: groups.sink,
      FETCHER_TRANSACTIONAL_ID: uniqueGroup('ctrlc-tx'),
      HTTP_PORT: String(apiPort),
      FETCHER_METRICS_PORT: String(fetcherPort),
      SINK_METRICS_PORT: String(sinkPort),
      MIRROR_PORT: String(mirrorPort),
      LOG_LEVEL: 'info',
    };
  });

  afterAll(async () => {
    for (const pipeline of started) {
      if (pipeline.child.exitCode === null && pipeline.child.signalCode === null)
        process.kill(-(pipeline.child.pid ?? 0), 'SIGKILL');
    }
    await database?.drop();
  });

  it('stops every service once, fully, and a restart right away runs POST /start as START', async () => {
    const first = startPipeline();
    await ready(first);
    expect(await post('/start')).toBe(202);
    await waitFor(async () => (await runs()).some((r) => r.outcome === 'SUCCEEDED'), {
      timeoutMs: 60_000,
      description: 'a SUCCEEDED run',
    });
    expect(await post('/stop')).toBe(202);
    await waitFor(async () => (await groupMembers())[groups.sink]?.members === 1, {
      description: 'the sink in its group',
    });

    ctrlC(first);
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/stopped: .*ingest-api 0.*fetcher 0.*sink 0/);
    // Each service left its group on the way out: none waits for a session timeout.
    expect(await groupMembers()).toEqual({
      [groups.fetcher]: { state: 'Empty', members: 0 },
      [groups.sink]: { state: 'Empty', members: 0 },
    });

    // Restarted at once: no stale member holds the partitions, the new START runs as START.
    const before = new Set((await runsFromDatabase()).map((r) => r.runId));
    const second = startPipeline();
    await ready(second);
    expect(await post('/start')).toBe(202);
    const fresh = await waitFor(
      async () => {
        const newer = (await runs()).filter((r) => !before.has(r.runId));
        return newer.length > 0 ? newer : undefined;
      },
      { timeoutMs: 60_000, description: 'the run of the new START' },
    );
    expect(fresh.map((r) => [r.trigger, r.outcome])).toEqual([['START', 'SUCCEEDED']]);
    ctrlC(second);
    expect(await second.exited).toBe(0);
  });

  /** The runs stored so far (ingest-api of the first pipeline is gone: read them fresh). */
  async function runsFromDatabase() {
    const sequelize = createSequelize({ config: database.config });
    try {
      return await sequelize.query<{ runId: string }>('SELECT run_id AS runId FROM fetch_runs', {
        type: QueryTypes.SELECT,
      });
    } finally {
      await sequelize.close();
    }
  }
});
