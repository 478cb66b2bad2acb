import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { wholeArgument } from '@nobel-pipeline/common';
import {
  createPrizeWriter,
  createSequelize,
  defineModels,
  migrate,
  prizeRows,
  type RawConnection,
} from '@nobel-pipeline/db';
import { createTestDatabase, loadTestConfig, syntheticPrizes } from '@nobel-pipeline/test-utils';

/**
 * The sink's writer alone, without Kafka: where its database time goes, statement by statement.
 *
 *   npm run bench:writer [-- --batches 20 --batch-size 1500] [--json <file>]
 *
 * Writes `--batches` batches of `--batch-size` synthetic prize events (1–3 laureates each)
 * through the sink's writer into a fresh database (insert), then the same keys an hour newer
 * with changed values (update), timing each statement the writer sends on its connection,
 * summed by the statement's first words. The events are made before each pass is timed. Needs
 * the stack's MariaDB; drops its database at the end.
 */

type Timings = Map<string, number>;

/** The statement's kind: its first words, without the values. */
function statementKind(method: string, sql: string): string {
  const words = sql.replace(/\s+/g, ' ').trim();
  const match = /^(INSERT INTO \S+|DELETE FROM \S+|SELECT .*? FROM \S+|\S+)/i.exec(words);
  return `${method} ${(match?.[1] ?? words).replace(/SELECT .*? FROM/i, 'SELECT … FROM')}`;
}

/** Times every query() and batch() of a driver connection, once per connection. */
function timeStatements(connection: RawConnection, timings: () => Timings): void {
  for (const method of ['query', 'batch'] as const) {
    const original = connection[method].bind(connection);
    // The driver's connection, given by Sequelize's hook: its two methods wrapped in place.
    (connection as unknown as Record<string, unknown>)[method] = async (
      sql: string | { sql: string },
      values?: unknown,
    ) => {
      const kind = statementKind(method, typeof sql === 'string' ? sql : sql.sql);
      const started = performance.now();
      try {
        // The wrapped method takes what the writer gives it, unchanged.
        return await (original as (s: unknown, v?: unknown) => Promise<unknown>)(sql, values);
      } finally {
        const t = timings();
        t.set(kind, (t.get(kind) ?? 0) + performance.now() - started);
      }
    };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      batches: { type: 'string', default: '20' },
      'batch-size': { type: 'string', default: '1500' },
      json: { type: 'string' },
    },
  });
  const batches = wholeArgument('--batches', values.batches, 1, 10_000);
  const size = wholeArgument('--batch-size', values['batch-size'], 1, 100_000);
  const database = await createTestDatabase(loadTestConfig().db);
  const sequelize = createSequelize({ config: database.config });
  let timings: Timings = new Map();
  const wrapped = new WeakSet<object>();
  sequelize.addHook('afterPoolAcquire', (connection: unknown) => {
    // Sequelize hands the hook the pool's driver connection (what the writer's transaction runs on).
    const raw = connection as RawConnection;
    if (wrapped.has(raw)) return;
    wrapped.add(raw);
    timeStatements(raw, () => timings);
  });
  const report: Record<string, unknown> = { batches, batchSize: size };
  try {
    await migrate(sequelize);
    const writer = createPrizeWriter(sequelize, defineModels(sequelize));
    process.stdout.write(
      `Writer statements: ${batches} batches of ${size.toLocaleString('en-US')} synthetic prize events, the sink's writer alone (no Kafka)\n`,
    );
    for (const pass of ['insert', 'update'] as const) {
      const later = pass === 'update' ? 3_600_000 : 0;
      const work = Array.from({ length: batches }, (_, b) => {
        const at = new Date(Date.now() + later);
        return syntheticPrizes(size, {
          seed: b + 1 + (later > 0 ? 100_000 : 0),
          offset: b * size,
        }).map((event) => prizeRows(event, at));
      });
      timings = new Map();
      const started = performance.now();
      for (const prizes of work) await writer.write({ prizes, runs: [] });
      const ms = performance.now() - started;
      const inStatements = [...timings.values()].reduce((a, b) => a + b, 0);
      process.stdout.write(
        `\n  ${pass}: ${(ms / 1000).toFixed(2)} s, ${Math.round(((batches * size) / ms) * 1000).toLocaleString('en-US')} events/s; ` +
          `statements ${((100 * inStatements) / ms).toFixed(0)}% of it:\n`,
      );
      for (const [kind, t] of [...timings].sort((a, b) => b[1] - a[1]))
        process.stdout.write(
          `    ${t.toFixed(0).padStart(7)} ms  ${((100 * t) / inStatements).toFixed(1).padStart(5)}%  ${kind}\n`,
        );
      report[pass] = {
        ms,
        eventsPerSecond: ((batches * size) / ms) * 1000,
        statementsMs: Object.fromEntries(timings),
      };
    }
    process.stdout.write('\n');
    if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(report, null, 2));
  } finally {
    await sequelize.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
