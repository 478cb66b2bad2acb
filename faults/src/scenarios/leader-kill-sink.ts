import { syntheticPrizes } from '@nobel-pipeline/test-utils';
import { killNode, leaderOf, patientKafka, restartNode } from '../pipeline/cluster';
import { until, withPipeline } from '../pipeline/pipeline';
import { encodePrizes, streamRecords } from '../pipeline/prize-stream';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

/**
 * Events streamed, in as many waves as kills: each wave is sent, and once a fifth of it is
 * stored its leader is killed, so that every kill meets the sink in the middle of consuming.
 */
export const LEADER_KILL_SINK_SIZES = {
  full: { events: 20_000, kills: 2 },
  short: { events: 4000, kills: 1 },
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
    const producerKafka = patientKafka(context.config.test.kafka.brokers);
    const wave = Math.ceil(size.events / size.kills);
    const killed: { node: number; atRows: number }[] = [];
    let acknowledged = 0;
    let restored = Date.now();
    for (let i = 0; i < size.kills; i++) {
      const part = messages.slice(i * wave, (i + 1) * wave);
      const stream = streamRecords(producerKafka, topics.prizes, part);
      const point = i * wave + Math.ceil(part.length / 5);
      await until(
        pipeline,
        `${point} prizes stored`,
        async () => (await pipeline.prizeRows()) >= point,
        180_000,
      );
      // The leader of a partition the sink is reading, killed while the producer and the sink
      // both use it.
      const node = await leaderOf(context.kafka, topics.prizes, 0);
      if (node < 0) throw new Error(`${topics.prizes}/0 has no leader before the kill`);
      const atRows = await pipeline.prizeRows();
      context.log(`kill -9 of kafka-${node}, the leader of ${topics.prizes}/0, at ${atRows} rows`);
      await killNode(context.stack, node);
      killed.push({ node, atRows });
      await stream.done;
      acknowledged += stream.acknowledged();
      await restartNode(context.stack, context.kafka, node, Object.values(topics));
      restored = Date.now();
    }
    const failures: string[] = [];
    // Every kill landed before its wave was stored: it met the sink mid-consumption.
    for (const [i, kill] of killed.entries())
      if (kill.atRows >= (i + 1) * wave || kill.atRows >= size.events)
        failures.push(`kill ${i + 1} came after its wave was stored (${kill.atRows} rows)`);
    await until(pipeline, 'the sink to catch up', () => pipeline.sinkCaughtUp(), 300_000);
    const recoverySeconds = (Date.now() - restored) / 1000;
    const check = await pipeline.checker.check();
    if (acknowledged !== size.events)
      failures.push(`${acknowledged} of ${size.events} records acknowledged`);
    if (check.produced !== size.events)
      failures.push(`${check.produced} records committed on the topic, ${size.events} sent`);
    return outcomeOf(check, {
      injected: `kill -9 of the leader of nobel.prizes/0 ×${killed.length} during ${size.events} events`,
      recoverySeconds,
      failures,
      details: { killed },
    });
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
