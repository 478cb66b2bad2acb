import { waitFor } from '@nobel-pipeline/test-utils';
import {
  desiredStateOfTopic,
  lostCommands,
  postCommand,
  readCommands,
  type CommandAnswer,
} from '../pipeline/commands';
import { fetcherStatus, settledAt } from '../pipeline/fetcher-status';
import { mirrorAdmin } from '../pipeline/mirror';
import { holdFor, killServer } from '../pipeline/outage';
import { until, withPipeline } from '../pipeline/pipeline';
import { storedRuns } from '../pipeline/runs';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

type Restart = 'kill -9' | 'stop';

export const BROKER_RESTART_SIZES: Record<
  'full' | 'short',
  { restarts: Restart[]; downMs: number }
> = {
  full: { restarts: ['kill -9', 'stop', 'kill -9'], downMs: 15_000 },
  short: { restarts: ['kill -9'], downMs: 5_000 },
};

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? BROKER_RESTART_SIZES.short : BROKER_RESTART_SIZES.full;
  const broker = context.stack.component('kafka');
  // A session of 6 s: a fetcher whose connection died is replaced in the group quickly.
  const env = { KAFKA_SESSION_TIMEOUT_MS: '6000' };
  return withPipeline(context, 'broker-restart', env, async (pipeline) => {
    const { processes } = pipeline;
    const mirror = mirrorAdmin(processes.env.NOBEL_API_URL ?? '');
    const answers: CommandAnswer[] = [];
    let lifted = Date.now();
    for (const [i, how] of size.restarts.entries()) {
      // The run is in flight when the broker goes: its fourth prizes page answers 4 s late.
      await mirror.inject([{ type: 'latency', ms: 4000, path: 'nobelPrizes', offset: 75 }]);
      const asked = await waitFor(
        async () => {
          const answer = await postCommand(processes.api, 'FETCH_NOW');
          return answer.status === 202 ? answer : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 500, description: 'POST /fetch to be accepted' },
      );
      answers.push(asked);
      await until(
        pipeline,
        'a run in flight',
        async () => (await fetcherStatus(processes.fetcherUrl)).running !== null,
        60_000,
      );
      const pid = broker.pid();
      if (pid === undefined) throw new Error('the broker has no pid: the stack does not run it');
      context.log(`restart ${i + 1}/${size.restarts.length}: ${how} of the broker (pid ${pid})`);
      if (how === 'kill -9') await killServer(pid);
      else await broker.down();
      await holdFor(size.downMs, async () => {
        answers.push(await postCommand(processes.api, i % 2 === 0 ? 'START' : 'STOP'));
      });
      lifted = Date.now();
      await broker.up();
    }
    const restored = Date.now();
    await mirror.clear();
    // A run asked for after the broker is back: it must succeed and publish what was missed.
    const after = await waitFor(
      async () => {
        const answer = await postCommand(processes.api, 'FETCH_NOW');
        return answer.status === 202 ? answer : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, description: 'POST /fetch to be accepted again' },
    );
    answers.push(after);
    const commands = await readCommands(
      context.kafka,
      context.config.test.registry.url,
      processes.topics.commands,
    );
    const desired = desiredStateOfTopic(commands);
    await until(
      pipeline,
      'a SUCCEEDED run after the restart, the fetcher settled and the sink caught up',
      async () =>
        (await storedRuns(processes.api)).some(
          (r) => r.outcome === 'SUCCEEDED' && Date.parse(r.startedAt) >= restored,
        ) &&
        settledAt(await fetcherStatus(processes.fetcherUrl), desired) &&
        (await pipeline.sinkCaughtUp()),
      300_000,
    );
    const recoverySeconds = (Date.now() - lifted) / 1000;
    const check = await pipeline.checker.check();

    const failures: string[] = [];
    const lost = lostCommands(answers, commands);
    if (lost.length > 0)
      failures.push(
        `${lost.length} commands answered 202 are not on the topic: ${lost.join(', ')}`,
      );
    failures.push(...check.problems);
    if (check.dlq > 0) failures.push(`${check.dlq} records in the DLQ`);
    const outcomes = check.fetchRuns.map((r) => r.outcome);
    // Not asserted: a run in flight when the broker dies cannot publish its FetchRun, and
    // nothing publishes it later; the JSON report shows how many runs were asked for and seen.
    const asked = answers.filter((a) => a.type === 'FETCH_NOW' && a.status === 202).length;
    return {
      injected: `broker ${size.restarts.join(', ')} during a run, down ${size.downMs / 1000} s each`,
      produced: check.produced + commands.length,
      rows: check.rows,
      dlq: check.dlq,
      lost: check.lost + lost.length,
      duplicated: check.duplicated,
      recoverySeconds,
      failures,
      details: {
        answers: answers.reduce<Record<string, number>>(
          (n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }),
          {},
        ),
        runsAskedFor: asked,
        runs: outcomes,
        desired,
      },
    };
  });
}

export const brokerRestart: Scenario = {
  name: 'broker-restart',
  description:
    'the single broker killed (kill -9) or stopped during a fetch run, then started again; no 202 lost, the next run succeeds, no prize lost or duplicated',
  needs: { brokers: { min: 1, max: 1 }, ownedServers: ['kafka'], snapshot: true },
  inShortRun: false,
  run,
};
