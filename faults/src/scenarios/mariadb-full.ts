import { connectAsApp, syntheticPrizes } from '@nobel-pipeline/test-utils';
import { holdFor } from '../pipeline/outage';
import { until, withPipeline } from '../pipeline/pipeline';
import { encodePrizes, streamRecords, type PrizeStream } from '../pipeline/prize-stream';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

export const MARIADB_FULL_SIZES = {
  full: { fullMs: 60_000, events: 10_000 },
  short: { fullMs: 15_000, events: 2_000 },
} as const;

/** The server's answer to a write into a full table: ER_RECORD_FILE_FULL, "The table is full". */
const FULL = "SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 1114, MESSAGE_TEXT = 'The table is full'";

/**
 * The sink's database full mid-stream. The server answers every write to `prizes` as a full
 * table does (ER_RECORD_FILE_FULL, through triggers that SIGNAL it): it needs no mount, so it
 * runs wherever the suite does, on any MariaDB; mariadb-disk-full fills a real filesystem
 * where the suite may mount one, and a real full table's error is classified the same way in
 * db's tests. The sink must wait (partition paused, /readyz stuck), write nothing to the DLQ, and
 * store every prize once space is "freed" (the triggers dropped).
 */
async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? MARIADB_FULL_SIZES.short : MARIADB_FULL_SIZES.full;
  const env = {
    SINK_RETRY_MAX_MS: '2000',
    SINK_MAX_BYTES_PER_PARTITION: '65536',
    // Stuck soon, so that /readyz says so within the fault.
    SINK_STUCK_AFTER_SECONDS: '5',
  };
  return withPipeline(context, 'mariadb-full', env, async (pipeline) => {
    const { processes } = pipeline;
    const topic = processes.topics.prizes;
    const messages = await encodePrizes(
      context.config.test.registry.url,
      topic,
      syntheticPrizes(size.events, { seed: Math.floor(context.random() * 1e9) }),
    );
    // A tenth stored first; the rest is sent only once the table is full, so that the sink
    // meets the full table whatever its speed.
    const first = Math.ceil(size.events / 10);
    const before = streamRecords(context.kafka, topic, messages.slice(0, first), 100);
    await before.done;
    await until(
      pipeline,
      `${first} prizes stored`,
      async () => (await pipeline.prizeRows()) >= first,
    );
    let after: PrizeStream | undefined;
    const conn = await connectAsApp(processes.database.config);
    const failures: string[] = [];
    let readyzAnswers: number[] = [];
    let lifted = Date.now();
    try {
      context.log('the prizes table is full from now on');
      await conn.query(
        `CREATE TRIGGER faults_full_insert BEFORE INSERT ON prizes FOR EACH ROW ${FULL}`,
      );
      await conn.query(
        `CREATE TRIGGER faults_full_update BEFORE UPDATE ON prizes FOR EACH ROW ${FULL}`,
      );
      const rowsAtFull = await pipeline.prizeRows();
      after = streamRecords(context.kafka, topic, messages.slice(first), 100);
      const answers: number[] = [];
      await holdFor(size.fullMs, async () => {
        pipeline.assertAlive();
        const res = await fetch(`${processes.sinkUrl}/readyz`, {
          signal: AbortSignal.timeout(2000),
        });
        answers.push(res.status);
      });
      readyzAnswers = answers;
      const rowsAtEnd = await pipeline.prizeRows();
      if (rowsAtEnd !== rowsAtFull)
        failures.push(`${rowsAtEnd - rowsAtFull} prizes were written into a full table`);
      if (!answers.includes(503))
        failures.push(`the sink's /readyz never said it was stuck while the table was full`);
    } finally {
      context.log('space freed (the triggers dropped)');
      try {
        await conn.query('DROP TRIGGER IF EXISTS faults_full_insert');
        await conn.query('DROP TRIGGER IF EXISTS faults_full_update');
      } finally {
        await conn.end();
      }
      lifted = Date.now();
    }
    await after?.done;
    await until(
      pipeline,
      'the sink caught up after the table was full',
      () => pipeline.sinkCaughtUp(),
      300_000,
    );
    const recoverySeconds = (Date.now() - lifted) / 1000;
    const check = await pipeline.checker.check();
    const acknowledged = before.acknowledged() + (after?.acknowledged() ?? 0);
    if (acknowledged !== size.events)
      failures.push(`${acknowledged} of ${size.events} prize records acknowledged`);
    return outcomeOf(check, {
      injected: `prizes table full ${size.fullMs / 1000} s mid-stream of ${size.events} events`,
      recoverySeconds,
      failures,
      details: {
        storedBeforeFull: first,
        readyz: {
          ok: readyzAnswers.filter((s) => s === 200).length,
          stuck: readyzAnswers.filter((s) => s === 503).length,
        },
      },
    });
  });
}

export const mariadbFull: Scenario = {
  name: 'mariadb-full',
  description:
    'the sink\'s database answers "the table is full" (ER_RECORD_FILE_FULL) mid-stream; the sink waits with /readyz stuck, sends nothing to the DLQ, and stores every prize once once space is freed',
  needs: { brokers: { min: 1 }, snapshot: true },
  inShortRun: true,
  run,
};
