import { errorMessage } from '@nobel-pipeline/common';
import {
  createEndOffsetReader,
  groupCoordinatedBy,
  groupCoordinator,
  leaderAddress,
  waitFor,
} from '@nobel-pipeline/test-utils';
import { killNode, restartNode } from '../pipeline/cluster';
import { overlappingRuns, postCommand } from '../pipeline/commands';
import { until, withPipeline, type ScenarioPipeline } from '../pipeline/pipeline';
import { watchForOpenTransaction } from '../pipeline/open-transaction';
import { createRunPhaseTracker } from '../pipeline/run-phase';
import { runsInLog, storedRuns } from '../pipeline/runs';
import { outcomeOf } from './outcome';
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
  const response = await fetch(`${nobelApiUrl}/nobelPrizes?limit=1`, {
    signal: AbortSignal.timeout(10_000),
  });
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
    // The fetcher logs each run's end (LOG_LEVEL info): when the run the kill met ended.
    { LOG_LEVEL: 'info' },
    async (pipeline) => {
      const { processes } = pipeline;
      const { topics } = processes;
      const expected = await sourcePrizes(processes.env.NOBEL_API_URL ?? '');
      // The transaction is open once its first records are on the partition, past its
      // committed end: asked of the partition's leader, the node to kill. (A read_uncommitted
      // consumer did this before, and spun in kafkajs's fetch loop once the node was killed,
      // starving this process: tulios/kafkajs#1384.)
      const admin = context.kafka.admin();
      await admin.connect();
      const [leader, sinkCoordinator] = await Promise.all([
        leaderAddress(admin, topics.prizes, 0),
        // Whether the kill also takes the sink group's coordinator (a case a CI run once failed
        // in, the sink not catching up): said in the log and the details.
        groupCoordinator(admin, processes.sinkGroup).catch(() => undefined),
      ]).finally(() => admin.disconnect());
      const watch = watchForOpenTransaction(
        createEndOffsetReader(leader, { clientId: 'faults-tx-watch' }),
        topics.prizes,
        0,
      );
      // Where the run was when the kill came (the wait's polls, then fixed at the kill).
      const seen = createRunPhaseTracker();
      // The node to kill: the one that answers the watch as the partition's leader.
      const node = leader.nodeId;
      let killedAt = 0;
      let watchErrorAtKill: unknown;
      try {
        await askForRun(pipeline);
        // The run's progress, until its transaction opens (or it ends before that).
        const progress = until(
          pipeline,
          "the run's transaction to open",
          async () => {
            if (watch.seen || seen.fixed) return true;
            const { running } = await runInFlight(processes.fetcherUrl);
            // An answer that arrives after the kill is ignored (the tracker is fixed by then).
            seen.observe(running !== null);
            return seen.fixed || seen.phase === 'ended before the kill';
          },
          300_000,
        );
        // The kill follows the watch's answer at once, not the next poll of the wait.
        await Promise.race([watch.opened, progress]);
        seen.fix(watch.seen);
        // The watch's last error as of the kill: its reads after it fail because of it.
        watchErrorAtKill = watch.lastError;
        killedAt = Date.now();
        await killNode(context.stack, node);
        const coordinates =
          sinkCoordinator === undefined
            ? " (the sink group's coordinator unknown)"
            : sinkCoordinator === node
              ? ", also the sink group's coordinator"
              : ` (the sink group's coordinator: kafka-${sinkCoordinator})`;
        context.log(
          `kill -9 of kafka-${node}, the leader of ${topics.prizes}/0${coordinates}, ${seen.phase}`,
        );
        await progress;
      } finally {
        await watch.stop();
      }
      await until(
        pipeline,
        'the run to end',
        async () => (await runInFlight(processes.fetcherUrl)).running === null,
        300_000,
      );
      const secondsSinceKill = () => Math.round((Date.now() - killedAt) / 1000);
      context.log(`the run ended ${secondsSinceKill()} s after the kill; asking for another`);
      // With the node still down: another run, which must succeed (a failed one is asked again).
      // The fetcher's log says how each ended at once; the stored FetchRuns come later, through
      // the sink, and asking again while they lag would only pile up runs.
      const fetcherLog = () => processes.running.get('fetcher')?.stdout() ?? '';
      const loggedAfterKill = () => runsInLog(fetcherLog()).filter((r) => r.startedAt > killedAt);
      await askForRun(pipeline);
      let endedWhenAsked = loggedAfterKill().length;
      await until(
        pipeline,
        'a SUCCEEDED run started after the kill',
        async () => {
          const after = loggedAfterKill();
          if (after.some((r) => r.outcome === 'SUCCEEDED')) return true;
          // The run asked for has ended (not well) and none is in flight: ask again.
          if (
            after.length > endedWhenAsked &&
            (await runInFlight(processes.fetcherUrl)).running === null
          ) {
            endedWhenAsked = after.length;
            await askForRun(pipeline);
          }
          return false;
        },
        300_000,
      );
      context.log(`a run started after the kill succeeded (${secondsSinceKill()} s after it)`);
      await restartNode(context.stack, context.kafka, node, Object.values(topics));
      const restored = Date.now();
      await until(pipeline, 'the sink to catch up', () => pipeline.sinkCaughtUp(), 300_000);
      const recoverySeconds = (Date.now() - restored) / 1000;
      const check = await pipeline.checker.check();
      const runs = await storedRuns(processes.api);
      // The run the kill met (newest first: the last one started before it); a run cut off
      // with Kafka unreachable may have left no FetchRun.
      const killedRun = runs.find((r) => Date.parse(r.startedAt) < killedAt);
      const failures: string[] = [];
      if (seen.phase !== 'in its transaction') {
        const why = watchErrorAtKill === undefined ? '' : ` (${errorMessage(watchErrorAtKill)})`;
        failures.push(`the kill did not meet the run's transaction: the run ${seen.phase}${why}`);
      }
      // The watch saw the transaction undecided; the fetcher's log says whether its run was
      // still publishing at the kill (a commit answered just before it would not count).
      const logged = runsInLog(fetcherLog())
        .filter((r) => r.startedAt < killedAt)
        .sort((a, b) => b.startedAt - a.startedAt)[0];
      if (logged === undefined) failures.push("the run the kill met is not in the fetcher's log");
      else if (logged.endedAt < killedAt)
        failures.push(
          `the run ${logged.runId} had ended ${killedAt - logged.endedAt} ms before the kill`,
        );
      // A run commits whole or not at all: one that did not succeed published no event.
      if (killedRun !== undefined && killedRun.outcome !== 'SUCCEEDED') {
        const published = check.eventsByRun.get(killedRun.runId) ?? 0;
        if (published > 0)
          failures.push(`the ${killedRun.outcome} run the kill met published ${published} events`);
      }
      if (!runs.some((r) => Date.parse(r.startedAt) > killedAt && r.outcome === 'SUCCEEDED'))
        failures.push('no SUCCEEDED FetchRun started after the kill is stored');
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
      return outcomeOf(check, {
        injected: `kill -9 of the leader of nobel.prizes/0${sinkCoordinator === node ? " and the sink group's coordinator" : ''} in a run's transaction (${size.scale}× the snapshot)`,
        recoverySeconds,
        failures,
        details: {
          killedWhile: seen.phase,
          killedNode: node,
          sinkGroupCoordinator: sinkCoordinator ?? null,
          killedRunEndedAfterKillMs: logged === undefined ? null : logged.endedAt - killedAt,
          killedRun: killedRun?.outcome ?? 'not recorded',
          runs: runs.map((r) => r.outcome),
        },
      });
    },
    {
      mirrorArgs,
      // The sink's group coordinated by the node the kill will take (the leader of prizes/0,
      // unless leadership moves before the kill): its offset commits then meet the coordinator
      // gone as well (the case in which a commit once landed after a newer one).
      sinkGroup: async (topics, prefix) => {
        const admin = context.kafka.admin();
        await admin.connect();
        try {
          const leader = await leaderAddress(admin, topics.prizes, 0);
          const chosen = await groupCoordinatedBy(admin, leader.nodeId, prefix);
          if (!chosen.coordinated)
            context.log(
              `no group id found whose coordinator is kafka-${leader.nodeId}: the kill may miss the sink group's coordinator`,
            );
          return chosen.groupId;
        } finally {
          await admin.disconnect();
        }
      },
    },
  );
}

export const leaderKillRun: Scenario = {
  name: 'leader-kill-run',
  description:
    "kill -9 of the broker leading the prizes topic's partition, also the sink group's coordinator, as a fetch run publishes its transaction; the run commits or fails whole, a run after it succeeds with the broker still down, and every prize of the source is stored once, the sink's group caught up",
  needs: { brokers: { min: 3 }, ownedServers: ['kafka'], snapshot: true },
  inShortRun: true,
  run,
};
