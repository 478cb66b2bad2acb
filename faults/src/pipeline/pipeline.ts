import {
  caughtUp,
  connectAsApp,
  startPipelineProcesses,
  waitFor,
  type PipelineProcesses,
} from '@nobel-pipeline/test-utils';
import { createChecker, type Checker } from '../check/checker';
import { stopOnAbort } from './stop-on-abort';
import { deleteLeftovers } from './cleanup';
import { keepServiceLogs } from './service-logs';
import type { ScenarioContext } from '../scenarios/scenario';

/** The pipeline a scenario breaks: its processes, topics and database, and its checker. */
export interface ScenarioPipeline {
  processes: PipelineProcesses;
  checker: Checker;
  /** Rows in prizes right now. */
  prizeRows(): Promise<number>;
  /** True once the sink's group has committed the end of the prizes, laureates and runs topics. */
  sinkCaughtUp(): Promise<boolean>;
  /** True once the sink's group is stable with exactly one member: the live sink owns it all. */
  sinkGroupSettled(): Promise<boolean>;
  /** Fails at once, naming it, when a service exited that should not have. */
  assertAlive(except?: readonly string[]): void;
  /** The scenario's progress log (what `until` says about a long wait). */
  log(line: string): void;
}

/** Lines of each service's output logged when a scenario fails. */
const SERVICE_LINES_ON_FAILURE = 30;

/** A wait longer than this is reported, and again every such period: a log shows where time goes. */
const LONG_WAIT_MS = 60_000;

/**
 * The whole pipeline as real processes, on topics and a database of the scenario's own
 * (test-utils' startPipelineProcesses), and the checker pointed at them. `use` runs with it;
 * the processes stop and the topics and database go afterwards, whatever happened.
 */
export async function withPipeline<T>(
  context: ScenarioContext,
  name: string,
  env: Record<string, string>,
  use: (pipeline: ScenarioPipeline) => Promise<T>,
  /** The mirror's arguments besides its port (`--scale 10`, say), and startPipelineProcesses' onDatabase. */
  options: Pick<
    NonNullable<Parameters<typeof startPipelineProcesses>[2]>,
    'mirrorArgs' | 'onDatabase' | 'sinkGroup'
  > = {},
): Promise<T> {
  context.log(`starting the pipeline (${name})`);
  const processes = await startPipelineProcesses(
    `faults-${name}`,
    { LOG_LEVEL: 'error', ...env },
    options,
  );
  const db = processes.database.config;
  const checker = createChecker({
    kafka: context.kafka,
    registryUrl: context.config.test.registry.url,
    db,
    topics: processes.topics,
  });
  const pipeline: ScenarioPipeline = {
    processes,
    checker,
    async prizeRows() {
      const conn = await connectAsApp(db);
      try {
        // COUNT(*) comes back as a BigInt.
        const rows = (await conn.query('SELECT COUNT(*) AS n FROM prizes')) as { n: bigint }[];
        return Number(rows[0]?.n ?? 0);
      } finally {
        await conn.end();
      }
    },
    sinkCaughtUp: () =>
      caughtUp(context.kafka, processes.sinkGroup, [
        processes.topics.prizes,
        processes.topics.laureates,
        processes.topics.fetchRuns,
      ]),
    async sinkGroupSettled() {
      const admin = context.kafka.admin();
      await admin.connect();
      try {
        const { groups } = await admin.describeGroups([processes.sinkGroup]);
        return groups[0]?.state === 'Stable' && groups[0].members.length === 1;
      } finally {
        await admin.disconnect();
      }
    },
    log: (line) => context.log(line),
    assertAlive(except = []) {
      for (const [service, running] of processes.running)
        if (!except.includes(service) && running.exited())
          throw new Error(`${service} exited:\n${running.output().slice(-2000)}`);
    },
  };
  // Stopped once: at the scenario's deadline (its waits then see the services gone and end),
  // or after `use`, whichever comes first.
  const stopping = stopOnAbort(
    context.signal,
    () =>
      processes.stop().then(
        (codes) => {
          const killed = Object.entries(codes).filter(([, code]) =>
            String(code).startsWith('SIGKILL:'),
          );
          for (const [service, code] of killed) context.log(`clean-up: ${service}: ${code}`);
        },
        (error: unknown) => context.log(`clean-up: ${String(error)}`),
      ),
    (line) => context.log(line),
  );
  try {
    return await use(pipeline);
  } catch (error) {
    // What each service said last: a scenario that failed or timed out says why, not only that.
    for (const [service, running] of processes.running) {
      const lines = running.output().trimEnd().split('\n').slice(-SERVICE_LINES_ON_FAILURE);
      context.log(`${service}'s last ${lines.length} lines of output:\n${lines.join('\n')}`);
    }
    throw error;
  } finally {
    stopping.release();
    await stopping.stop();
    if (context.config.serviceLogsDir !== undefined)
      await keepServiceLogs(context.config.serviceLogsDir, name, processes.running, (line) =>
        context.log(line),
      );
    const problems = await deleteLeftovers({
      kafka: context.kafka,
      registryUrl: context.config.test.registry.url,
      topics: Object.values(processes.topics),
    });
    if (problems.length > 0) context.log(`clean-up: ${problems.join('; ')}`);
  }
}

/**
 * Waits for `done` like waitFor, but fails at once when a service of the pipeline exited
 * (its output in the error) instead of at the timeout.
 */
export async function until(
  pipeline: ScenarioPipeline,
  description: string,
  done: () => Promise<boolean> | boolean,
  timeoutMs = 120_000,
): Promise<void> {
  let exited: { error: unknown } | undefined;
  const started = Date.now();
  const reporter = setInterval(
    () =>
      pipeline.log(
        `still waiting for ${description} (${Math.round((Date.now() - started) / 1000)} s)`,
      ),
    LONG_WAIT_MS,
  );
  try {
    await waitFor(
      async () => {
        try {
          pipeline.assertAlive();
        } catch (error) {
          exited = { error };
          return true;
        }
        return done();
      },
      { timeoutMs, intervalMs: 200, description },
    );
  } finally {
    clearInterval(reporter);
  }
  if (exited !== undefined) throw exited.error;
}
