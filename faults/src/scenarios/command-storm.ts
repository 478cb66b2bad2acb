import type { CommandType } from '@nobel-pipeline/schemas';
import { caughtUp } from '@nobel-pipeline/test-utils';
import {
  desiredStateOfTopic,
  lostCommands,
  lostCommandsFailures,
  overlappingRuns,
  postCommand,
  readCommands,
  type CommandAnswer,
} from '../pipeline/commands';
import { fetcherStatus, settledAt } from '../pipeline/fetcher-status';
import { mirrorAdmin } from '../pipeline/mirror';
import { until, withPipeline } from '../pipeline/pipeline';
import { runsInLog } from '../pipeline/runs';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

export const COMMAND_STORM_SIZES = {
  full: { commands: 500, clients: 10 },
  short: { commands: 60, clients: 6 },
} as const;

const TYPES: readonly CommandType[] = ['START', 'STOP', 'FETCH_NOW'];

/** Commands in random order: a type each, and for some STARTs an interval. */
export function stormOf(
  count: number,
  random: () => number,
): { type: CommandType; intervalSeconds: number | null }[] {
  return Array.from({ length: count }, () => {
    const type = TYPES[Math.floor(random() * TYPES.length)] ?? 'FETCH_NOW';
    const interval = type === 'START' && random() < 0.5 ? 60 + Math.floor(random() * 3540) : null;
    return { type, intervalSeconds: interval };
  });
}

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? COMMAND_STORM_SIZES.short : COMMAND_STORM_SIZES.full;
  // Pages of 100: a run is short, so that the storm sees runs start, abort and queue.
  // LOG_LEVEL info: the fetcher logs each run's end, with the time its publishing took.
  const env = { NOBEL_PAGE_SIZE: '100', LOG_LEVEL: 'info' };
  return withPipeline(context, 'command-storm', env, async (pipeline) => {
    const { processes } = pipeline;
    const storm = stormOf(size.commands, context.random);
    // Every page answers 100 ms late: runs last a second or two, so that the storm's commands
    // land while runs are in flight (a STOP aborts one, a START or FETCH_NOW waits for it).
    const mirror = mirrorAdmin(processes.env.NOBEL_API_URL ?? '');
    await mirror.inject([{ type: 'latency', ms: 100, times: 1_000_000 }]);
    const answers: CommandAnswer[] = [];
    let next = 0;
    const client = async () => {
      for (let i = next++; i < storm.length; i = next++) {
        const command = storm[i];
        if (command !== undefined)
          answers.push(await postCommand(processes.api, command.type, command.intervalSeconds));
      }
    };
    await Promise.all(Array.from({ length: size.clients }, client));
    const stormEnded = Date.now();
    await mirror.clear();
    context.log(`${answers.length} commands sent by ${size.clients} clients`);

    const registryUrl = context.config.test.registry.url;
    const commands = await readCommands(context.kafka, registryUrl, processes.topics.commands);
    const desired = desiredStateOfTopic(commands);
    const fetcherGroup = processes.env.FETCHER_GROUP_ID ?? '';
    // The fetcher has read every command, carried out what it asked, and the sink stored it.
    await until(
      pipeline,
      `the fetcher to settle at ${JSON.stringify(desired)}`,
      async () =>
        (await caughtUp(context.kafka, fetcherGroup, [processes.topics.commands])) &&
        settledAt(await fetcherStatus(processes.fetcherUrl), desired),
      180_000,
    );
    await until(pipeline, 'the sink to catch up', () => pipeline.sinkCaughtUp());
    const recoverySeconds = (Date.now() - stormEnded) / 1000;
    const check = await pipeline.checker.check();

    const failures: string[] = [];
    const lost = lostCommands(answers, commands);
    failures.push(...lostCommandsFailures(lost));
    const refused = answers.filter((a) => a.status !== 202);
    if (refused.length > 0)
      failures.push(
        `${refused.length} commands not accepted with Kafka up: ${[...new Set(refused.map((a) => a.error ?? String(a.status)))].join(', ')}`,
      );
    const status = await fetcherStatus(processes.fetcherUrl);
    if (!settledAt(status, desired))
      failures.push(
        `the fetcher's state is ${JSON.stringify(status.desired)}, the last command on the topic asks for ${JSON.stringify(desired)}`,
      );
    // Never two runs at once, as the fetcher logged them: a FetchRun's finishedAt comes before
    // its publishing, so the stored intervals alone could miss a run started while the one
    // before it was still publishing. Each stored run must be in the log, or the log would
    // not be the whole story.
    const logged = runsInLog(processes.running.get('fetcher')?.stdout() ?? '');
    const loggedIds = new Set(logged.map((r) => r.runId));
    const unlogged = check.fetchRuns.filter((r) => !loggedIds.has(r.runId));
    if (unlogged.length > 0)
      failures.push(`${unlogged.length} stored FetchRuns are not in the fetcher's log`);
    for (const [what, overlaps] of [
      ['stored', overlappingRuns(check.tables.runIntervals)],
      [
        'logged (publishing included)',
        overlappingRuns(logged.map((r) => ({ ...r, finishedAt: r.endedAt }))),
      ],
    ] as const)
      if (overlaps.length > 0)
        failures.push(
          `${overlaps.length} runs overlapped another (${what}): ${overlaps
            .slice(0, 3)
            .map(([a, b]) => `${a} / ${b}`)
            .join(', ')}`,
        );
    const outcomes = check.fetchRuns.reduce<Record<string, number>>(
      (n, r) => ({ ...n, [r.outcome]: (n[r.outcome] ?? 0) + 1 }),
      {},
    );
    return outcomeOf(check, {
      injected: `${answers.length} commands from ${size.clients} concurrent clients`,
      recoverySeconds,
      failures,
      commands: { stored: commands.length, lost: lost.length },
      details: {
        accepted: answers.length - refused.length,
        commandsOnTopic: commands.length,
        desired,
        runs: outcomes,
        runsLogged: logged.length,
      },
    });
  });
}

export const commandStorm: Scenario = {
  name: 'command-storm',
  description:
    'START/STOP/FETCH_NOW in random order from concurrent clients through ingest-api; afterwards the fetcher is in the state of the last command on the topic, no two runs overlapped, every 202 is on the topic',
  needs: { brokers: { min: 1 }, snapshot: true },
  inShortRun: true,
  run,
};
