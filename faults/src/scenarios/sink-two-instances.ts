import { resolve } from 'node:path';
import { AssignerProtocol } from 'kafkajs';
import {
  freePort,
  startService,
  syntheticPrizes,
  waitFor,
  type RunningService,
} from '@nobel-pipeline/test-utils';
import { ROOT } from '../config';
import { until, withPipeline } from '../pipeline/pipeline';
import { encodePrizes, streamRecords } from '../pipeline/prize-stream';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

export const SINK_TWO_INSTANCES_SIZES = {
  full: { events: 20_000 },
  short: { events: 4000 },
} as const;

/** Each member of the group: how many partitions of `topic` it owns. */
async function members(context: ScenarioContext, group: string, topic: string): Promise<number[]> {
  const admin = context.kafka.admin();
  await admin.connect();
  try {
    const [described] = (await admin.describeGroups([group])).groups;
    return (described?.members ?? []).map((m) => {
      const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      return decoded?.assignment[topic]?.length ?? 0;
    });
  } finally {
    await admin.disconnect();
  }
}

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? SINK_TWO_INSTANCES_SIZES.short : SINK_TWO_INSTANCES_SIZES.full;
  const env = { SINK_MAX_BYTES_PER_PARTITION: '65536' };
  return withPipeline(context, 'sink-two-instances', env, async (pipeline) => {
    const { processes } = pipeline;
    const port = await freePort();
    const second: RunningService = await startService({
      main: resolve(ROOT, 'sink', 'dist', 'main.js'),
      env: { ...processes.env, ...env, SINK_METRICS_PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    });
    try {
      // Both in the group, each with partitions, before any event arrives.
      await waitFor(
        async () => {
          const assigned = await members(context, processes.sinkGroup, processes.topics.prizes);
          return assigned.length === 2 && assigned.every((n) => n > 0);
        },
        { timeoutMs: 60_000, intervalMs: 500, description: 'two sinks sharing the partitions' },
      );
      const messages = await encodePrizes(
        context.config.test.registry.url,
        processes.topics.prizes,
        syntheticPrizes(size.events, { seed: Math.floor(context.random() * 1e9) }),
      );
      const stream = streamRecords(context.kafka, processes.topics.prizes, messages);
      const point = Math.ceil(size.events * 0.4);
      await until(
        pipeline,
        `${point} prizes stored`,
        async () => (await pipeline.prizeRows()) >= point,
        180_000,
      );
      const atKill = await pipeline.prizeRows();
      context.log(`kill -9 of the second sink at ${atKill} rows`);
      const signal = await second.stop('SIGKILL');
      const killedAt = Date.now();
      await stream.done;
      // The survivor takes the partitions over once the killed member's session expires.
      await until(
        pipeline,
        'the remaining sink to catch up',
        () => pipeline.sinkCaughtUp(),
        300_000,
      );
      const recoverySeconds = (Date.now() - killedAt) / 1000;
      const check = await pipeline.checker.check();
      const failures: string[] = [];
      if (signal !== 'SIGKILL') failures.push(`the second sink ended with ${signal}`);
      if (stream.acknowledged() !== size.events)
        failures.push(`${stream.acknowledged()} of ${size.events} records acknowledged`);
      if (check.produced !== size.events)
        failures.push(`${check.produced} records committed on the topic, ${size.events} sent`);
      const survivors = await members(context, processes.sinkGroup, processes.topics.prizes);
      if (survivors.length !== 1) failures.push(`${survivors.length} members left in the group`);
      return outcomeOf(check, {
        injected: `two sinks in one group, one killed (kill -9) during ${size.events} events`,
        recoverySeconds,
        failures,
        details: { killedAtRows: atKill, survivorPartitions: survivors },
      });
    } finally {
      await second.stop();
    }
  });
}

export const sinkTwoInstances: Scenario = {
  name: 'sink-two-instances',
  description:
    'two sinks in one consumer group share a stream of prize events, one is killed (kill -9) mid-way; the other takes its partitions over, every acknowledged prize stored once',
  needs: { brokers: { min: 1 }, snapshot: true },
  // sink-kill covers a killed sink in the short run; this one runs in the full suite.
  inShortRun: false,
  run,
};
