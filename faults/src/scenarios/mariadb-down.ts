import {
  lostCommands,
  lostCommandsFailures,
  postCommand,
  type CommandAnswer,
} from '../pipeline/commands';
import { holdFor } from '../pipeline/outage';
import { until, withPipeline } from '../pipeline/pipeline';
import { settled } from '../pipeline/recovery';
import { streamSyntheticPrizes } from '../pipeline/prize-stream';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

export const MARIADB_DOWN_SIZES = {
  full: { outageMs: 60_000, events: 10_000 },
  short: { outageMs: 15_000, events: 2_000 },
} as const;

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? MARIADB_DOWN_SIZES.short : MARIADB_DOWN_SIZES.full;
  const mariadb = context.stack.component('mariadb');
  const env = { SINK_RETRY_MAX_MS: '2000', SINK_MAX_BYTES_PER_PARTITION: '65536' };
  return withPipeline(context, 'mariadb-down', env, async (pipeline) => {
    const { processes } = pipeline;
    const stream = await streamSyntheticPrizes(context, processes.topics.prizes, size.events, 100);
    // Mid-stream: some prizes stored, most still to come.
    const first = Math.ceil(size.events / 10);
    await until(
      pipeline,
      `${first} prizes stored`,
      async () => (await pipeline.prizeRows()) >= first,
    );
    context.log('stopping MariaDB');
    await mariadb.down();
    const answers: CommandAnswer[] = [];
    // A run asked for meanwhile: the fetcher needs Kafka, not the database; its FetchRun waits.
    answers.push(await postCommand(processes.api, 'FETCH_NOW'));
    await holdFor(size.outageMs, async () => {
      pipeline.assertAlive();
    });
    const lifted = Date.now();
    context.log('starting MariaDB again');
    await mariadb.up();
    await stream.done;
    const { commands } = await settled(context, pipeline, {
      what: 'the run asked for during the outage stored',
      timeoutMs: 300_000,
    });
    const recoverySeconds = (Date.now() - lifted) / 1000;
    const check = await pipeline.checker.check();

    const failures: string[] = [];
    const lost = lostCommands(answers, commands);
    failures.push(...lostCommandsFailures(lost));
    if (stream.acknowledged() !== size.events)
      failures.push(`${stream.acknowledged()} of ${size.events} prize records acknowledged`);
    const runs = check.fetchRuns;
    if (!runs.some((r) => r.outcome === 'SUCCEEDED'))
      failures.push(`the run asked for during the outage did not succeed: ${JSON.stringify(runs)}`);
    return outcomeOf(check, {
      injected: `MariaDB stopped ${size.outageMs / 1000} s mid-stream of ${size.events} events`,
      recoverySeconds,
      failures,
      commands: { stored: commands.length, lost: lost.length },
      details: { storedBeforeOutage: first, answers: answers.map((a) => a.status) },
    });
  });
}

export const mariadbDown: Scenario = {
  name: 'mariadb-down',
  description:
    "MariaDB stopped mid-stream (the stack's own server); the sink retries and stays up, and once it is back every acknowledged prize is stored once",
  needs: { brokers: { min: 1 }, ownedServers: ['mariadb'], snapshot: true },
  inShortRun: true,
  run,
};
