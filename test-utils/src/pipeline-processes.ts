import { resolve } from 'node:path';
import { loadTestConfig } from './config';
import { createTestDatabase, type TestDatabase } from './db';
import { createTestKafka } from './kafka';
import { uniqueGroup } from './names';
import {
  createPipelineTopics,
  pipelineTopicsEnv,
  uniquePipelineTopics,
  type PipelineTopics,
} from './pipeline-topics';
import { freePort, startService, type RunningService } from './service-process';
import { waitFor } from './wait-for';

/** The repository's root (this file is built to test-utils/dist/). */
export const ROOT = resolve(__dirname, '..', '..');
const main = (pkg: string) => resolve(ROOT, pkg, 'dist', 'main.js');

export interface PipelineProcesses {
  /** ingest-api's address, http://127.0.0.1:<port>. */
  api: string;
  /** The fetcher's health server (GET /status, /metrics). */
  fetcherUrl: string;
  /** The sink's health server (GET /healthz, /readyz, /metrics). */
  sinkUrl: string;
  /** The environment every service was given. */
  env: Record<string, string>;
  topics: PipelineTopics;
  sinkGroup: string;
  database: TestDatabase;
  running: Map<string, RunningService>;
  /** Starts the sink (again, after a test stopped it). */
  startSink(): Promise<void>;
  /** Stops every process gracefully and drops the database: each one's exit code. */
  stop(): Promise<Record<string, number | string>>;
}

/**
 * The whole pipeline, as users run it: the Nobel API mirror serving the real snapshot, and
 * ingest-api, fetcher and sink as real processes (their built main), on the real stack. The
 * topics, groups and database are the caller's own (named after `name`), so a pipeline
 * already running (npm start) is not disturbed; `stop()` drops the database and deletes the
 * topics. `env` adds to or overrides what each service
 * is given (API_TOKEN, say).
 */
export async function startPipelineProcesses(
  name: string,
  extraEnv: Record<string, string> = {},
  options: {
    /** The mirror's arguments besides its port (`--scale 10`, say). */
    mirrorArgs?: string[];
    /**
     * Called once the database exists, before any service starts (and so before the sink's
     * migrations create its tables): a fault scenario mounts a small filesystem over its
     * directory, say. What it returns is called by `stop()` once every service has stopped and
     * before the database is dropped (the scenario unmounts). Should it throw, it undoes its
     * own work; the database is dropped.
     */
    onDatabase?: (database: TestDatabase) => Promise<(() => Promise<void>) | undefined>;
    /**
     * The sink's group id, chosen once the topics exist (a scenario picks one whose
     * coordinator is the node it will kill); by default a unique one.
     */
    sinkGroup?: (topics: PipelineTopics, prefix: string) => Promise<string>;
  } = {},
): Promise<PipelineProcesses> {
  const config = loadTestConfig();
  const kafka = createTestKafka(config.kafka);
  const topics = uniquePipelineTopics(name);
  let sinkGroup = uniqueGroup(`${name}-sink`);
  const running = new Map<string, RunningService>();
  const database = await createTestDatabase(config.db);
  let release: (() => Promise<void>) | undefined;
  try {
    release = await options.onDatabase?.(database);
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
  const [mirrorPort, apiPort, fetcherPort, sinkPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const api = `http://127.0.0.1:${apiPort}`;
  const fetcherUrl = `http://127.0.0.1:${fetcherPort}`;
  const env: Record<string, string> = {
    ...pipelineTopicsEnv(topics),
    DB_NAME: database.config.database,
    SINK_GROUP_ID: sinkGroup,
    FETCHER_GROUP_ID: uniqueGroup(`${name}-fetcher`),
    FETCHER_TRANSACTIONAL_ID: uniqueGroup(`${name}-tx`),
    NOBEL_API_URL: `http://127.0.0.1:${mirrorPort}/2.1`,
    HTTP_PORT: String(apiPort),
    FETCHER_METRICS_PORT: String(fetcherPort),
    FETCHER_URLS: fetcherUrl,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };

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

  async function stop(): Promise<Record<string, number | string>> {
    // Stopped whatever happened, and each gracefully; then the database and the topics go.
    const codes = await Promise.all(
      [...running.entries()].map(
        async ([service, process]) => [service, await process.stop()] as const,
      ),
    );
    const admin = kafka.admin();
    try {
      try {
        await release?.();
      } finally {
        await database.drop();
      }
    } finally {
      try {
        await admin.connect();
        await admin.deleteTopics({ topics: Object.values(topics) });
      } catch {
        // Already gone, or Kafka down: the names are unique, nothing else uses them.
      } finally {
        await admin.disconnect();
      }
    }
    return Object.fromEntries(codes);
  }

  try {
    await createPipelineTopics(kafka, topics);
    if (options.sinkGroup !== undefined) {
      sinkGroup = await options.sinkGroup(topics, `${name}-sink`);
      env.SINK_GROUP_ID = sinkGroup;
    }
    running.set(
      'mirror',
      await startService({
        main: resolve(ROOT, 'nobel-mirror', 'dist', 'cli.js'),
        args: ['--port', String(mirrorPort), ...(options.mirrorArgs ?? [])],
        env: {},
        readyUrl: `http://127.0.0.1:${mirrorPort}/healthz`,
        // A scaled source is made before the mirror listens: ~20 s for ×72 here.
        timeoutMs: 120_000,
      }),
    );
    running.set(
      'ingest-api',
      await startService({ main: main('ingest-api'), env, readyUrl: `${api}/healthz` }),
    );
    running.set(
      'fetcher',
      await startService({ main: main('fetcher'), env, readyUrl: `${fetcherUrl}/healthz` }),
    );
    await startSink();
    // Up means ready, not only alive: ingest-api sees Kafka, the registry and the database
    // migrated (by the sink, which starts last), so a test's first /readyz is not a 503.
    await waitFor(
      async () => (await fetch(`${api}/readyz`, { signal: AbortSignal.timeout(5000) })).ok,
      { timeoutMs: 60_000, description: `${api}/readyz to answer 200` },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const sinkUrl = `http://127.0.0.1:${sinkPort}`;
  return { api, fetcherUrl, sinkUrl, env, topics, sinkGroup, database, running, startSink, stop };
}
