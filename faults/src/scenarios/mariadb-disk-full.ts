import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsApp, syntheticPrizes, type TestDatabase } from '@nobel-pipeline/test-utils';
import { holdFor } from '../pipeline/outage';
import { until, withPipeline, type ScenarioPipeline } from '../pipeline/pipeline';
import { encodePrizes, streamRecords, type PrizeStream } from '../pipeline/prize-stream';
import { mountTmpfs, resizeTmpfs, unmount, usedBytes } from '../pipeline/tmpfs';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

export const MARIADB_DISK_FULL_SIZES = {
  full: { fullMs: 60_000, events: 10_000 },
  short: { fullMs: 15_000, events: 2_000 },
} as const;

/** The room the database's filesystem has before the fault, and what is left at the fault. */
const ROOMY = 512 * 1024 * 1024;
const LEFT_WHEN_FULL = 256 * 1024;

/** The sink's failed writes of a kind, from its /metrics (sink_db_errors_total{kind}). */
async function dbErrors(sinkUrl: string, kind: string): Promise<number> {
  const response = await fetch(`${sinkUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  const line = text.split('\n').find((l) => l.startsWith(`sink_db_errors_total{kind="${kind}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

/** The server's data directory (the stack's own MariaDB: a directory of this machine). */
async function dataDirectory(database: TestDatabase): Promise<string> {
  const conn = await connectAsApp(database.config);
  try {
    const rows = (await conn.query('SELECT @@datadir AS dir')) as { dir: string }[];
    const dir = rows[0]?.dir;
    if (dir === undefined) throw new Error('the server did not say where its data directory is');
    return dir;
  } finally {
    await conn.end();
  }
}

/** Drops the database's tables (their files on the small filesystem go with them). */
async function dropTables(database: TestDatabase): Promise<void> {
  const conn = await connectAsApp(database.config);
  try {
    const rows = (await conn.query(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?',
      [database.config.database],
    )) as { name: string }[];
    await conn.query('SET FOREIGN_KEY_CHECKS = 0');
    // Names read from the server's own catalogue, quoted as identifiers.
    for (const { name } of rows) await conn.query(`DROP TABLE \`${name.replace(/`/g, '``')}\``);
  } finally {
    await conn.end();
  }
}

/**
 * A real full disk under the sink's database. The stack's own MariaDB keeps each table in a
 * file of the database's directory (innodb_file_per_table): the scenario mounts a tmpfs over
 * that directory before the sink's migrations create the tables, lets a tenth of the stream
 * land, then shrinks the filesystem to what it holds plus 256 KiB. InnoDB's next extension of
 * a table's file fails with ENOSPC, and the server answers "The table is full" (1114) — or,
 * as MariaDB 10.11 did here, dies (InnoDB: "Out of disk space in rollback", a FATAL error):
 * it is then started again once the disk has room, as a supervisor would. The sink must wait
 * (/readyz stuck), write nothing to the DLQ, and store every prize once the filesystem is
 * grown again. It asserts that the fault was met: the sink's sink_db_errors_total{kind="full"},
 * or the server's death.
 */
async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? MARIADB_DISK_FULL_SIZES.short : MARIADB_DISK_FULL_SIZES.full;
  const env = {
    SINK_RETRY_MAX_MS: '2000',
    SINK_MAX_BYTES_PER_PARTITION: '65536',
    SINK_STUCK_AFTER_SECONDS: '5',
  };
  let mounted: string | undefined;
  const onDatabase = async (database: TestDatabase) => {
    const dir = join(await dataDirectory(database), database.config.database);
    if (!existsSync(dir))
      throw new Error(`${dir}: the database's directory is not on this machine`);
    // The database's options file is hidden by the mount: it is copied onto the new filesystem.
    const options = join(dir, 'db.opt');
    const dbOpt = existsSync(options) ? readFileSync(options) : undefined;
    await mountTmpfs(dir, ROOMY);
    mounted = dir;
    if (dbOpt !== undefined) writeFileSync(options, dbOpt);
    context.log(`a tmpfs of ${ROOMY / 2 ** 20} MiB mounted over the database's directory`);
  };
  try {
    return await withPipeline(
      context,
      'mariadb-disk-full',
      env,
      async (pipeline) => {
        const { processes } = pipeline;
        const dir = mounted;
        if (dir === undefined) throw new Error('the database directory was not mounted');
        try {
          return await underFullDisk(context, pipeline, dir, size);
        } finally {
          // The tables' files are on the tmpfs: the sink stops, the tables go, then the mount,
          // and the pipeline's stop drops the (now ordinary) database directory.
          await processes.running.get('sink')?.stop();
          await dropTables(processes.database);
          await unmount(dir);
          mounted = undefined;
        }
      },
      { onDatabase },
    );
  } finally {
    // Still mounted (the pipeline failed to start, or the tables could not be dropped):
    // detached, so that nothing is left mounted over the server's data directory.
    if (mounted !== undefined)
      await unmount(mounted, { lazy: true }).catch((error: unknown) =>
        context.log(`could not unmount ${mounted}: ${String(error)}`),
      );
  }
}

