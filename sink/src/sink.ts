import { Partitioners } from 'kafkajs';
import {
  createDlq,
  createPartitionCounts,
  createRenewingProducer,
  createHealthServer,
  createKafkaClient,
  type Logger,
  type Service,
  listen,
  retry,
  sinkTopicNames,
} from '@nobel-pipeline/common';
import {
  asDatabaseError,
  createPrizeWriter,
  createSequelize,
  defineModels,
  fillLaureateDirectory,
  migrateDatabase,
} from '@nobel-pipeline/db';
import { createCodec, createRegistryClient, loadContracts } from '@nobel-pipeline/schemas';
import { poolSize, type SinkConfig } from './config';
import { createSinkConsumer } from './consumer';
import { createSinkMetrics } from './metrics';
import { createPartitionHealth } from './partition-health';

export interface SinkDeps {
  config: SinkConfig;
  logger: Logger;
  version: string;
  /** A bug of ours in a batch: logged already; main exits (retrying would hide it). */
  onProgrammerError: (error: unknown) => void;
}

/**
 * The sink, wired: Kafka consumer and DLQ producer, registry codec, database writer, health
 * server. `start` migrates (as the migration account, when configured), connects, listens and
 * joins the group; `stop` — at any moment, also while starting — stops what has started.
 */
export function createSink(deps: SinkDeps): Service {
  const { config, logger, version } = deps;
  const metrics = createSinkMetrics();
  const sequelize = createSequelize({ config: config.db, logger, poolMax: poolSize(config) });
  let stopping = false;
  const backoff = { initialMs: 500, maxMs: config.retryMaxMs };

  const writer = createPrizeWriter(sequelize, defineModels(sequelize));
  const kafka = createKafkaClient({ config: config.kafka, logger });
  const registry = createRegistryClient(config.registry, { retries: 2 });
  const codec = createCodec({ registry });
  const contracts = loadContracts();
  // The DLQ's producer, renewed after a failed send (a letter must not pass for a retry).
  const producer = createRenewingProducer(kafka, {
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const counts = createPartitionCounts(kafka);
  const partitions = createPartitionHealth({
    stuckAfterMs: config.stuckAfterSeconds * 1000,
    gauge: metrics.partitionRetrying,
  });
  const consumed = sinkTopicNames(config.topics);
  const consumer = createSinkConsumer({
    kafka,
    groupId: config.groupId,
    sessionTimeoutMs: config.sessionTimeoutMs,
    topics: consumed,
    maxBytesPerPartition: config.maxBytesPerPartition,
    partitionsConcurrently: config.partitionsConcurrently,
    writersPerBatch: config.writersPerBatch,
    decoders: {
      prizes: { topic: config.topics.prizes.name, decoder: codec.decoder(contracts.nobelPrize) },
      runs: { topic: config.topics.fetchRuns.name, decoder: codec.decoder(contracts.fetchRun) },
      laureates: {
        topic: config.topics.laureates.name,
        decoder: codec.decoder(contracts.nobelLaureate),
      },
    },
    writer,
    dlq: createDlq({ producer, topic: config.topics.prizesDlq.name, partitions: counts.of }),
    metrics,
    logger,
    retry: backoff,
    health: partitions,
    onProgrammerError: deps.onProgrammerError,
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

  async function stop(reason: string): Promise<void> {
    stopping = true;
    logger.info(
      { reason },
      'shutting down: the batch in flight is finished or abandoned uncommitted',
    );
    await consumer
      .stop()
      .catch((error: unknown) => logger.warn({ err: error }, 'consumer stop failed'));
    await Promise.allSettled([producer.disconnect(), counts.close(), sequelize.close()]);
    if (health.listening)
      await new Promise<void>((resolveClose) => health.close(() => resolveClose()));
    logger.info('stopped');
  }

  async function start(): Promise<void> {
    try {
      const migrationDb = config.migrationDb;
      if (migrationDb !== undefined) {
        // As the migration account: the sink's own may not change the schema.
        // migrateDatabase's DatabaseError says whether it may pass.
        const applied = await retry(() => migrateDatabase(migrationDb, logger), {
          ...backoff,
          stop: () => (stopping ? 'shutting down' : undefined),
          onRetry: ({ error, attempt, waitMs }) =>
            logger.warn(
              { err: error, attempt, waitMs },
              'cannot migrate the database yet; retrying',
            ),
        });
        logger.info(
          { applied },
          applied.length === 0 ? 'database schema up to date' : 'migrations applied',
        );
      }
      await producer.connect();
      await listen(health, config.metricsPort, config.listenHost);
      // What sinks of earlier versions left after the migrations that built the laureate
      // directory: laureates missing (before 0004), names without their version or not those
      // of the tables (before 0005). Added and set, so that the read API lists what the tables
      // hold (retried like the migration: e.g. until it ran).
      const repaired = await retry(
        () =>
          fillLaureateDirectory(sequelize).catch((error: unknown) =>
            Promise.reject(asDatabaseError(error)),
          ),
        {
          ...backoff,
          stop: () => (stopping ? 'shutting down' : undefined),
          onRetry: ({ error, attempt, waitMs }) =>
            logger.warn(
              { err: error, attempt, waitMs },
              'cannot fill the laureate directory yet; retrying',
            ),
        },
      );
      if (repaired > 0)
        logger.info({ repaired }, 'laureate directory rows added or set from the tables');
      // Stopped while filling: no consumer joins the group after the shutdown.
      if (stopping) return;
      await consumer.start();
    } catch (error) {
      // Stopped while starting: the stop under way has the last word.
      if (stopping) return;
      throw error;
    }
    logger.info(
      {
        topics: consumed,
        metricsPort: config.metricsPort,
      },
      'sink started',
    );
  }

  return { start, stop };
}
