import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsApp, type TestDatabase } from '@nobel-pipeline/test-utils';
import { FULL_SINK_ENV, streamThroughFullDatabase } from '../pipeline/full-mid-stream';
import { withPipeline } from '../pipeline/pipeline';
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
    // The driver returns rows as plain objects: the one column asked for.
    const rows = (await conn.query('SELECT @@datadir AS dir')) as { dir: string }[];
    const dir = rows[0]?.dir;
    if (dir === undefined) throw new Error('the server did not say where its data directory is');
    return dir;
  } finally {
    await conn.end();
  }
}

/** Drops the database's tables: their files, on the small filesystem, go with them. */
async function dropTables(database: TestDatabase): Promise<void> {
  const conn = await connectAsApp(database.config);
  try {
    // The driver returns rows as plain objects: the one column asked for.
    const rows = (await conn.query(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?',
      [database.config.database],
    )) as { name: string }[];
    await conn.query('SET FOREIGN_KEY_CHECKS = 0');
    // Names read from the server's own catalogue, quoted as identifiers.
    for (const { name } of rows)
      await conn.query(`DROP TABLE IF EXISTS \`${name.replace(/`/g, '``')}\``);
  } finally {
    await conn.end();
  }
}

/**
 * Mounts a roomy tmpfs over the database's directory (before its tables exist), keeping the
 * database's options file; returns what undoes it, which the pipeline's stop calls once every
 * service has stopped and before the database is dropped: the tables go (their files are on
 * the tmpfs), then the mount; a mount still busy is detached (umount -l), so that nothing is
 * ever left mounted over the server's data directory.
 */
async function mountOver(
  context: ScenarioContext,
  database: TestDatabase,
  mounted: (dir: string) => void,
): Promise<() => Promise<void>> {
  const dir = join(await dataDirectory(database), database.config.database);
  if (!existsSync(dir)) throw new Error(`${dir}: the database's directory is not on this machine`);
  const options = join(dir, 'db.opt');
  const dbOpt = existsSync(options) ? readFileSync(options) : undefined;
  await mountTmpfs(dir, ROOMY);
  try {
    if (dbOpt !== undefined) writeFileSync(options, dbOpt);
  } catch (error) {
    await unmount(dir, { lazy: true });
    throw error;
  }
  mounted(dir);
  context.log(`a tmpfs of ${ROOMY / 2 ** 20} MiB mounted over the database's directory`);
  return async () => {
    await dropTables(database).catch((error: unknown) =>
      context.log(`clean-up: the tables on the tmpfs: ${String(error)}`),
    );
    await unmount(dir).catch(async (error: unknown) => {
      context.log(`clean-up: ${String(error)}; detaching it instead (umount -l)`);
      await unmount(dir, { lazy: true });
    });
  };
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
 * or the server's death. (Unlike mariadb-full it cannot assert that no row was written while
 * full: InnoDB fills the pages it has already allocated first.)
 */
async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const size = context.short ? MARIADB_DISK_FULL_SIZES.short : MARIADB_DISK_FULL_SIZES.full;
  let dir: string | undefined;
  return withPipeline(
    context,
    'mariadb-disk-full',
    FULL_SINK_ENV,
    async (pipeline) => {
      const { processes } = pipeline;
      const mount = dir;
      if (mount === undefined) throw new Error("the database's directory was not mounted");
      const mariadb = context.stack.component('mariadb');
      let died = false;
      let used = 0;
      const stream = await streamThroughFullDatabase(context, pipeline, size, {
        async fill() {
          used = usedBytes(mount);
          await resizeTmpfs(mount, used + LEFT_WHEN_FULL);
          context.log(
            `the disk is full: ${(used / 2 ** 20).toFixed(1)} MiB used, ${LEFT_WHEN_FULL / 1024} KiB left`,
          );
        },
        watch() {
          if (died || mariadb.pid() !== undefined) return;
          died = true;
          context.log('MariaDB died on the full disk (its log says why); down until there is room');
        },
        async free() {
          try {
            await resizeTmpfs(mount, ROOMY);
            context.log(`space freed: ${ROOMY / 2 ** 20} MiB again`);
          } finally {
            // A server that died on the full disk is started again, as its supervisor would
            // once the disk has room (InnoDB recovers from its redo log).
            died ||= mariadb.pid() === undefined;
            if (died) await mariadb.up();
          }
        },
      });
      const recoverySeconds = (Date.now() - stream.freedAt) / 1000;
      const fullErrors = await dbErrors(processes.sinkUrl, 'full');
      const check = await pipeline.checker.check();
      const failures: string[] = [];
      if (fullErrors === 0 && !died)
        failures.push('the sink never met the full disk (no "full" error, the server up)');
      if (!stream.readyz.includes(503))
        failures.push(`the sink's /readyz never said it was stuck while the disk was full`);
      if (stream.acknowledged !== size.events)
        failures.push(`${stream.acknowledged} of ${size.events} prize records acknowledged`);
      return outcomeOf(check, {
        injected: `the database's disk full ${size.fullMs / 1000} s mid-stream of ${size.events} events (tmpfs)`,
        recoverySeconds,
        failures,
        details: {
          storedBeforeFull: stream.storedBefore,
          usedAtFullBytes: used,
          fullErrors,
          serverDied: died,
          readyz: {
            ok: stream.readyz.filter((s) => s === 200).length,
            stuck: stream.readyz.filter((s) => s === 503).length,
          },
        },
      });
    },
    {
      onDatabase: (database) =>
        mountOver(context, database, (mounted) => {
          dir = mounted;
        }),
    },
  );
}

export const mariadbDiskFull: Scenario = {
  name: 'mariadb-disk-full',
  description:
    "a real full disk under the sink's database (a tmpfs over its directory, shrunk mid-stream): the sink waits with /readyz stuck, sends nothing to the DLQ, and stores every prize once the disk is grown",
  needs: { brokers: { min: 1 }, ownedServers: ['mariadb'], mount: true, snapshot: true },
  inShortRun: true,
  run,
};
