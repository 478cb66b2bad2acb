import { waitFor } from '@nobel-pipeline/test-utils';
import { killNode, leaderOf, restartNode } from '../pipeline/cluster';
import { overlappingRuns, postCommand } from '../pipeline/commands';
import { until, withPipeline, type ScenarioPipeline } from '../pipeline/pipeline';
import { storedRuns } from '../pipeline/runs';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

/** The mirror's scale: the run's transaction carries (670 prizes + 992 laureates) × scale. */
export const LEADER_KILL_RUN_SIZES = {
  full: { scale: 20 },
  short: { scale: 5 },
} as const;

/** The part of the fetcher's GET /status read here: the run in flight and its pages. */
interface RunInFlight {
  running: { pagesRead: number; pagesTotal: number | null } | null;
}

async function runInFlight(fetcherUrl: string): Promise<RunInFlight> {
  const response = await fetch(`${fetcherUrl}/status`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${fetcherUrl}/status: HTTP ${response.status}`);
  // The fetcher's status view (fetcher/src/control/status-view.ts): the fields read here.
  return (await response.json()) as RunInFlight;
}

/** The source's prize count, as the mirror's envelope says. */
async function sourcePrizes(nobelApiUrl: string): Promise<number> {
  const response = await fetch(`${nobelApiUrl}/nobelPrizes?limit=1`);
  if (!response.ok) throw new Error(`the mirror answered ${response.status}`);
  // The API's envelope: meta.count is the number of records.
  return ((await response.json()) as { meta: { count: number } }).meta.count;
}

async function askForRun(pipeline: ScenarioPipeline): Promise<void> {
  await waitFor(
    async () => (await postCommand(pipeline.processes.api, 'FETCH_NOW')).status === 202,
    { timeoutMs: 120_000, intervalMs: 500, description: 'POST /fetch to be accepted' },
  );
}

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? LEADER_KILL_RUN_SIZES.short : LEADER_KILL_RUN_SIZES.full;
  const mirrorArgs = ['--scale', String(size.scale)];
  return withPipeline(
    context,
    'leader-kill-run',
    {},
    async (pipeline) => {
      const { processes } = pipeline;
      const { topics } = processes;
      const expected = await sourcePrizes(processes.env.NOBEL_API_URL ?? '');
      await askForRun(pipeline);
      // Every page read: the run now diffs, encodes and publishes in one transaction. Killed
      // now, the leader is gone for the whole transaction (Kafka notices after 9 s).
      let phase = 'not seen';
      await until(
        pipeline,
        'the run to finish reading',
        async () => {
          const { running } = await runInFlight(processes.fetcherUrl);
          if (running === null) {
            if (phase !== 'reading') return false;
            phase = 'ended before the kill';
            return true;
          }
          phase = 'reading';
          if (running.pagesTotal === null || running.pagesRead < running.pagesTotal) return false;
          phase = 'publishing';
          return true;
        },
        300_000,
      );
      const node = await leaderOf(context.kafka, topics.prizes, 0);
      if (node < 0) throw new Error(`${topics.prizes}/0 has no leader before the kill`);
      context.log(
        `kill -9 of kafka-${node}, the leader of ${topics.prizes}/0, as the run publishes`,
      );
      const killedAt = Date.now();
      await killNode(context.stack, node);
      await until(
        pipeline,
        'the run to end',
        async () => (await runInFlight(processes.fetcherUrl)).running === null,
        300_000,
      );
      // With the node still down: a run that failed is asked for again, and must succeed.
      await until(
        pipeline,
        'a SUCCEEDED run',
        async () => {
          const runs = await storedRuns(processes.api).catch(() => []);
          if (runs.some((r) => r.outcome === 'SUCCEEDED')) return true;
          if ((await runInFlight(processes.fetcherUrl)).running === null) await askForRun(pipeline);
          return false;
        },
        300_000,
      );
      await restartNode(context.stack, context.kafka, node, Object.values(topics));
      const restored = Date.now();
      await until(pipeline, 'the sink to catch up', () => pipeline.sinkCaughtUp(), 300_000);
      const recoverySeconds = (Date.now() - restored) / 1000;
      const check = await pipeline.checker.check();
      const runs = await storedRuns(processes.api);
      // The run the kill met (newest first: the last one started before it).
      const killedRun = runs.find((r) => Date.parse(r.startedAt) < killedAt);
      const failures: string[] = [...check.problems];
      const stored = await pipeline.prizeRows();
      if (stored !== expected) failures.push(`${stored} prizes stored, the source has ${expected}`);
      const overlaps = overlappingRuns(
        runs.map((r) => ({
          runId: r.runId,
          startedAt: Date.parse(r.startedAt),
          finishedAt: Date.parse(r.finishedAt),
        })),
      );
      if (overlaps.length > 0) failures.push(`runs overlap: ${JSON.stringify(overlaps)}`);
      if (check.dlq > 0) failures.push(`${check.dlq} records in the DLQ`);
      return {
        injected: `kill -9 of the leader of nobel.prizes/0 as a run publishes ${size.scale}× the snapshot`,
        produced: check.produced,
        rows: check.rows,
        dlq: check.dlq,
        lost: check.lost,
        duplicated: check.duplicated,
        recoverySeconds,
        failures,
        details: {
          killedWhile: phase,
          killedNode: node,
          killedRun: killedRun?.outcome ?? 'not recorded',
          runs: runs.map((r) => r.outcome),
        },
      };
    },
    { mirrorArgs },
  );
}

export const leaderKillRun: Scenario = {
  name: 'leader-kill-run',
  description:
    "kill -9 of the broker leading the prizes topic's partition as a fetch run publishes its transaction; the run commits or fails whole, a run after it succeeds with the broker still down, and every prize of the source is stored once",
  needs: { brokers: { min: 3 }, ownedServers: ['kafka'], snapshot: true },
  inShortRun: true,
  run,
};
