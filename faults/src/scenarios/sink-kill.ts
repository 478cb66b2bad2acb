import { syntheticPrizes } from '@nobel-pipeline/test-utils';
import { until, withPipeline } from '../pipeline/pipeline';
import { encodePrizes, streamRecords } from '../pipeline/prize-stream';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

/** The full and the short run: events streamed, and kill -9s of the sink during the stream. */
export const SINK_KILL_SIZES = {
  full: { events: 20_000, kills: 20 },
  short: { events: 2_000, kills: 3 },
} as const;

/** Kill moments: `kills` sorted points of the stored count, between 2 % and 90 % of it. */
export function killPoints(events: number, kills: number, random: () => number): number[] {
  return Array.from({ length: kills }, () => Math.ceil(events * (0.02 + 0.88 * random()))).sort(
    (a, b) => a - b,
  );
}

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? SINK_KILL_SIZES.short : SINK_KILL_SIZES.full;
  // The smallest batches the sink takes (16 kB per partition, a few prizes): many commits, and
  // a stream that lasts long enough for the kills to land in it.
  const env = { SINK_MAX_BYTES_PER_PARTITION: '16384', SINK_RETRY_MAX_MS: '2000' };
  return withPipeline(context, 'sink-kill', env, async (pipeline) => {
    const { processes } = pipeline;
    const messages = await encodePrizes(
      context.config.test.registry.url,
      processes.topics.prizes,
      syntheticPrizes(size.events, { seed: Math.floor(context.random() * 1e9) }),
    );
    const stream = streamRecords(context.kafka, processes.topics.prizes, messages);
    const points = killPoints(size.events, size.kills, context.random);
    const failures: string[] = [];
    let lastKill = Date.now();
    let storedAtKill = -1;
    const kills: number[] = [];
    for (const [i, point] of points.entries()) {
      // At the drawn point, and after the restarted sink has written something itself: each
      // kill lands on a sink that owns partitions and writes, not on one still joining.
      const due = Math.max(point, storedAtKill + 1);
      if (due > size.events) break;
      await until(
        pipeline,
        `${due} prizes stored before kill ${i + 1}`,
        async () => (await pipeline.prizeRows()) >= due,
        180_000,
      );
      const sink = processes.running.get('sink');
      const signal = await sink?.stop('SIGKILL');
      lastKill = Date.now();
      storedAtKill = await pipeline.prizeRows();
      kills.push(storedAtKill);
      if (signal !== 'SIGKILL') failures.push(`kill ${i + 1}: the sink ended with ${signal}`);
      context.log(`kill ${i + 1}/${points.length} with ${storedAtKill} prizes stored`);
      await processes.startSink();
    }
    if (kills.length < points.length)
      failures.push(
        `only ${kills.length} of ${points.length} kills landed before the end of the stream`,
      );
    await stream.done;
    // A restarted sink waits for the killed member's session to expire before it owns the
    // partitions: the recovery time is mostly that. Recovered: the live sink alone in its
    // group, and everything committed.
    await until(
      pipeline,
      'the restarted sink to own its group and catch up',
      async () => (await pipeline.sinkGroupSettled()) && (await pipeline.sinkCaughtUp()),
      300_000,
    );
    const recoverySeconds = (Date.now() - lastKill) / 1000;
    const check = await pipeline.checker.check();
    if (check.produced !== size.events)
      failures.push(`${check.produced} records committed on the topic, ${size.events} sent`);
    if (stream.acknowledged() !== size.events)
      failures.push(`${stream.acknowledged()} of ${size.events} records acknowledged`);
    return outcomeOf(check, {
      injected: `kill -9 of the sink ×${kills.length} during ${size.events} events`,
      recoverySeconds,
      failures,
      details: { killPoints: points, storedAtKills: kills },
    });
  });
}

export const sinkKill: Scenario = {
  name: 'sink-kill',
  description:
    'kill -9 of the sink at random moments during a stream of prize events; afterwards every acknowledged prize is stored once, with its hash and its laureates',
  needs: { brokers: { min: 1 }, snapshot: true },
  inShortRun: true,
  run,
};
