import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Partitioners, type Admin } from 'kafkajs';
import { QueryTypes } from 'sequelize';
import {
  createKafkaClient,
  createLogger,
  loadEnv,
  splitIntoRequests,
  wholeArgument,
} from '@nobel-pipeline/common';
import { createSequelize } from '@nobel-pipeline/db';
import { createTopic, syntheticPrizes } from '@nobel-pipeline/test-utils';
// The stack's Java, Kafka jars and Maven (devDependency: the benchmark only).
import {
  DEBEZIUM_JDBC_VERSION,
  loadStackConfig,
  startConnectWorker,
  type ConnectWorker,
} from '@nobel-pipeline/stack';
import { connectRecord, flatPrize, flatTableDdl } from './flat-prize';

/**
 * The Debezium JDBC sink connector on the same broker and MariaDB as the sink, for the
 * comparison the README makes (`npm run bench:debezium`):
 *
 *   npm run bench:debezium [-- --events N] [--partitions 3] [--batch-size 1000] [--json <file>]
 *
 * The events are the sink benchmark's synthetic prizes (the same generator and seeds), each
 * flattened into one 17-column row (flat-prize.ts) and produced as JSON with its schema, to a
 * fresh topic of `--partitions` partitions. Kafka Connect 4 (standalone, from the stack's Kafka
 * jars) runs the connector with one task per partition, `insert.mode=upsert` on the key,
 * `batch.size` records per statement batch, into a table created beforehand in a fresh
 * database. Two passes, each with the records produced before the worker starts, timed from
 * the first row of the pass seen in the table to the group's commit of the topic's end
 * (polled every 100 ms; the worker commits every 250 ms):
 * 1. insert: N keys into the empty table;
 * 2. update: the same N keys again, an hour newer, with changed values (the worker restarted
 *    on the same offsets).
 *
 * Needs the stack up, Java 17+ and Maven (the connector is downloaded once into the stack's
 * cache). Creates and drops a `<DB_NAME>_test_*` database and a topic.
 */

const TABLE = 'prizes_flat';
const POLL_MS = 100;

async function groupCaughtUp(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const ends = await admin.fetchTopicOffsets(topic);
  return ends.every(
    (end) => committed?.partitions.find((p) => p.partition === end.partition)?.offset === end.high,
  );
}

