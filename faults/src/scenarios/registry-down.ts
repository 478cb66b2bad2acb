import type { CommandType } from '@nobel-pipeline/schemas';
import { produceRecords, syntheticPrizes } from '@nobel-pipeline/test-utils';
import {
  encodeCommand,
  lostCommands,
  lostCommandsFailures,
  postCommand,
  type CommandAnswer,
} from '../pipeline/commands';
import { holdFor } from '../pipeline/outage';
import { withPipeline } from '../pipeline/pipeline';
import { acceptedCommand, settled } from '../pipeline/recovery';
import { encodePrizes, streamRecords } from '../pipeline/prize-stream';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

export const REGISTRY_DOWN_SIZES = {
  full: { outageMs: 60_000, events: 5_000 },
  short: { outageMs: 15_000, events: 1_000 },
} as const;

/** What is POSTed during the outage, in turn: a run asked for, the state changed both ways. */
const DURING: readonly CommandType[] = ['FETCH_NOW', 'START', 'STOP', 'FETCH_NOW', 'START'];

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? REGISTRY_DOWN_SIZES.short : REGISTRY_DOWN_SIZES.full;
  const registry = context.stack.component('registry');
  return withPipeline(context, 'registry-down', { SINK_RETRY_MAX_MS: '2000' }, async (pipeline) => {
    const { processes } = pipeline;
    // Encoded while the registry is up; the sink has decoded nothing yet, so it must ask the
    // registry for the schema of each, during the outage.
    const messages = await encodePrizes(
      context.config.test.registry.url,
      processes.topics.prizes,
      syntheticPrizes(size.events, { seed: Math.floor(context.random() * 1e9) }),
    );
    // A run asked for on the topic itself, whatever ingest-api answers: the fetcher has to
    // read it (and publish its run) while the registry is away.
    const direct = await encodeCommand(
      context.config.test.registry.url,
      processes.topics.commands,
      'FETCH_NOW',
    );
    context.log('stopping the registry');
    await registry.down();
    const stream = streamRecords(context.kafka, processes.topics.prizes, messages);
    await produceRecords(context.kafka, processes.topics.commands, [direct.message]);
    const answers: CommandAnswer[] = [];
    await holdFor(size.outageMs, async () => {
      const type = DURING[answers.length % DURING.length] ?? 'FETCH_NOW';
      answers.push(await postCommand(processes.api, type, type === 'START' ? 3600 : null));
      pipeline.assertAlive();
    });
    await stream.done;
    context.log(`starting the registry again (${answers.length} commands posted meanwhile)`);
    const lifted = Date.now();
    await registry.up();
    const restored = Date.now();

    // A run asked for after the outage: accepted once ingest-api sees the registry again.
    answers.push(
      await acceptedCommand(processes.api, 'START', {
        intervalSeconds: 3600,
        timeoutMs: 60_000,
        after: 'again',
      }),
    );
    const { commands, desired } = await settled(context, pipeline, {
      succeededSince: restored,
      what: 'a SUCCEEDED run after the outage',
      timeoutMs: 180_000,
    });
    // From the registry's restart on: its own start-up is part of the recovery.
    const recoverySeconds = (Date.now() - lifted) / 1000;
    const check = await pipeline.checker.check();

    const failures: string[] = [];
    const lost = lostCommands(answers, commands);
    failures.push(...lostCommandsFailures(lost));
    if (!commands.some((c) => c.command.commandId === direct.commandId))
      failures.push('the FETCH_NOW written to the topic during the outage is not there');
    if (!check.fetchRuns.some((r) => r.trigger === 'FETCH_NOW'))
      failures.push('no run for the FETCH_NOW written to the topic during the outage');
    const unexpected = answers.filter((a) => a.status !== 202 && a.status !== 503);
    if (unexpected.length > 0)
      failures.push(
        `answers other than 202 or 503: ${unexpected.map((a) => a.error ?? a.status).join(', ')}`,
      );
    if (stream.acknowledged() !== size.events)
      failures.push(`${stream.acknowledged()} of ${size.events} prize records acknowledged`);
    const during = answers.slice(0, -1);
    return outcomeOf(check, {
      injected: `registry stopped ${size.outageMs / 1000} s; ${during.length} commands, ${size.events} events meanwhile`,
      recoverySeconds,
      failures,
      commands: { stored: commands.length, lost: lost.length },
      details: {
        duringOutage: {
          accepted: during.filter((a) => a.status === 202).length,
          refused: during.filter((a) => a.status === 503).length,
        },
        commandsOnTopic: commands.length,
        desired,
        runs: check.fetchRuns.map(
          (r) => `${r.trigger} ${r.outcome}${r.error === null ? '' : `: ${r.error}`}`,
        ),
      },
    });
  });
}

export const registryDown: Scenario = {
  name: 'registry-down',
  description:
    'the schema registry stopped while commands are posted, a run is asked for and the sink has records to decode; no 202 for a command not stored, everything lands once it is back',
  needs: { brokers: { min: 1 }, ownedServers: ['registry'], snapshot: true },
  inShortRun: true,
  run,
};
