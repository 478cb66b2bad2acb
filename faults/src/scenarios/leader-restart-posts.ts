import type { CommandType } from '@nobel-pipeline/schemas';
import { kafkaNode, killNode, leaderOf, restartNode } from '../pipeline/cluster';
import {
  desiredStateOfTopic,
  lostCommands,
  lostCommandsFailures,
  postCommand,
  readCommands,
  type CommandAnswer,
} from '../pipeline/commands';
import { fetcherStatus, settledAt } from '../pipeline/fetcher-status';
import { until, withPipeline } from '../pipeline/pipeline';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

type Restart = 'stop' | 'kill -9';

/**
 * Concurrent clients posting commands, and the restarts of the commands topic's leader: a
 * clean stop (Kafka moves its leaderships first: no command should even be refused) and a
 * kill -9 (requests in flight to it fail: 503s, never a 202 for a command not stored).
 */
export const LEADER_RESTART_POSTS_SIZES: Record<
  'full' | 'short',
  { clients: number; restarts: readonly Restart[] }
> = {
  full: { clients: 4, restarts: ['stop', 'kill -9'] },
  short: { clients: 3, restarts: ['kill -9'] },
};

const TYPES: readonly CommandType[] = ['START', 'STOP', 'FETCH_NOW'];

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? LEADER_RESTART_POSTS_SIZES.short : LEADER_RESTART_POSTS_SIZES.full;
  return withPipeline(
    context,
    'leader-restart-posts',
    { NOBEL_PAGE_SIZE: '100' },
    async (pipeline) => {
      const { processes } = pipeline;
      const { topics } = processes;
      const answers: CommandAnswer[] = [];
      let posting = true;
      const client = async () => {
        while (posting) {
          const type = TYPES[Math.floor(context.random() * TYPES.length)] ?? 'FETCH_NOW';
          answers.push(await postCommand(processes.api, type));
        }
      };
      const clients = Array.from({ length: size.clients }, client);
      const restarted: { node: number; how: Restart }[] = [];
      try {
        for (const how of size.restarts) {
          const before = answers.length;
          await until(
            pipeline,
            'some commands accepted',
            () => answers.length >= before + 20,
            60_000,
          );
          const node = await leaderOf(context.kafka, topics.commands, 0);
          if (node < 0) throw new Error(`${topics.commands}/0 has no leader`);
          context.log(
            `${how} of kafka-${node}, the leader of ${topics.commands}, while POSTs arrive`,
          );
          if (how === 'kill -9') await killNode(context.stack, node);
          else await kafkaNode(context.stack, node).down();
          const down = answers.length;
          await until(
            pipeline,
            'commands answered with the node down',
            () => answers.length >= down + 20,
            60_000,
          );
          await restartNode(context.stack, context.kafka, node, Object.values(topics));
          restarted.push({ node, how });
        }
        const after = answers.length;
        await until(
          pipeline,
          'commands answered after the restart',
          () => answers.length >= after + 20,
          60_000,
        );
      } finally {
        // Also when a wait above throws: no client may go on posting after the scenario.
        posting = false;
        await Promise.all(clients);
      }
      const ended = Date.now();
      const commands = await readCommands(
        context.kafka,
        context.config.test.registry.url,
        topics.commands,
      );
      const desired = desiredStateOfTopic(commands);
      // A STOP or a START last: the fetcher settles there (a FETCH_NOW leaves the state as is).
      await until(
        pipeline,
        `the fetcher to settle at ${JSON.stringify(desired)} and the sink to catch up`,
        async () =>
          settledAt(await fetcherStatus(processes.fetcherUrl), desired) &&
          (await pipeline.sinkCaughtUp()),
        300_000,
      );
      const recoverySeconds = (Date.now() - ended) / 1000;
      const check = await pipeline.checker.check();
      const failures: string[] = [];
      const lost = lostCommands(answers, commands);
      failures.push(...lostCommandsFailures(lost));
      const statuses = answers.reduce<Record<string, number>>(
        (n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }),
        {},
      );
      const unexpected = Object.keys(statuses).filter((s) => s !== '202' && s !== '503');
      if (unexpected.length > 0)
        failures.push(`answers other than 202 and 503: ${JSON.stringify(statuses)}`);
      return outcomeOf(check, {
        injected: `the commands topic's leader restarted (${size.restarts.join(', ')}) under ${size.clients} posting clients`,
        recoverySeconds,
        failures,
        commands: { stored: commands.length, lost: lost.length },
        details: { restarted, answers: statuses, commandsOnTopic: commands.length, desired },
      });
    },
  );
}

export const leaderRestartPosts: Scenario = {
  name: 'leader-restart-posts',
  description:
    "the broker leading the commands topic stopped and started again while clients POST /start, /stop and /fetch; 503s allowed, every 202's command on the topic, the fetcher at the last command's state",
  needs: { brokers: { min: 3 }, ownedServers: ['kafka'], snapshot: true },
  inShortRun: false,
  run,
};
