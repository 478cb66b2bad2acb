import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Partitioners } from 'kafkajs';
import {
  createDlq,
  createHealthServer,
  createKafkaClient,
  createLogger,
  errorMessage,
  exitOnSignals,
  listen,
  loadEnv,
  retry,
} from '@nobel-pipeline/common';
import {
  createPrizeWriter,
  createSequelize,
  defineModels,
  migrateDatabase,
} from '@nobel-pipeline/db';
import { createCodec, loadContracts } from '@nobel-pipeline/schemas';
import { loadConfig } from './config';
import { createSinkConsumer } from './consumer';
import { createSinkMetrics } from './metrics';
import { createPartitionHealth } from './partition-health';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the version of this package, at run time
const { version } = require('../package.json') as { version: string };

async function main(): Promise<void> {
  const config = loadConfig(loadEnv().env);
  const logger = createLogger({ name: 'sink', level: config.log.level });
  const metrics = createSinkMetrics();
  const sequelize = createSequelize({ config: config.db, logger });
  let stopping = false;
  const backoff = { initialMs: 500, maxMs: config.retryMaxMs };

  const writer = createPrizeWriter(sequelize, defineModels(sequelize));
  const kafka = createKafkaClient({ config: config.kafka, logger });
  const registry = new SchemaRegistry({ host: config.registry.url, retry: { retries: 2 } });
  const codec = createCodec({ registry });
  const contracts = loadContracts();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const partitions = createPartitionHealth({
    stuckAfterMs: config.stuckAfterSeconds * 1000,
    gauge: metrics.partitionRetrying,
  });
  const consumer = createSinkConsumer({
    kafka,
    groupId: config.groupId,
    topics: [config.topics.prizes.name, config.topics.fetchRuns.name],
    maxBytesPerPartition: config.maxBytesPerPartition,
    partitionsConcurrently: config.partitionsConcurrently,
    decoders: {
      prizes: { topic: config.topics.prizes.name, decoder: codec.decoder(contracts.nobelPrize) },
      runs: { topic: config.topics.fetchRuns.name, decoder: codec.decoder(contracts.fetchRun) },
    },
    writer,
    dlq: createDlq({ producer, topic: config.topics.prizesDlq.name }),
    metrics,
    logger,
    retry: backoff,
    health: partitions,
    onProgrammerError: () => {
      // Logged by the handler. Exit now: retrying a bug would hide it.
      process.exit(1);
    },
  });
  const health = createHealthServer({
    registry: metrics.registry,
    checks: [
      {
        name: 'consumer',
        check: async () => {
          if (!consumer.isHealthy()) throw new Error('the consumer is not a member of its group');
        },
      },
      { name: 'database', check: () => sequelize.authenticate() },
      {
        name: 'partitions',
        check: async () => {
          const stuck = partitions.stuck();
          if (stuck.length > 0) throw new Error(stuck.join('; '));
        },
      },
    ],
    status: () => ({ service: 'sink', version, groupId: config.groupId }),
  });

  // Called once, however many signals arrive — also while still starting (migrating,
  // joining the group): whatever has started is stopped.
  async function shutdown(signal: string): Promise<void> {
    stopping = true;
    logger.info(
      { signal },
      'shutting down: the batch in flight is finished or abandoned uncommitted',
    );
    await consumer
      .stop()
      .catch((error: unknown) => logger.warn({ err: error }, 'consumer stop failed'));
    await Promise.allSettled([producer.disconnect(), sequelize.close()]);
    if (health.listening)
      await new Promise<void>((resolveClose) => health.close(() => resolveClose()));
    logger.info('stopped');
  }
  exitOnSignals(shutdown, logger);

  try {
    const migrationDb = config.migrationDb;
    if (migrationDb !== undefined) {
      // As the migration account: the sink's own may not change the schema.
      // migrateDatabase's DatabaseError says whether it may pass.
      const applied = await retry(() => migrateDatabase(migrationDb, logger), {
        ...backoff,
        stop: () => (stopping ? 'shutting down' : undefined),
        onRetry: ({ error, attempt, waitMs }) =>
          logger.warn({ err: error, attempt, waitMs }, 'cannot migrate the database yet; retrying'),
      });
      logger.info(
        { applied },
        applied.length === 0 ? 'database schema up to date' : 'migrations applied',
      );
    }
    await producer.connect();
    await listen(health, config.metricsPort, config.listenHost);
    await consumer.start();
  } catch (error) {
    // A signal during start-up: the shutdown under way ends the process.
    if (stopping) return;
    throw error;
  }
  logger.info(
    {
      topics: [config.topics.prizes.name, config.topics.fetchRuns.name],
      metricsPort: config.metricsPort,
    },
    'sink started',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`sink failed to start: ${errorMessage(error)}\n`);
  process.exit(1);
});