async function until(
  what: string,
  condition: () => Promise<boolean>,
  worker: ConnectWorker,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void worker.exited.then(() => (exited = true)).catch(() => (exited = true));
  for (;;) {
    if (await condition()) return Date.now();
    if (exited) throw new Error(`the Connect worker exited before ${what}:\n${worker.logTail()}`);
    if (Date.now() > deadline)
      throw new Error(`no ${what} within ${timeoutMs / 1000} s:\n${worker.logTail()}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '200000' },
      partitions: { type: 'string', default: '3' },
      'batch-size': { type: 'string', default: '1000' },
      json: { type: 'string' },
    },
  });
  const n = wholeArgument('--events', values.events, 1, 10_000_000);
  const partitions = wholeArgument('--partitions', values.partitions, 1, 100);
  const batchSize = wholeArgument('--batch-size', values['batch-size'], 1, 100_000);
  const root = resolve(__dirname, '..', '..', '..');
  const { env } = loadEnv({ cwd: root });
  const stack = loadStackConfig(env, root);
  const logger = createLogger({ name: 'bench', level: 'warn' });
  const kafka = createKafkaClient({
    config: { brokers: stack.kafka.bootstrap, clientId: 'bench-debezium' },
    logger,
  });
  const admin = kafka.admin();
  await admin.connect();
  const suffix = randomUUID().slice(0, 8);
  const topic = `bench.debezium.prizes.${suffix}`;
  const connector = `bench-debezium-${suffix}`;
  const groupId = `connect-${connector}`;
  await createTopic(kafka, { name: topic, partitions, compacted: true });
  // The migration account creates, and the connector writes, the benchmark's own database.
  const db = stack.db;
  const database = `${db.database}_test_debezium_${suffix}`;
  const adminDb = createSequelize({ config: { ...db, database: '' } });
  await adminDb.query(
    `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    { type: QueryTypes.UPDATE },
  );
  const sequelize = createSequelize({ config: { ...db, database } });
  await sequelize.query(flatTableDdl(TABLE), { type: QueryTypes.UPDATE });
  const workDir = mkdtempSync(join(tmpdir(), 'bench-debezium-'));
  const report = (component: string, message: string) =>
    process.stdout.write(`[${component}] ${message}\n`);
  let worker: ConnectWorker | undefined;

  const start = () =>
    startConnectWorker(
      stack,
      {
        workDir,
        logFile: join(stack.paths.logs, 'bench-debezium-connect.log'),
        worker: {
          'offset.flush.interval.ms': 250,
          // As the sink reads: committed records only, 1 MiB per partition and fetch.
          'consumer.isolation.level': 'read_committed',
          'consumer.auto.offset.reset': 'earliest',
          'consumer.max.partition.fetch.bytes': 1_048_576,
        },
        connector: {
          name: connector,
          'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
          'tasks.max': partitions,
          topics: topic,
          'connection.url': `jdbc:mariadb://${db.host}:${db.port}/${database}`,
          'connection.username': db.user,
          'connection.password': db.password,
          'insert.mode': 'upsert',
          'primary.key.mode': 'record_key',
          'primary.key.fields': 'id',
          'delete.enabled': 'false',
          'schema.evolution': 'none',
          'collection.name.format': TABLE,
          'batch.size': batchSize,
          'use.time.zone': 'UTC',
        },
      },
      report,
    );

  const chunkSize = 2000;
  const produce = async (pass: 'insert' | 'update') => {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      for (let i = 0; i * chunkSize < n; i++) {
        const size = Math.min(chunkSize, n - i * chunkSize);
        // The sink benchmark's events (same seeds), and its update: an hour newer, changed.
        const events = syntheticPrizes(size, { seed: i + 1, offset: i * chunkSize }).map((e) =>
          pass === 'insert'
            ? e
            : {
                ...e,
                fetchedAt: e.fetchedAt + 3_600_000,
                fetchRunId: 'update',
                prizeAmountAdjusted: e.prizeAmountAdjusted + 1,
              },
        );
        const messages = events.map((e) => connectRecord(flatPrize(e)));
        for (const request of splitIntoRequests(messages))
          await producer.send({ topic, acks: -1, messages: request });
      }
    } finally {
      await producer.disconnect();
    }
  };

  const count = async (where: string) =>
    Number(
      (
        await sequelize.query<{ n: number }>(
          `SELECT COUNT(*) AS n FROM \`${TABLE}\` WHERE ${where}`,
          { type: QueryTypes.SELECT },
        )
      )[0]?.n,
    );
  const firstRow = async (where: string) =>
    (
      await sequelize.query(`SELECT 1 FROM \`${TABLE}\` WHERE ${where} LIMIT 1`, {
        type: QueryTypes.SELECT,
      })
    ).length > 0;

  const pass = async (name: 'insert' | 'update', where: string) => {
    process.stdout.write(`Producing ${n.toLocaleString('en-US')} flat records (${name})...\n`);
    await produce(name);
    process.stdout.write(`Kafka Connect with the Debezium JDBC sink ${DEBEZIUM_JDBC_VERSION}...\n`);
    const running = await start();
    worker = running;
    const first = await until(`a row of the ${name} pass`, () => firstRow(where), running, 180_000);
    const last = await until(
      `the ${name} pass's end committed`,
      () => groupCaughtUp(admin, groupId, topic),
      running,
      30 * 60_000,
    );
    await running.stop();
    worker = undefined;
    const rows = await count(where);
    if (rows !== n) throw new Error(`the ${name} pass left ${rows} of ${n} rows`);
    return { seconds: (last - first) / 1000 };
  };

  try {
    const insert = await pass('insert', '1 = 1');
    const update = await pass('update', "fetch_run_id = 'update'");
    const perSecond = (s: number) => Math.round(n / s).toLocaleString('en-US');
    process.stdout.write(
      `\nDebezium JDBC sink ${DEBEZIUM_JDBC_VERSION} on Kafka Connect (standalone), ${n.toLocaleString('en-US')} synthetic prize events as flat 17-column rows (JSON with schemas), a topic of ${partitions} partition(s), ${partitions} task(s), batch.size ${batchSize}, insert.mode upsert\n\n` +
        `  insert: ${insert.seconds.toFixed(2).padStart(7)} s  ${perSecond(insert.seconds).padStart(8)} events/s = rows/s (one row per event)\n` +
        `  update: ${update.seconds.toFixed(2).padStart(7)} s  ${perSecond(update.seconds).padStart(8)} events/s = rows/s\n\n` +
        `  Timed from the pass's first row in the table to the group's commit of the topic's end (polled every ${POLL_MS} ms; the worker commits every 250 ms).\n`,
    );
    if (values.json !== undefined)
      writeFileSync(
        values.json,
        JSON.stringify(
          {
            events: n,
            partitions,
            tasks: partitions,
            batchSize,
            debezium: DEBEZIUM_JDBC_VERSION,
            insert: { seconds: insert.seconds, eventsPerSecond: n / insert.seconds },
            update: { seconds: update.seconds, eventsPerSecond: n / update.seconds },
          },
          null,
          2,
        ),
      );
  } finally {
    await worker?.stop();
    rmSync(workDir, { recursive: true, force: true });
    await sequelize.close();
    await adminDb.query(`DROP DATABASE IF EXISTS \`${database}\``, { type: QueryTypes.UPDATE });
    await adminDb.close();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
