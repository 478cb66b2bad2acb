import { syntheticPrizes } from '@nobel-pipeline/test-utils';
import { killNode, leaderOf, patientKafka, restartNode } from '../pipeline/cluster';
import { until, withPipeline } from '../pipeline/pipeline';
import { encodePrizes, streamRecords } from '../pipeline/prize-stream';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

/** Events streamed, and the points (shares of them stored) where a leader is killed. */
export const LEADER_KILL_SINK_SIZES = {
  full: { events: 20_000, at: [0.2, 0.6] },
  short: { events: 4000, at: [0.3] },
} as const;

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? LEADER_KILL_SINK_SIZES.short : LEADER_KILL_SINK_SIZES.full;
  // Small fetches, so that the sink is mid-stream (many commits to go) when the leader dies.
  const env = { SINK_MAX_BYTES_PER_PARTITION: '65536' };
  return withPipeline(context, 'leader-kill-sink', env, async (pipeline) => {
    const { processes } = pipeline;
    const { topics } = processes;
    const messages = await encodePrizes(
      context.config.test.registry.url,
      topics.prizes,
      syntheticPrizes(size.events, { seed: Math.floor(context.random() * 1e9) }),
    );
    const stream = streamRecords(
      patientKafka(context.config.test.kafka.brokers),
      topics.prizes,
      messages,
    );
    const killed: { node: number; atRows: number }[] = [];
    let restored = Date.now();
    for (const share of size.at) {
      const point = Math.ceil(size.events * share);
      await until(
        pipeline,
        `${point} prizes stored`,
        async () => (await pipeline.prizeRows()) >= point,
        180_000,
      );
      // The leader of the partition the sink is reading, killed while both the producer and
      // the sink use it.
      const node = await leaderOf(context.kafka, topics.prizes, 0);
      if (node < 0) throw new Error(`${topics.prizes}/0 has no leader before the kill`);
      const atRows = await pipeline.prizeRows();
      context.log(`kill -9 of kafka-${node}, the leader of ${topics.prizes}/0, at ${atRows} rows`);
      await killNode(context.stack, node);
      killed.push({ node, atRows });
      // The pipeline goes on with two brokers: more rows land before the node comes back.
      await until(
        pipeline,
        'the sink to store more with one broker down',
        async () => (await pipeline.prizeRows()) > atRows + 200 || (await pipeline.sinkCaughtUp()),
        120_000,
      );
      await restartNode(context.stack, context.kafka, node, Object.values(topics));
      restored = Date.now();
    }
    await stream.done;
    await until(pipeline, 'the sink to catch up', () => pipeline.sinkCaughtUp(), 300_000);
    const recoverySeconds = (Date.now() - restored) / 1000;
    const check = await pipeline.checker.check();
    const failures: string[] = [];
    if (stream.acknowledged() !== size.events)
      failures.push(`${stream.acknowledged()} of ${size.events} records acknowledged`);
    if (check.produced !== size.events)
      failures.push(`${check.produced} records committed on the topic, ${size.events} sent`);
    failures.push(...check.problems);
    if (check.dlq > 0) failures.push(`${check.dlq} records in the DLQ`);
    return {
      injected: `kill -9 of the leader of nobel.prizes/0 ×${killed.length} during ${size.events} events`,
      produced: check.produced,
      rows: check.rows,
      dlq: check.dlq,
      lost: check.lost,
      duplicated: check.duplicated,
      recoverySeconds,
      failures,
      details: { killed },
    };
  });
}

export const leaderKillSink: Scenario = {
  name: 'leader-kill-sink',
  description:
    "kill -9 of the broker leading the prizes topic's partition while events stream in and the sink consumes them, the broker started again after; every acknowledged prize stored once",
  needs: { brokers: { min: 3 }, ownedServers: ['kafka'], snapshot: true },
  inShortRun: true,
  run,
};