async function underFullDisk(
  context: ScenarioContext,
  pipeline: ScenarioPipeline,
  dir: string,
  size: { fullMs: number; events: number },
): Promise<ScenarioOutcome> {
  const { processes } = pipeline;
  const topic = processes.topics.prizes;
  const messages = await encodePrizes(
    context.config.test.registry.url,
    topic,
    syntheticPrizes(size.events, { seed: Math.floor(context.random() * 1e9) }),
  );
  // A tenth stored first; the rest is sent only once the disk is full.
  const first = Math.ceil(size.events / 10);
  const before = streamRecords(context.kafka, topic, messages.slice(0, first), 100);
  await before.done;
  await until(
    pipeline,
    `${first} prizes stored`,
    async () => (await pipeline.prizeRows()) >= first,
  );
  const failures: string[] = [];
  let after: PrizeStream | undefined;
  let readyzAnswers: number[] = [];
  let freed = Date.now();
  const used = usedBytes(dir);
  const mariadb = context.stack.component('mariadb');
  let crashed = false;
  try {
    await resizeTmpfs(dir, used + LEFT_WHEN_FULL);
    context.log(
      `the disk is full: ${(used / 2 ** 20).toFixed(1)} MiB used, ${LEFT_WHEN_FULL / 1024} KiB left`,
    );
    after = streamRecords(context.kafka, topic, messages.slice(first), 100);
    const answers: number[] = [];
    await holdFor(size.fullMs, async () => {
      pipeline.assertAlive();
      if (!crashed && mariadb.pid() === undefined) {
        crashed = true;
        context.log(
          'MariaDB died on the full disk (its log says why); it stays down until space is freed',
        );
      }
      const res = await fetch(`${processes.sinkUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      answers.push(res.status);
    });
    readyzAnswers = answers;
  } finally {
    await resizeTmpfs(dir, ROOMY);
    context.log(`space freed: ${ROOMY / 2 ** 20} MiB again`);
    // A server that died on the full disk is started again, as its supervisor would once the
    // disk has room (InnoDB recovers from its redo log).
    crashed ||= mariadb.pid() === undefined;
    if (crashed) await mariadb.up();
    freed = Date.now();
  }
  const fullErrors = await dbErrors(processes.sinkUrl, 'full');
  if (fullErrors === 0 && !crashed)
    failures.push('the sink never met the full disk (no "full" error): the fault was not injected');
  if (!readyzAnswers.includes(503))
    failures.push(`the sink's /readyz never said it was stuck while the disk was full`);
  await after?.done;
  await until(
    pipeline,
    'the sink caught up after the disk was full',
    () => pipeline.sinkCaughtUp(),
    300_000,
  );
  const recoverySeconds = (Date.now() - freed) / 1000;
  const check = await pipeline.checker.check();
  const acknowledged = before.acknowledged() + (after?.acknowledged() ?? 0);
  if (acknowledged !== size.events)
    failures.push(`${acknowledged} of ${size.events} prize records acknowledged`);
  return outcomeOf(check, {
    injected: `the database's disk full ${size.fullMs / 1000} s mid-stream of ${size.events} events (tmpfs)`,
    recoverySeconds,
    failures,
    details: {
      storedBeforeFull: first,
      usedAtFullBytes: used,
      fullErrors,
      serverDied: crashed,
      readyz: {
        ok: readyzAnswers.filter((s) => s === 200).length,
        stuck: readyzAnswers.filter((s) => s === 503).length,
      },
    },
  });
}

export const mariadbDiskFull: Scenario = {
  name: 'mariadb-disk-full',
  description:
    "a real full disk under the sink's database (a tmpfs over its directory, shrunk mid-stream): the sink waits with /readyz stuck, sends nothing to the DLQ, and stores every prize once once the disk is grown",
  needs: { brokers: { min: 1 }, ownedServers: ['mariadb'], mount: true, snapshot: true },
  inShortRun: true,
  run,
};
