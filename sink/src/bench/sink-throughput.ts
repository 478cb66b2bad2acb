import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
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
  wholeArgument,
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
import { createCodec, loadContracts, type NobelPrize } from '@nobel-pipeline/schemas';
import { createTopic, syntheticPrizes } from '@nobel-pipeline/test-utils';
// The fetcher's mapping and the mirror's scaled snapshot, for `--source real` (devDependencies:
// the benchmark only).
import { parseAsServed, sourcePrize, toNobelPrize } from '@nobel-pipeline/fetcher';
import {
  DEFAULT_SNAPSHOTS,
  hasDefaultSnapshot,
  loadSnapshot,
  MAX_SCALE,
  scaledRecordAt,
} from '@nobel-pipeline/nobel-mirror';
import { createSinkConsumer } from '../consumer';
import { createDlq, splitIntoRequests } from '@nobel-pipeline/common';
import { createPartitionHealth } from '../partition-health';
import { createSinkMetrics } from '../metrics';
import { poolSize, SINK_ENV } from '../config';
import { addProfiles, profileTable, startProfile, type ProfileShare } from './profile';
import { parseInstancesOptions, runInstancesBench } from './sink-instances';

/**
 * The sink's throughput, and the database's own limit for the same rows.
 *
 *   npm run bench:sink [-- --events N] [--partitions 3] [--concurrency 3] [--writers W] [--source synthetic|real] [--profile] [--json <file>]
 *   npm run bench:sink -- --instances 2 [--events N] [--partitions 6]   (see sink-instances.ts)
 *
 * `--writers W`: SINK_WRITERS_PER_BATCH, the transactions one batch is written in at once (the
 * sink's default when absent).
 *
 * `--source real`: the events are the real snapshot's 670 prizes, copied by the mirror's scaled
 * source (`--scale`) into distinct valid prizes (at most 670 × MAX_SCALE) and mapped by the
 * fetcher, instead of synthetic ones: the real mix of sizes, languages and laureate counts.
 *
 * 1. Insert: produces N prize events (synthetic: 1-3 laureates each; all keys distinct) to a
 *    fresh topic of `--partitions` partitions, then runs the sink's consumer, in this process,
 *    into a fresh database, timing from its first write to its last commit (events/s, rows/s
 *    per table, peak RSS).
 * 2. Update: the same N keys again, an hour newer, with changed values (what every run that
 *    finds changes publishes); the sink, resuming its group, replaces every row.
 * 3. Replay: the group reset to the earliest offsets, the sink reads all 2N events again: the
 *    first N are older than the tables (stale: nothing to write), the last N as new as them.
 * 4. The raw paths, on the same rows in the same batch sizes the sink used: the mariadb driver
 *    alone, one multi-row INSERT … ON DUPLICATE KEY UPDATE per table through query() — into
 *    empty tables (insert), then again with the update's values (update) —, the same two
 *    through batch() with the one-row statement (the binary protocol's bulk execution, what
 *    the sink's writer uses), the batch() pair again with the laureate directory (the sink's
 *    fourth table; the raw paths above write three), and Sequelize's bulkCreate
 *    ({ updateOnDuplicate }), the ORM's own bulk path.
 * 5. The sink's own writer on the same batches, one after the other, without Kafka or
 *    decoding (what the passes would take if fetching, decoding and commits cost nothing).
 * 6. Prints each, the sink's ratio to the fastest raw path for the same work, and to its writer.
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
    'TRUNCATE laureate_directory',
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

/** The sink's writer on these batches, one after the other (no Kafka, no decoding). */
async function timeWriter(writer: PrizeWriter, batches: readonly PrizeRows[][]): Promise<number> {
  const started = performance.now();
  for (const prizes of batches) {
    const written = await writer.write({ prizes, runs: [] });
    // Newer wins: a pass that wrote less than it was given would not be the same work.
    if (written.prizes !== prizes.length || written.stale !== 0)
      throw new Error(`the writer wrote ${written.prizes} of ${prizes.length} prizes`);
  }
  return performance.now() - started;
}

