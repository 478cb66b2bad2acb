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
import { createTopic, freePort, syntheticPrizes } from '@nobel-pipeline/test-utils';
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
 * database. Two passes, each with the records produced before the worker starts, each timed
 * by the database itself: a column the connector does not know, `written_at` (TIMESTAMP(6),
 * set on insert and on update), holds when each row was last written, and a pass lasts from
 * the first to the last of its rows' (the time of the statements, each up to its start; the
 * pass is over once the group has committed the topic's end, and every row is checked):
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
    const failure = await worker.failure();
    if (failure !== undefined) throw new Error(`before ${what}, ${failure}`);
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
  const database = `${stack.db.database}_test_debezium_${suffix}`;
  const db = { ...stack.db };
  const adminDb = createSequelize({ config: { ...db, database: '' } });
  const sequelize = createSequelize({ config: { ...db, database } });
  const workDir = mkdtempSync(join(tmpdir(), 'bench-debezium-'));
  const report = (component: string, message: string) =>
    process.stdout.write(`[${component}] ${message}\n`);
  let worker: ConnectWorker | undefined;
  /**
   * Each step on its own: one that fails does not keep the others from running. Once: a signal
   * and the run's own end may both ask for it.
   */
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => (cleaning ??= cleanUpOnce());
  const cleanUpOnce = async () => {
    const steps: [string, () => Promise<unknown>][] = [
      ['stop Kafka Connect', async () => worker?.stop()],
      [
        'remove the worker directory',
        async () => rmSync(workDir, { recursive: true, force: true }),
      ],
      ['close the database', () => sequelize.close()],
      [
        `drop ${database}`,
        () => adminDb.query(`DROP DATABASE IF EXISTS \`${database}\``, { type: QueryTypes.UPDATE }),
      ],
      ['close the admin connection', () => adminDb.close()],
      [`delete ${topic}`, () => admin.deleteTopics({ topics: [topic] })],
      // The group exists only once the worker has committed: not finding it is no failure.
      [`delete the group ${groupId}`, () => admin.deleteGroups([groupId]).catch(() => undefined)],
      ['disconnect', () => admin.disconnect()],
    ];
    for (const [what, step] of steps)
      await step().catch((error: unknown) =>
        process.stderr.write(`bench: could not ${what}: ${String(error)}\n`),
      );
  };
  // Ctrl-C or a SIGTERM: the topic, the database and the Java process do not stay behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      process.stderr.write(`bench: ${signal}: cleaning up\n`);
      void cleanUp().finally(() => process.exit(130));
    });

  const start = async () =>
    startConnectWorker(
      stack,
      {
        workDir,
        restPort: await freePort(),
        logFile: join(stack.paths.logs, 'bench-debezium-connect.log'),
        worker: {
          'offset.flush.interval.ms': 250,
          // As the sink reads: committed records only, 1 MiB per partition and fetch.
          'consumer.isolation.level': 'read_committed',
          'consumer.auto.offset.reset': 'earliest',
          'consumer.max.partition.fetch.bytes': 1_048_576,
          // The connector writes what one poll returns: a batch of batch.size at most.
          'consumer.max.poll.records': batchSize,
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
  /** First to last write of the pass's rows, as the database recorded them. */
  const writeSpan = async (where: string) =>
    Number(
      (
        await sequelize.query<{ us: number }>(
          `SELECT TIMESTAMPDIFF(MICROSECOND, MIN(written_at), MAX(written_at)) AS us FROM \`${TABLE}\` WHERE ${where}`,
          { type: QueryTypes.SELECT },
        )
      )[0]?.us,
    ) / 1e6;

  const pass = async (name: 'insert' | 'update', where: string) => {
    process.stdout.write(`Producing ${n.toLocaleString('en-US')} flat records (${name})...\n`);
    await produce(name);
    process.stdout.write(`Kafka Connect with the Debezium JDBC sink ${DEBEZIUM_JDBC_VERSION}...\n`);
    const running = await start();
    worker = running;
    // Generous: a minute to start, and 500 events a second at the very least.
    await until(
      `the ${name} pass's end committed`,
      () => groupCaughtUp(admin, groupId, topic),
      running,
      60_000 + n * 2,
    );
    await running.stop();
    worker = undefined;
    const rows = await count(where);
    if (rows !== n) throw new Error(`the ${name} pass left ${rows} of ${n} rows`);
    return { seconds: await writeSpan(where) };
  };

  try {
    await createTopic(kafka, { name: topic, partitions, compacted: true });
    // The migration account creates, and the connector writes, the benchmark's own database.
    await adminDb.query(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      { type: QueryTypes.UPDATE },
    );
    await sequelize.query(flatTableDdl(TABLE), { type: QueryTypes.UPDATE });
    const insert = await pass('insert', '1 = 1');
    const update = await pass('update', "fetch_run_id = 'update'");
    const perSecond = (s: number) => Math.round(n / s).toLocaleString('en-US');
    process.stdout.write(
      `\nDebezium JDBC sink ${DEBEZIUM_JDBC_VERSION} on Kafka Connect (standalone), ${n.toLocaleString('en-US')} synthetic prize events as flat 17-column rows (JSON with schemas), a topic of ${partitions} partition(s), ${partitions} task(s), batch.size ${batchSize}, insert.mode upsert\n\n` +
        `  insert: ${insert.seconds.toFixed(2).padStart(7)} s  ${perSecond(insert.seconds).padStart(8)} events/s = rows/s (one row per event)\n` +
        `  update: ${update.seconds.toFixed(2).padStart(7)} s  ${perSecond(update.seconds).padStart(8)} events/s = rows/s\n\n` +
        `  Timed by the database: from the first to the last write of the pass's rows (a written_at column the connector does not know).\n`,
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
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
