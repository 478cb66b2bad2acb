import { createServer } from 'node:http';
import {
  createKafkaClient,
  consumerLag,
  listen,
  sinkTopicNames,
  topicRecords,
  type Logger,
  type Service,
} from '@nobel-pipeline/common';
import {
  createPrizeReader,
  createSequelize,
  defineModels,
  readSchemaState,
} from '@nobel-pipeline/db';
import { createCodec, createRegistryClient, loadContracts } from '@nobel-pipeline/schemas';
import { createApp } from './app';
import { createDatabaseGate } from './database/database-gate';
import { localOrigins } from './http/origin';
import { createCommandPublisher } from './commands/publisher';
import type { IngestApiConfig } from './config';
import { databaseCheck, kafkaCheck, registryCheck } from './health/dependencies';
import { createDesiredStateTracker } from './status/desired-state';
import { fetcherInstances } from './status/fetcher-group';
import { createFetcherLive } from './status/fetcher-live';
import { createStatusService } from './status/service';
import { loadStaticFiles } from './console/static-files';
import { createCommandProducer } from './kafka/producer';
import { createMetrics } from './metrics/metrics';

/** How long in-flight requests may take to finish once shutdown begins. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface IngestApiDeps {
  config: IngestApiConfig;
  logger: Logger;
  version: string;
}

/**
 * ingest-api, wired: the Koa app with its command publisher, database gate, reader, status
 * service and desired-state tracker. `start` connects the producer and listens; `stop` — at
 * any moment, also while starting — refuses new connections, lets requests in flight finish
 * (for up to SHUTDOWN_GRACE_MS) and disconnects.
 */
export function createIngestApi(deps: IngestApiDeps): Service {
  const { config, logger, version } = deps;
  const kafka = createKafkaClient({
    config: config.kafka,
    logger,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1000 },
  });
  const registry = createRegistryClient(config.registry, { retries: 2 });
  const contracts = loadContracts();
  const codec = createCodec({ registry });
  const encoder = codec.encoder(contracts.fetcherCommand, config.topics.commands.name);
  const sequelize = createSequelize({ config: config.db, logger });
  const reader = createPrizeReader(defineModels(sequelize));
  // ingest-api never migrates: it checks, and answers 503 with the reason until it is done.
  const database = createDatabaseGate({ readSchema: () => readSchemaState(sequelize) });
  const tracker = createDesiredStateTracker({
    kafka,
    topic: config.topics.commands.name,
    decoder: codec.decoder(contracts.fetcherCommand),
    logger,
  });
  const producer = createCommandProducer({ kafka, logger });
  const admin = kafka.admin();
  const metrics = createMetrics();
  let running = true;
  const consoleFiles = loadStaticFiles(config.consoleDir);
  if (consoleFiles.size === 0)
    logger.warn(
      { consoleDir: config.consoleDir },
      'the web console is not built: /ui/ answers 404 (npm run build)',
    );

  const app = createApp({
    logger,
    metrics,
    commands: createCommandPublisher({ producer, encoder, metrics }),
    reader,
    database,
    status: createStatusService({
      desired: tracker.current,
      reader,
      database: database.state,
      lag: () => consumerLag(admin, config.sinkGroupId, sinkTopicNames(config.topics)),
      instances: () => fetcherInstances(admin, config.fetcherGroupId),
      live:
        config.fetcherUrls.length > 0 ? createFetcherLive({ urls: config.fetcherUrls }) : undefined,
      dlq: () =>
        topicRecords(admin, [config.topics.prizesDlq.name, config.topics.commandsDlq.name]),
      fetchIntervalSeconds: config.fetchIntervalSeconds,
    }),
    checks: [kafkaCheck(admin), registryCheck(config.registry.url), databaseCheck(database)],
    apiToken: config.http.apiToken,
    allowedOrigins: [...localOrigins(config.http.port), ...config.http.allowedOrigins],
    isRunning: () => running,
    version,
    consoleFiles,
  });

  const server = createServer(app.callback());

  async function stop(reason: string): Promise<void> {
    running = false;
    logger.info({ reason }, 'shutting down: no new connections, finishing requests in flight');
    if (server.listening) {
      const force = setTimeout(() => {
        logger.warn('requests did not finish in time; closing their connections');
        server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      force.unref();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeIdleConnections();
      });
      clearTimeout(force);
    }
    await Promise.allSettled([
      producer.stop(),
      admin.disconnect(),
      tracker.stop(),
      sequelize.close(),
    ]);
    logger.info('stopped');
  }

  async function start(): Promise<void> {
    try {
      await producer.start();
      // The desired state is not needed to serve requests; it becomes known once Kafka answers.
      tracker
        .start()
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'cannot follow the commands topic yet'),
        );
      await listen(server, config.http.port, config.listenHost);
    } catch (error) {
      // Stopped while starting: the stop under way has the last word.
      if (!running) return;
      throw error;
    }
    logger.info(
      {
        port: config.http.port,
        topic: config.topics.commands.name,
        auth: config.http.apiToken !== undefined,
      },
      `ingest-api listening on http://localhost:${config.http.port} (console: http://localhost:${config.http.port}/ui/)`,
    );
  }

  return { start, stop };
}
