import { errorMessage } from '@nobel-pipeline/common';
import type { CommandType, DesiredState } from '@nobel-pipeline/schemas';
import { waitFor } from '@nobel-pipeline/test-utils';
import type { ScenarioContext } from '../scenarios/scenario';
import {
  desiredStateOfTopic,
  postCommand,
  readCommands,
  type CommandAnswer,
  type StoredCommand,
} from './commands';
import { fetcherStatus, settledAt } from './fetcher-status';
import { until, type ScenarioPipeline } from './pipeline';
import { storedRuns } from './runs';

/** Posts a command until ingest-api accepts it (202): what a client does after an outage. */
export function acceptedCommand(
  api: string,
  type: CommandType,
  options: { intervalSeconds?: number | null; timeoutMs: number; after: string },
): Promise<CommandAnswer> {
  return waitFor(
    async () => {
      const answer = await postCommand(api, type, options.intervalSeconds ?? null);
      return answer.status === 202 ? answer : undefined;
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 500,
      description: `POST ${type} to be accepted ${options.after}`,
    },
  );
}

/**
 * Reads the commands topic, then waits until the pipeline has settled where its last command
 * asked: a run stored (a SUCCEEDED one started at `succeededSince` or later, when given), the
 * fetcher in the desired state with nothing in flight, the sink caught up.
 */
export async function settled(
  context: ScenarioContext,
  pipeline: ScenarioPipeline,
  options: { succeededSince?: number; what: string; timeoutMs: number },
): Promise<{ commands: StoredCommand[]; desired: DesiredState }> {
  const { processes } = pipeline;
  const commands = await readCommands(
    context.kafka,
    context.config.test.registry.url,
    processes.topics.commands,
  );
  const desired = desiredStateOfTopic(commands);
  const since = options.succeededSince;
  let last: Record<string, unknown> = {};
  await until(
    pipeline,
    `${options.what}, the fetcher settled and the sink caught up`,
    async () => {
      const runs = await storedRuns(processes.api);
      const stored =
        since === undefined
          ? runs.length > 0
          : runs.some((r) => r.outcome === 'SUCCEEDED' && Date.parse(r.startedAt) >= since);
      const status = await fetcherStatus(processes.fetcherUrl);
      const fetcherSettled = settledAt(status, desired);
      const sinkCaughtUp = await pipeline.sinkCaughtUp();
      last = {
        runs: runs.map((r) => `${r.outcome}@${r.startedAt}`),
        fetcher: fetcherSettled ? 'settled' : status,
        sinkCaughtUp,
      };
      return stored && fetcherSettled && sinkCaughtUp;
    },
    options.timeoutMs,
  ).catch((error: unknown) => {
    // Which of the three did not come, as last seen, and what the sink said: what a failed
    // run must say.
    const sink = processes.running.get('sink')?.output().slice(-3000) ?? '';
    throw new Error(
      `${errorMessage(error)}; last seen: ${JSON.stringify(last)}${sink ? `\nthe sink's last output:\n${sink}` : ''}`,
    );
  });
  return { commands, desired };
}