async function timeRaw(
  db: DbConfig,
  models: Models,
  batches: PrizeRows[][],
  mode: 'query' | 'batch',
  options: { directory?: boolean } = {},
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
      if (options.directory === true && rows.laureates.length > 0)
        // The sink's fourth table, at its cheapest: the names known here, not read back (the
        // raw path has no newer-wins to respect), one bulk statement.
        await connection.batch(
          `INSERT INTO laureate_directory (id, names_name_en, sort_name_en) VALUES (?, ?, ?)
           ON DUPLICATE KEY UPDATE names_name_en = VALUES(names_name_en),
             sort_name_en = COALESCE(details_name_en, VALUES(names_name_en))`,
          [...rows.laureates]
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .map((l) => {
              const name = l.knownNameEn ?? l.orgNameEn;
              return [l.id, name, name];
            }),
        );
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
      /** 200,000 synthetic; with --source real, all the scaled snapshot has (670 × MAX_SCALE). */
      events: { type: 'string' },
      concurrency: { type: 'string', default: '3' },
      /** 3; with --instances, 6 (two sinks own three each). */
      partitions: { type: 'string' },
      /** Compare one sink process with this many in one group (see sink-instances.ts). */
      instances: { type: 'string' },
      /** SINK_WRITERS_PER_BATCH of the sink under test (its default when absent). */
      writers: { type: 'string' },
      /** SINK_MAX_BYTES_PER_PARTITION of the sink under test (its default when absent). */
      'max-bytes': { type: 'string' },
      source: { type: 'string', default: 'synthetic' },
      /** Sample the main thread's CPU over the sink's three passes (V8's profiler). */
      profile: { type: 'boolean', default: false },
      /** Where to write the figures as JSON too (`npm run bench` collects them). */
      json: { type: 'string' },
    },
  });
  if (values.instances !== undefined) {
    const result = await runInstancesBench(
      parseInstancesOptions({
        instances: values.instances,
        events: values.events,
        partitions: values.partitions,
      }),
    );
    if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(result, null, 2));
    return;
  }
  const partitions = wholeArgument('--partitions', values.partitions ?? '3', 1, 100);
  const concurrency = wholeArgument('--concurrency', values.concurrency, 1, 100);
  // The sink's own rule for SINK_MAX_BYTES_PER_PARTITION (its default and bounds).
  const maxBytesRule = SINK_ENV.SINK_MAX_BYTES_PER_PARTITION.safeParse(values['max-bytes']);
  if (!maxBytesRule.success)
    throw new Error(`--max-bytes: ${maxBytesRule.error.issues[0]?.message ?? 'invalid'}`);
  const maxBytes = maxBytesRule.data;
  const writersRule = SINK_ENV.SINK_WRITERS_PER_BATCH.safeParse(values.writers);
  if (!writersRule.success)
    throw new Error(`--writers: ${writersRule.error.issues[0]?.message ?? 'invalid'}`);
  const writersPerBatch = writersRule.data;
  if (values.source !== 'synthetic' && values.source !== 'real')
    throw new Error(`--source: expected synthetic or real, got "${values.source}"`);
  if (values.source === 'real' && !hasDefaultSnapshot('nobelPrizes')) {
    // As the tests do without it: said, not failed (`npm run bench` records it as skipped).
    const skipped = `the recorded snapshot is absent: ${DEFAULT_SNAPSHOTS.nobelPrizes} (it lives in ../shared/nobel-api beside the repository)`;
    process.stdout.write(`Sink benchmark (--source real) skipped: ${skipped}\n`);
    if (values.json !== undefined) writeFileSync(values.json, JSON.stringify({ skipped }));
    return;
  }
  const realRecords =
    values.source === 'real' ? loadSnapshot(DEFAULT_SNAPSHOTS.nobelPrizes, 'nobelPrizes') : [];
  const n = wholeArgument(
    '--events',
    values.events ?? String(values.source === 'real' ? realRecords.length * MAX_SCALE : 200_000),
    1,
    10_000_000,
  );
  if (values.source === 'real' && n > realRecords.length * MAX_SCALE)
    throw new Error(
      `--events: the real source makes at most ${(realRecords.length * MAX_SCALE).toLocaleString('en-US')} distinct prizes (${realRecords.length} × ${MAX_SCALE}), got ${n}`,
    );
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
  // Replicated by the project's rule for this cluster, as the pipeline's own topics are.
  await createTopic(kafka, { name: topics.prizes, partitions: partitions, compacted: true });
  await createTopic(kafka, { name: topics.runs });
  const database = `${dbBase.database}_test_bench_${suffix}`;
  const adminDb = createSequelize({ config: { ...dbBase, database: '' } });
  await adminDb.query(
    `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    { type: QueryTypes.UPDATE },
  );
  const db = { ...dbBase, database };
  // Its pool as the sink's own.
  const sequelize = createSequelize({
    config: db,
    poolMax: poolSize({ partitionsConcurrently: concurrency, writersPerBatch }),
  });
  await migrate(sequelize);
  const models = defineModels(sequelize);
  const registry = new SchemaRegistry({ host: base.registry.url });
  const codec = createCodec({ registry });
  const contracts = loadContracts();

  try {
    // Generated chunk by chunk (deterministically), so that the harness holds little memory
    // while the sink runs and the peak RSS is the sink's own. The update pass: the same keys,
    // an hour newer, with a changed amount and motivations.
    const chunkSize = 2000;
    const chunks = Math.ceil(n / chunkSize);
    const chunk = (i: number, pass: 'insert' | 'update'): NobelPrize[] => {
      const size = Math.min(chunkSize, n - i * chunkSize);
      const events =
        values.source === 'real'
          ? Array.from({ length: size }, (_, k) => {
              const raw = scaledRecordAt(realRecords, i * chunkSize + k);
              return toNobelPrize(raw, parseAsServed(sourcePrize, raw), {
                fetchedAt: Date.UTC(2026, 0, 1),
                fetchRunId: 'bench',
              });
            })
          : syntheticPrizes(size, { seed: i + 1, offset: i * chunkSize });
      if (pass === 'insert') return events;
      return events.map((e) => ({
        ...e,
        fetchedAt: e.fetchedAt + 3_600_000,
        prizeAmountAdjusted: e.prizeAmountAdjusted + 1,
        laureates:
          e.laureates?.map((l) => ({
            ...l,
            motivation: { ...l.motivation, en: `${l.motivation?.en ?? ''} (updated)` },
          })) ?? null,
      }));
    };
    const encoder = codec.encoder(contracts.nobelPrize, topics.prizes);
    const produce = async (pass: 'insert' | 'update') => {
      process.stdout.write(
        `Producing ${n.toLocaleString('en-US')} ${values.source === 'real' ? 'real (scaled)' : 'synthetic'} prize events (${pass}) to ${topics.prizes}...\n`,
      );
      const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      const t = performance.now();
      for (let i = 0; i < chunks; i++) {
        const messages = await Promise.all(
          chunk(i, pass).map(async (e) => ({ key: e.id, value: await encoder.encode(e) })),
        );
        // Each request under the broker's 1 MB (one partition gets a whole chunk).
        for (const request of splitIntoRequests(messages))
          await producer.send({ topic: topics.prizes, acks: -1, messages: request });
      }
      await producer.disconnect();
      process.stdout.write(`  produced in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    };

    // The sink, in this process, with its own consumer, writer and metrics: one pass reads the
    // topic from the group's committed offsets to its end.
    const writer = createPrizeWriter(sequelize, models);
    const groupId = `bench-sink-${suffix}`;
    const runSink = async () => {
      // The batches as Kafka gave them (each written in up to `writersPerBatch` transactions):
      // the raw paths write the same batches, one transaction each.
      const batchSizes: number[] = [];
      let firstWrite = 0;
      const timedWriter: PrizeWriter = {
        write: async (batch: WriteBatch) => {
          if (firstWrite === 0) firstWrite = Date.now();
          return writer.write(batch);
        },
      };
      const metrics = createSinkMetrics({ defaultMetrics: false });
      const consumer = createSinkConsumer({
        kafka,
        groupId,
        topics: [topics.prizes, topics.runs],
        maxBytesPerPartition: maxBytes,
        partitionsConcurrently: concurrency,
        writersPerBatch,
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
        onBatch: ({ topic, records }) => {
          if (topic === topics.prizes) batchSizes.push(records);
        },
        dlq: createDlq({
          producer: { send: async () => [] },
          topic: 'unused',
          partitions: async () => 1,
        }),
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
          (e) =>
            committed[0]?.partitions.find((p) => p.partition === e.partition)?.offset === e.high,
        );
      };
      while (!(await done())) await new Promise((r) => setTimeout(r, 200));
      clearInterval(sampler);
      await consumer.stop();
      // The gauge holds the wall-clock time of the last commit.
      const lastCommit = ((await metrics.lastCommit.get()).values[0]?.value ?? 0) * 1000;
      const stale = (await metrics.stale.get()).values[0]?.value ?? 0;
      return { ms: lastCommit - firstWrite, batchSizes, peakRss, stale };
    };

    // The same rows, in the batches the sink wrote them in, for the raw paths.
    const rowsOf = (pass: 'insert' | 'update', batchSizes: readonly number[]) => {
      const now = new Date();
      const rows = Array.from({ length: chunks }, (_, i) => chunk(i, pass))
        .flat()
        .map((e) => prizeRows(e, now));
      const batches: PrizeRows[][] = [];
      let at = 0;
      for (const size of batchSizes) {
        batches.push(rows.slice(at, at + size));
        at += size;
      }
      return batches;
    };
    const storedPrizes = async () =>
      Number(
        (
          await sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM prizes', {
            type: QueryTypes.SELECT,
          })
        )[0]?.n,
      );
    const updatedPrizes = async () =>
      Number(
        (
          await sequelize.query<{ n: number }>(
            "SELECT COUNT(*) AS n FROM prize_laureates WHERE motivation_en LIKE '% (updated)'",
            { type: QueryTypes.SELECT },
          )
        )[0]?.n,
      );

    await produce('insert');
    // Profiled pass by pass: producing the events between them is the harness's work.
    const profiles: ProfileShare[][] = [];
    const profiled = async <T>(pass: () => Promise<T>): Promise<T> => {
      if (!values.profile) return pass();
      const stop = await startProfile();
      const result = await pass();
      profiles.push(await stop());
      return result;
    };
    const insert = await profiled(runSink);
    const stored = await storedPrizes();
    await produce('update');
    const update = await profiled(runSink);
    const updatedEntries = await updatedPrizes();
    // Replay: the group back to the earliest offsets, as `nobel replay --to-earliest` does.
    await admin.setOffsets({
      groupId,
      topic: topics.prizes,
      partitions: (await admin.fetchTopicOffsets(topics.prizes)).map((p) => ({
        partition: p.partition,
        offset: p.low,
      })),
    });
    const replay = await profiled(runSink);
    const profile = values.profile ? addProfiles(profiles) : undefined;

    const insertBatches = rowsOf('insert', insert.batchSizes);
    const updateBatches = rowsOf('update', update.batchSizes);
    const counts = rowCounts(insertBatches);
    const updateCounts = rowCounts(updateBatches);

    await emptyTables(sequelize);
    const rawQuery = await timeRaw(db, models, insertBatches, 'query');
    const rawUpdate = await timeRaw(db, models, updateBatches, 'query');
    await emptyTables(sequelize);
    const rawBatch = await timeRaw(db, models, insertBatches, 'batch');
    const rawBatchUpdate = await timeRaw(db, models, updateBatches, 'batch');
    // The same, with the laureate directory the sink also keeps: the sink's four tables.
    await emptyTables(sequelize);
    const rawFour = await timeRaw(db, models, insertBatches, 'batch', { directory: true });
    const rawFourUpdate = await timeRaw(db, models, updateBatches, 'batch', { directory: true });
    await emptyTables(sequelize);
    const bulkCreate = await timeBulkCreate(sequelize, models, insertBatches);
    // The sink's own writer on the same batches, one after the other, without Kafka or
    // decoding: what the passes would take if fetching, decoding and commits cost nothing.
    await emptyTables(sequelize);
    const writerInsert = await timeWriter(writer, insertBatches);
    const writerUpdate = await timeWriter(writer, updateBatches);

    const fastest = Math.min(rawQuery, rawBatch);
    const fastestUpdate = Math.min(rawUpdate, rawBatchUpdate);
    const rows = (c: Record<Tables, number>) => c.prizes + c.laureates + c.prize_laureates;
    const perSecond = (count: number, ms: number) =>
      Math.round((count / ms) * 1000).toLocaleString('en-US');
    process.stdout.write(
      `\nSink benchmark: ${n.toLocaleString('en-US')} ${values.source === 'real' ? 'real (the snapshot scaled)' : 'synthetic'} events, a topic of ${partitions} partition(s), ${concurrency} consumed at once, ${writersPerBatch} writer(s) per batch, fetches of ${(maxBytes / 1_048_576).toFixed(maxBytes % 1_048_576 === 0 ? 0 : 2)} MiB per partition, ` +
        `insert in ${insertBatches.length} batches (mean ${(n / insertBatches.length).toFixed(0)} events), ` +
        `${rows(counts).toLocaleString('en-US')} rows, ${stored.toLocaleString('en-US')} prizes stored by the sink; ` +
        `update in ${updateBatches.length} batches, ${updatedEntries.toLocaleString('en-US')} prize_laureates rows updated\n\n` +
        `${line('sink insert: Kafka → decode → validate → upsert → commit', insert.ms, counts, n)}\n` +
        `${line('sink update: the same keys, newer, changed values', update.ms, updateCounts, n)}\n` +
        `  ${'sink replay to earliest: 2N events, N stale, N as new'.padEnd(52)} ${(replay.ms / 1000).toFixed(2).padStart(7)} s  ${perSecond(2 * n, replay.ms).padStart(9)} events/s  (${replay.stale.toLocaleString('en-US')} stale, not written)\n` +
        `${line('raw mariadb query(): insert, multi-row … ON DUPLICATE', rawQuery, counts)}\n` +
        `${line('raw mariadb query(): update, the same statements', rawUpdate, updateCounts)}\n` +
        `${line('raw mariadb batch(): insert, the same statement, bulk', rawBatch, counts)}\n` +
        `${line('raw mariadb batch(): update, the same statement, bulk', rawBatchUpdate, updateCounts)}\n` +
        `${line('raw batch(), + laureate directory: insert', rawFour, counts)}\n` +
        `${line('raw batch(), + laureate directory: update', rawFourUpdate, updateCounts)}\n` +
        `${line('Sequelize bulkCreate({ updateOnDuplicate }): insert', bulkCreate, counts)}\n` +
        `${line("the sink's writer alone: insert, no Kafka", writerInsert, counts, n)}\n` +
        `${line("the sink's writer alone: update, no Kafka", writerUpdate, updateCounts, n)}\n\n` +
        `  sink insert / fastest raw insert:  ${(fastest / insert.ms).toFixed(2)}×\n` +
        `  sink update / fastest raw update:  ${(fastestUpdate / update.ms).toFixed(2)}×\n` +
        `  sink / raw batch() on its four tables (+ laureate directory): ${(rawFour / insert.ms).toFixed(2)}× insert, ${(rawFourUpdate / update.ms).toFixed(2)}× update\n` +
        `  sink replay: ${perSecond(2 * n, replay.ms)} events/s (the raw path has nothing to write for the stale half)\n` +
        `  bulkCreate / fastest raw insert:   ${(fastest / bulkCreate).toFixed(2)}×\n` +
        `  sink / its writer alone:           ${(writerInsert / insert.ms).toFixed(2)}× insert, ${(writerUpdate / update.ms).toFixed(2)}× update (events/s; the rest: Kafka, decoding, validation and mapping, commits, concurrency)\n` +
        `  peak RSS (insert, update, replay): ${[insert, update, replay].map((r) => `${(r.peakRss / 1024 / 1024).toFixed(0)} MiB`).join(', ')}\n\n`,
    );
    if (profile !== undefined)
      process.stdout.write(
        `Where the sink's main thread spent the three passes (V8's sampling profiler; the\n` +
          `database's and Kafka's own work shows as waiting):\n\n${profileTable(profile)}\n\n`,
      );
    if (values.json !== undefined) {
      const [version] = await sequelize.query<{ v: string }>('SELECT VERSION() AS v', {
        type: QueryTypes.SELECT,
      });
      const mariadbVersion = version?.v;
      const pass = (ms: number, c: Record<Tables, number>, events?: number) => ({
        seconds: ms / 1000,
        rowsPerSecond: (rows(c) / ms) * 1000,
        ...(events === undefined ? {} : { eventsPerSecond: (events / ms) * 1000 }),
      });
      const mib = (bytes: number) => bytes / 1024 / 1024;
      writeFileSync(
        values.json,
        JSON.stringify(
          {
            events: n,
            source: values.source,
            mariadb: mariadbVersion,
            partitions,
            concurrency,
            writersPerBatch,
            maxBytesPerPartition: maxBytes,
            rowsPerPass: rows(counts),
            sink: {
              insert: { ...pass(insert.ms, counts, n), peakRssMiB: mib(insert.peakRss) },
              update: { ...pass(update.ms, updateCounts, n), peakRssMiB: mib(update.peakRss) },
              replay: {
                seconds: replay.ms / 1000,
                eventsPerSecond: ((2 * n) / replay.ms) * 1000,
                stale: replay.stale,
                peakRssMiB: mib(replay.peakRss),
              },
            },
            raw: {
              queryInsert: pass(rawQuery, counts),
              queryUpdate: pass(rawUpdate, updateCounts),
              batchInsert: pass(rawBatch, counts),
              batchUpdate: pass(rawBatchUpdate, updateCounts),
              bulkCreateInsert: pass(bulkCreate, counts),
              batchInsertWithDirectory: pass(rawFour, counts),
              batchUpdateWithDirectory: pass(rawFourUpdate, updateCounts),
            },
            writerAlone: {
              insert: pass(writerInsert, counts, n),
              update: pass(writerUpdate, updateCounts, n),
            },
            sinkInsertOverWriterAlone: writerInsert / insert.ms,
            sinkUpdateOverWriterAlone: writerUpdate / update.ms,
            sinkInsertOverFastestRawInsert: fastest / insert.ms,
            sinkUpdateOverFastestRawUpdate: fastestUpdate / update.ms,
            sinkInsertOverRawWithDirectory: rawFour / insert.ms,
            sinkUpdateOverRawWithDirectory: rawFourUpdate / update.ms,
            ...(profile === undefined ? {} : { profile }),
          },
          null,
          2,
        ),
      );
    }
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
