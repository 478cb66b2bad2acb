import { syntheticPrizes } from '@nobel-pipeline/test-utils';
import type { ScenarioContext } from '../scenarios/scenario';
import { holdFor } from './outage';
import { until, type ScenarioPipeline } from './pipeline';
import { encodePrizes, streamRecords, type PrizeStream } from './prize-stream';

/** The sink's settings under the fault: short retries, small batches, stuck soon. */
export const FULL_SINK_ENV = {
  SINK_RETRY_MAX_MS: '2000',
  SINK_MAX_BYTES_PER_PARTITION: '65536',
  // Stuck soon, so that /readyz says so within the fault.
  SINK_STUCK_AFTER_SECONDS: '5',
} as const;

/** How the database is made full, and freed again. */
export interface FullDatabase {
  /** Makes it full (once a tenth of the stream is stored). */
  fill(): Promise<void>;
  /** Frees the space again; called whatever happened after `fill` began. */
  free(): Promise<void>;
  /** Called at each check during the fault (a server that died, say). */
  watch?(): void;
}

/** What the stream through a full database came to. */
export interface FullMidStream {
  /** Prizes stored before the database was full. */
  storedBefore: number;
  /** Prize rows when it became full, and when the fault ended (before it was freed). */
  rowsAtFull: number;
  rowsAtEnd: number;
  /** The sink's /readyz answers during the fault. */
  readyz: number[];
  /** Records acknowledged by Kafka, of those sent. */
  acknowledged: number;
  /** When the space was freed (Date.now()). */
  freedAt: number;
}

/**
 * The stream that meets a full database, the one way mariadb-full and mariadb-disk-full run
 * it: a tenth of `events` synthetic prizes is stored first; the database is made full; the
 * rest is sent, and the fault held `fullMs` while the sink's /readyz is polled (a sink that
 * exits fails it); then the space is freed and the sink awaited until it has caught up.
 */
export async function streamThroughFullDatabase(
  context: ScenarioContext,
  pipeline: ScenarioPipeline,
  size: { fullMs: number; events: number },
  database: FullDatabase,
): Promise<FullMidStream> {
  const { processes } = pipeline;
  const topic = processes.topics.prizes;
  const messages = await encodePrizes(
    context.config.test.registry.url,
    topic,
    syntheticPrizes(size.events, { seed: Math.floor(context.random() * 1e9) }),
  );
  // A tenth stored first; the rest is sent only once the database is full, so that the sink
  // meets the fault whatever its speed.
  const first = Math.ceil(size.events / 10);
  const before = streamRecords(context.kafka, topic, messages.slice(0, first), 100);
  await before.done;
  await until(
    pipeline,
    `${first} prizes stored`,
    async () => (await pipeline.prizeRows()) >= first,
  );
  let after: PrizeStream | undefined;
  const readyz: number[] = [];
  let rowsAtFull = 0;
  let rowsAtEnd = 0;
  let freedAt: number;
  try {
    await database.fill();
    rowsAtFull = await pipeline.prizeRows().catch(() => -1);
    after = streamRecords(context.kafka, topic, messages.slice(first), 100);
    await holdFor(size.fullMs, async () => {
      pipeline.assertAlive();
      database.watch?.();
      const res = await fetch(`${processes.sinkUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      readyz.push(res.status);
    });
    rowsAtEnd = await pipeline.prizeRows().catch(() => -1);
  } finally {
    await database.free();
    freedAt = Date.now();
  }
  await after?.done;
  await until(
    pipeline,
    'the sink caught up after the database was full',
    () => pipeline.sinkCaughtUp(),
    300_000,
  );
  return {
    storedBefore: first,
    rowsAtFull,
    rowsAtEnd,
    readyz,
    acknowledged: before.acknowledged() + (after?.acknowledged() ?? 0),
    freedAt,
  };
}
