import { waitFor } from '@nobel-pipeline/test-utils';
import {
  lostCommands,
  lostCommandsFailures,
  postCommand,
  type CommandAnswer,
} from '../pipeline/commands';
import { fetcherStatus } from '../pipeline/fetcher-status';
import { mirrorAdmin } from '../pipeline/mirror';
import { holdFor, killServer } from '../pipeline/outage';
import { until, withPipeline } from '../pipeline/pipeline';
import { acceptedCommand, settled } from '../pipeline/recovery';
import { outcomeOf } from './outcome';
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
    answers.push(
      await acceptedCommand(processes.api, 'FETCH_NOW', { timeoutMs: 120_000, after: 'again' }),
    );
    const { commands, desired } = await settled(context, pipeline, {
      succeededSince: restored,
      what: 'a SUCCEEDED run after the restart',
      timeoutMs: 300_000,
    });
    const recoverySeconds = (Date.now() - lifted) / 1000;
    const check = await pipeline.checker.check();

    const failures: string[] = [];
    const lost = lostCommands(answers, commands);
    failures.push(...lostCommandsFailures(lost));
    const outcomes = check.fetchRuns.map((r) => r.outcome);
    // Not asserted: a run in flight when the broker dies cannot publish its FetchRun, and
    // nothing publishes it later; the JSON report shows how many runs were asked for and seen.
    const asked = answers.filter((a) => a.type === 'FETCH_NOW' && a.status === 202).length;
    return outcomeOf(check, {
      injected: `broker ${size.restarts.join(', ')} during a run, down ${size.downMs / 1000} s each`,
      recoverySeconds,
      failures,
      commands: { stored: commands.length, lost: lost.length },
      details: {
        answers: answers.reduce<Record<string, number>>(
          (n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }),
          {},
        ),
        runsAskedFor: asked,
        runs: outcomes,
        desired,
      },
    });
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
