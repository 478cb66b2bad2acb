import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import * as mariadb from 'mariadb';
import { Partitioners } from 'kafkajs';
import { QueryTypes, Transaction, type Sequelize } from 'sequelize';
import {
  createKafkaClient,
  createLogger,
  dbEnv,
  dbMigrateEnv,
  migrateAccount,
  loadEnv,
  parseEnv,
  serviceEnv,
  toDbConfig,
  toServiceConfig,
  type DbConfig,
} from '@nobel-pipeline/common';
import {
  createPrizeWriter,
  createSequelize,
  defineModels,
  migrate,
  prizeRows,
  upsertShape,
  upsertStatement,
  type LaureateRow,
  type Models,
  type PrizeLaureateRow,
  type PrizeRow,
  type PrizeRows,
  type PrizeWriter,
  type WriteBatch,
} from '@nobel-pipeline/db';
import { createCodec, loadContracts } from '@nobel-pipeline/schemas';
import { createSinkConsumer } from '../consumer';
import { createDlq } from '@nobel-pipeline/common';
import { createPartitionHealth } from '../partition-health';
import { createSinkMetrics } from '../metrics';
import { syntheticPrizes } from './synthetic';

/**
 * The sink's throughput, and the database's own limit for the same rows.
 *
 *   npm run bench:sink [-- --events 200000]
 *
 * 1. Produces N synthetic prize events (1-3 laureates each, all keys distinct) to a fresh
 *    3-partition topic, then runs the sink's consumer, in this process, into a fresh database,
 *    timing from its first write to its last commit (events/s, rows/s per table, peak RSS).
 * 2. Empties the tables and upserts the same rows, in the same batch sizes the sink used, with
 *    the mariadb driver alone: one multi-row INSERT … ON DUPLICATE KEY UPDATE per table through
 *    query(), and the same statement through batch(); then with Sequelize's bulkCreate
 *    ({ updateOnDuplicate }), the ORM's own bulk path.
 * 3. Prints each, and the sink's ratio to the fastest.
 *
 * Needs the stack up. Creates and drops a `<DB_NAME>_test_*` database and two topics.
 */

type Tables = 'prizes' | 'laureates' | 'prize_laureates';

function rowCounts(batches: readonly PrizeRows[][]): Record<Tables, number> {
  let prizes = 0;
  let laureates = 0;
  let entries = 0;
  for (const batch of batches) {
    prizes += batch.length;
    laureates += new Set(batch.flatMap((p) => p.laureates.map((l) => l.id))).size;
    entries += batch.reduce((n, p) => n + p.entries.length, 0);
  }
  return { prizes, laureates, prize_laureates: entries };
}

async function emptyTables(sequelize: Sequelize): Promise<void> {
  for (const statement of [
    'SET FOREIGN_KEY_CHECKS = 0',
    'TRUNCATE prize_laureates',
    'TRUNCATE laureates',
    'TRUNCATE prizes',
    'SET FOREIGN_KEY_CHECKS = 1',
  ]) {
    await sequelize.query(statement, { type: QueryTypes.UPDATE });
  }
}

/** Unique laureates of a batch (the statement must not name one twice... it may: ON DUPLICATE handles it, but the sink dedupes, so do we). */
function batchRows(batch: PrizeRows[]) {
  const laureates = new Map(batch.flatMap((p) => p.laureates.map((l) => [l.id, l] as const)));
  return {
    prizes: batch.map((p) => p.prize),
    laureates: [...laureates.values()],
    entries: batch.flatMap((p) => p.entries),
  };
}

async function timeRaw(
  db: DbConfig,
  models: Models,
  batches: PrizeRows[][],
  mode: 'query' | 'batch',
): Promise<number> {
  const connection = await mariadb.createConnection({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    timezone: 'Z',
  });
  const shapes = {
    prizes: upsertShape(models.Prize),
    laureates: upsertShape(models.Laureate),
    entries: upsertShape(models.PrizeLaureate),
  };
  const started = performance.now();
  try {
    for (const batch of batches) {
      const rows = batchRows(batch);
      await connection.beginTransaction();
      for (const [shape, list] of [
        [shapes.prizes, rows.prizes],
        [shapes.laureates, rows.laureates],
        [shapes.entries, rows.entries],
      ] as const) {
        if (list.length === 0) continue;
        if (mode === 'query') {
          for (let i = 0; i < list.length; i += 500) {
            const { sql, values } = upsertStatement(shape, list.slice(i, i + 500));
            await connection.query(sql, values);
          }
        } else {
          const { sql, values } = upsertStatement(shape, [list[0] as object]);
          const width = values.length;
          const all = upsertStatement(shape, list).values;
          const rowsOfValues: unknown[][] = [];
          for (let i = 0; i < all.length; i += width) rowsOfValues.push(all.slice(i, i + width));
          await connection.batch(sql, rowsOfValues);
        }
      }
      await connection.commit();
    }
  } finally {
    await connection.end();
  }
  return performance.now() - started;
}

