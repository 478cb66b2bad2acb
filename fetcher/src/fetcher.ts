import { Partitioners } from 'kafkajs';
import {
  createDlq,
  createPartitionCounts,
  createRenewingProducer,
  createHealthServer,
  listen,
  createKafkaClient,
  type Logger,
  type Service,
} from '@nobel-pipeline/common';
import { createCodec, createRegistryClient, loadContracts } from '@nobel-pipeline/schemas';
import type { FetcherConfig } from './config';
import { createCommandConsumer } from './control/command-consumer';
import { createController } from './control/controller';
import { desiredStateFromRecords } from './control/desired-state';
import { statusView } from './control/status-view';
import { readToEnd } from './kafka/read-to-end';
import { createRunPublisher } from './kafka/run-publisher';
import { createFetcherMetrics } from './metrics';
import { createNobelClient } from './nobel/client';
import { createRunner } from './run/runner';
import { SOURCES } from './sources/list';
import { createSourceHashes } from './state/published-hashes';

export interface FetcherDeps {
  config: FetcherConfig;
  logger: Logger;
  version: string;
}

/**
 * The fetcher, wired: command consumer and its DLQ, controller, runner, Nobel client,
 * transactional run publisher, health server. `start` listens and joins the commands group
 * (restoring the desired state and the published hashes from Kafka); `stop` — at any moment,
 * also while starting — aborts any run and stops what has started.
 */
export function createFetcher(deps: FetcherDeps): Service {
  const { config, logger, version } = deps;
  const kafka = createKafkaClient({ config: config.kafka, logger });
  const admin = kafka.admin();
  const registry = createRegistryClient(config.registry, { retries: 2 });
  const contracts = loadContracts();
  const codec = createCodec({ registry });
  const metrics = createFetcherMetrics();
  const hashes = createSourceHashes();
  const sources = SOURCES.map((source) => source.bind({ codec, contracts, topics: config.topics }));

  const client = createNobelClient(config.nobelApi, {
    logger,
    userAgent: `nobel-pipeline-fetcher/${version}`,
    hooks: {
      onRetry: (_count, _reason, code) => metrics.httpRetries.inc({ reason: code }),
      onPage: () => metrics.pages.inc(),
    },
  });
  const publisher = createRunPublisher({
    kafka,
    transactionalId: config.transactionalId,
    runs: codec.encoder(contracts.fetchRun, config.topics.fetchRuns.name),
    logger,
  });
  const runner = createRunner({ client, sources, publisher, hashes, metrics, logger });
  const controller = createController({
    runner,
    defaultIntervalSeconds: config.fetchIntervalSeconds,
    logger,
    metrics,
  });
  const commandDecoder = codec.decoder(contracts.fetcherCommand);

  // Commands that can never be carried out are kept on a DLQ of their own.
  const dlqProducer = createRenewingProducer(kafka, {
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const dlqCounts = createPartitionCounts(kafka);
  const consumer = createCommandConsumer({
    kafka,
    topic: config.topics.commands.name,
    groupId: config.groupId,
    sessionTimeoutMs: config.sessionTimeoutMs,
    decoder: commandDecoder,
    controller,
    dlq: createDlq({
      producer: dlqProducer,
      topic: config.topics.commandsDlq.name,
      partitions: dlqCounts.of,
    }),
    metrics,
    logger,
    async restore() {
      const started = performance.now();
      const groupPrefix = `${config.groupId}-restore`;
      // The commands, and every source's compacted topic: what was published of each.
      const [commands, published] = await Promise.all([
        readToEnd({ kafka, admin, topic: config.topics.commands.name, groupPrefix }),
        Promise.all(
          sources.map(async (source) => ({
            source,
            records: await readToEnd({ kafka, admin, topic: source.topic, groupPrefix }),
          })),
        ),
      ]);
      for (const { source, records } of published)
        hashes.of(source.name).replaceAll(await source.hashesFrom(records, logger));
      const restored = await desiredStateFromRecords(commands, commandDecoder, logger);
      // A new owner's epoch fences whichever instance published before it.
      await publisher.reset();
      if (restored.partition >= 0) {
        const [committed] = await admin.fetchOffsets({
          groupId: config.groupId,
          topics: [config.topics.commands.name],
        });
        const next = committed?.partitions.find((p) => p.partition === restored.partition);
        restored.unhandled = restored.offset >= BigInt(next?.offset ?? '-1');
      }
      const durationMs = Math.round(performance.now() - started);
      metrics.restoreDuration.set(durationMs / 1000);
      for (const [source, size] of Object.entries(hashes.sizes()))
        metrics.restoredHashes.set({ source }, size);
      logger.info(
        { desired: restored.desired, published: hashes.sizes(), durationMs },
        'state restored from Kafka',
      );
      return restored;
    },
  });

  const health = createHealthServer({
    registry: metrics.registry,
    checks: [
      {
        name: 'consumer',
        check: async () => {
          if (!consumer.isHealthy())
            throw new Error('the command consumer is not a member of its group');
        },
      },
    ],
    status: () => ({
      service: 'fetcher',
      version,
      nobelApi: config.nobelApi.url,
      ...statusView(controller.status()),
    }),
  });
  let stopping = false;
  async function stop(reason: string): Promise<void> {
    stopping = true;
    logger.info({ reason }, 'shutting down: aborting any run, leaving the group');
    await consumer
      .stop()
      .catch((error: unknown) => logger.warn({ err: error }, 'consumer stop failed'));
    await Promise.allSettled([
      publisher.stop(),
      admin.disconnect(),
      dlqProducer.disconnect(),
      dlqCounts.close(),
    ]);
    if (health.listening)
      await new Promise<void>((resolveClose) => health.close(() => resolveClose()));
    logger.info('stopped');
  }

  async function start(): Promise<void> {
    try {
      await listen(health, config.metricsPort, config.listenHost);
      await admin.connect();
      await dlqProducer.connect();
      await consumer.start();
    } catch (error) {
      // Stopped while starting: the stop under way has the last word.
      if (stopping) return;
      throw error;
    }
    logger.info(
      {
        nobelApi: config.nobelApi.url,
        commands: config.topics.commands.name,
        metricsPort: config.metricsPort,
      },
      'fetcher started; waiting for commands',
    );
  }

  return { start, stop };
}
