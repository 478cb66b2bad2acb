import { connectAsApp } from '@nobel-pipeline/test-utils';
import { FULL_SINK_ENV, streamThroughFullDatabase } from '../pipeline/full-mid-stream';
import { withPipeline } from '../pipeline/pipeline';
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
 * db's tests. The sink must wait (partition paused, /readyz stuck), write nothing to the DLQ,
 * and store every prize once space is "freed" (the triggers dropped).
 */
async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? MARIADB_FULL_SIZES.short : MARIADB_FULL_SIZES.full;
  return withPipeline(context, 'mariadb-full', FULL_SINK_ENV, async (pipeline) => {
    const db = pipeline.processes.database.config;
    const stream = await streamThroughFullDatabase(context, pipeline, size, {
      async fill() {
        context.log('the prizes table is full from now on');
        const conn = await connectAsApp(db);
        try {
          for (const event of ['INSERT', 'UPDATE'])
            await conn.query(
              `CREATE TRIGGER faults_full_${event.toLowerCase()} BEFORE ${event} ON prizes FOR EACH ROW ${FULL}`,
            );
        } finally {
          await conn.end();
        }
      },
      async free() {
        context.log('space freed (the triggers dropped)');
        const conn = await connectAsApp(db);
        try {
          await conn.query('DROP TRIGGER IF EXISTS faults_full_insert');
          await conn.query('DROP TRIGGER IF EXISTS faults_full_update');
        } finally {
          await conn.end();
        }
      },
    });
    const recoverySeconds = (Date.now() - stream.freedAt) / 1000;
    const check = await pipeline.checker.check();
    const failures: string[] = [];
    if (stream.rowsAtEnd !== stream.rowsAtFull)
      failures.push(
        `${stream.rowsAtEnd - stream.rowsAtFull} prizes were written into a full table`,
      );
    if (!stream.readyz.includes(503))
      failures.push(`the sink's /readyz never said it was stuck while the table was full`);
    if (stream.acknowledged !== size.events)
      failures.push(`${stream.acknowledged} of ${size.events} prize records acknowledged`);
    return outcomeOf(check, {
      injected: `prizes table full ${size.fullMs / 1000} s mid-stream of ${size.events} events`,
      recoverySeconds,
      failures,
      details: {
        storedBeforeFull: stream.storedBefore,
        readyz: {
          ok: stream.readyz.filter((s) => s === 200).length,
          stuck: stream.readyz.filter((s) => s === 503).length,
        },
      },
    });
  });
}

export const mariadbFull: Scenario = {
  name: 'mariadb-full',
  description:
    'the sink\'s database answers "the table is full" (ER_RECORD_FILE_FULL) mid-stream; the sink waits with /readyz stuck, sends nothing to the DLQ, and stores every prize once space is freed',
  needs: { brokers: { min: 1 }, snapshot: true },
  inShortRun: true,
  run,
};