async function timeBulkCreate(
  sequelize: Sequelize,
  models: Models,
  batches: PrizeRows[][],
): Promise<number> {
  const started = performance.now();
  for (const batch of batches) {
    const rows = batchRows(batch);
    await sequelize.transaction(
      { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED },
      async (transaction) => {
        // Every column but the primary key is updated on a duplicate, as in the sink's statements.
        const update = <Row extends object>(model: {
          getAttributes(): Record<string, { primaryKey?: boolean }>;
        }) =>
          Object.entries(model.getAttributes())
            .filter(([, a]) => a.primaryKey !== true)
            .map(([name]) => name) as (keyof Row)[];
        await models.Prize.bulkCreate(rows.prizes, {
          transaction,
          updateOnDuplicate: update<PrizeRow>(models.Prize),
        });
        await models.Laureate.bulkCreate(rows.laureates, {
          transaction,
          updateOnDuplicate: update<LaureateRow>(models.Laureate),
        });
        await models.PrizeLaureate.bulkCreate(rows.entries, {
          transaction,
          updateOnDuplicate: update<PrizeLaureateRow>(models.PrizeLaureate),
        });
      },
    );
  }
  return performance.now() - started;
}

function line(label: string, ms: number, rows: Record<Tables, number>, events?: number): string {
  const total = rows.prizes + rows.laureates + rows.prize_laureates;
  const perSecond = (n: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
  return `  ${label.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${perSecond(total).padStart(9)} rows/s${events === undefined ? '' : `  ${perSecond(events).padStart(8)} events/s`}  (prizes ${perSecond(rows.prizes)}, laureates ${perSecond(rows.laureates)}, prize_laureates ${perSecond(rows.prize_laureates)} /s)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '200000' },
      concurrency: { type: 'string', default: '3' },
    },
  });
  const n = Number(values.events);
  const env = parseEnv({ ...serviceEnv, ...dbEnv, ...dbMigrateEnv }, loadEnv().env);
  const base = toServiceConfig(env, 'bench-sink');
  // The migration account: it creates, migrates and drops the benchmark's own database.
  const dbBase = toDbConfig(env, migrateAccount(env));
  const logger = createLogger({ name: 'bench', level: 'warn' });
  const kafka = createKafkaClient({ config: base.kafka, logger });
  const admin = kafka.admin();
  await admin.connect();
  const suffix = randomUUID().slice(0, 8);
  const topics = { prizes: `bench.sink.prizes.${suffix}`, runs: `bench.sink.runs.${suffix}` };
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: topics.prizes,
        numPartitions: 3,
        replicationFactor: 1,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
      { topic: topics.runs, numPartitions: 1, replicationFactor: 1 },
    ],
  });
  const database = `${dbBase.database}_test_bench_${suffix}`;
  const adminDb = createSequelize({ config: { ...dbBase, database: '' } });
  await adminDb.query(
    `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    { type: QueryTypes.UPDATE },
  );
  const db = { ...dbBase, database };
  const sequelize = createSequelize({ config: db });
  await migrate(sequelize);
  const models = defineModels(sequelize);
  const registry = new SchemaRegistry({ host: base.registry.url });
  const codec = createCodec({ registry });
  const contracts = loadContracts();

  try {
    process.stdout.write(
      `Producing ${n.toLocaleString('en-US')} synthetic prize events to ${topics.prizes}...\n`,
    );
    // Generated chunk by chunk (deterministically), so that the harness holds little memory
    // while the sink runs and the peak RSS is the sink's own.
    const chunkSize = 2000;
    const chunk = (i: number) =>
      syntheticPrizes(Math.min(chunkSize, n - i * chunkSize), {
        seed: i + 1,
        offset: i * chunkSize,
      });
    const chunks = Math.ceil(n / chunkSize);
    const encoder = codec.encoder(contracts.nobelPrize, topics.prizes);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const t = performance.now();
    for (let i = 0; i < chunks; i++) {
      await producer.send({
        topic: topics.prizes,
        acks: -1,
        messages: await Promise.all(
          chunk(i).map(async (e) => ({ key: e.id, value: await encoder.encode(e) })),
        ),
      });
    }
    await producer.disconnect();
    process.stdout.write(`  produced in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);

    // 1. The sink, in this process, with its own consumer, writer and metrics.
    const writer = createPrizeWriter(sequelize, models);
    const batchSizes: number[] = [];
    let firstWrite = 0;
    const timedWriter: PrizeWriter = {
      write: async (batch: WriteBatch) => {
        if (firstWrite === 0) firstWrite = Date.now();
        batchSizes.push(batch.prizes.length);
        return writer.write(batch);
      },
    };
    const metrics = createSinkMetrics({ defaultMetrics: false });
    const groupId = `bench-sink-${suffix}`;
    const consumer = createSinkConsumer({
      kafka,
      groupId,
      topics: [topics.prizes, topics.runs],
      maxBytesPerPartition: 1_048_576,
      partitionsConcurrently: Number(values.concurrency),
      decoders: {
        prizes: { topic: topics.prizes, decoder: codec.decoder(contracts.nobelPrize) },
        runs: { topic: topics.runs, decoder: codec.decoder(contracts.fetchRun) },
        // Not produced by this benchmark: nothing arrives on it.
        laureates: {
          topic: `${topics.prizes}-laureates`,
          decoder: codec.decoder(contracts.nobelLaureate),
        },
      },
      writer: timedWriter,
      dlq: createDlq({ producer: { send: async () => [] }, topic: 'unused' }),
      metrics,
      logger,
      retry: { initialMs: 500, maxMs: 5000 },
      health: createPartitionHealth({ stuckAfterMs: 60_000, gauge: metrics.partitionRetrying }),
      onProgrammerError: (error) => {
        throw error;
      },
    });
    let peakRss = 0;
    const sampler = setInterval(
      () => (peakRss = Math.max(peakRss, process.memoryUsage().rss)),
      100,
    );
    await consumer.start();
    const done = async () => {
      const committed = await admin.fetchOffsets({ groupId, topics: [topics.prizes] });
      const ends = await admin.fetchTopicOffsets(topics.prizes);
      return ends.every(
        (e) => committed[0]?.partitions.find((p) => p.partition === e.partition)?.offset === e.high,
      );
    };
    while (!(await done())) await new Promise((r) => setTimeout(r, 200));
    clearInterval(sampler);
    await consumer.stop();
    // The gauge holds the wall-clock time of the last commit.
    const lastCommit = ((await metrics.lastCommit.get()).values[0]?.value ?? 0) * 1000;
    const sinkMs = lastCommit - firstWrite;

    // The same rows, in the same batches, for the raw paths.
    const now = new Date();
    const rows = Array.from({ length: chunks }, (_, i) => chunk(i))
      .flat()
      .map((e) => prizeRows(e, now));
    const batches: PrizeRows[][] = [];
    let at = 0;
    for (const size of batchSizes) {
      batches.push(rows.slice(at, at + size));
      at += size;
    }
    const counts = rowCounts(batches);
    const [stored] = await sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM prizes', {
      type: QueryTypes.SELECT,
    });

    await emptyTables(sequelize);
    const rawQuery = await timeRaw(db, models, batches, 'query');
    await emptyTables(sequelize);
    const rawBatch = await timeRaw(db, models, batches, 'batch');
    await emptyTables(sequelize);
    const bulkCreate = await timeBulkCreate(sequelize, models, batches);

    const fastest = Math.min(rawQuery, rawBatch);
    process.stdout.write(
      `\nSink benchmark: ${n.toLocaleString('en-US')} events, ${batches.length} batches (mean ${(n / batches.length).toFixed(0)} events), ` +
        `${(counts.prizes + counts.laureates + counts.prize_laureates).toLocaleString('en-US')} rows, ${Number(stored?.n).toLocaleString('en-US')} prizes stored by the sink\n\n` +
        `${line('sink: Kafka → decode → validate → upsert → commit', sinkMs, counts, n)}\n` +
        `${line('raw mariadb query(): multi-row INSERT … ON DUPLICATE', rawQuery, counts)}\n` +
        `${line('raw mariadb batch(): the same statement, bulk', rawBatch, counts)}\n` +
        `${line('Sequelize bulkCreate({ updateOnDuplicate })', bulkCreate, counts)}\n\n` +
        `  sink / fastest raw path:        ${(fastest / sinkMs).toFixed(2)}×\n` +
        `  bulkCreate / fastest raw path:  ${(fastest / bulkCreate).toFixed(2)}×\n` +
        `  peak RSS during the sink run:   ${(peakRss / 1024 / 1024).toFixed(0)} MiB\n\n`,
    );
  } finally {
    await sequelize.close();
    await adminDb.query(`DROP DATABASE IF EXISTS \`${database}\``, { type: QueryTypes.UPDATE });
    await adminDb.close();
    await admin.deleteTopics({ topics: [topics.prizes, topics.runs] }).catch(() => undefined);
    await admin.deleteGroups([`bench-sink-${suffix}`]).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
