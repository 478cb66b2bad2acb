#!/usr/bin/env node
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { ConfigError, createKafkaClient, createLogger, loadEnv } from '@nobel-pipeline/common';
import { createRegistryClient } from '@nobel-pipeline/schemas';
import type { Kafka } from 'kafkajs';
import { createApiClient } from './api/api-client';
import { loadCliConfig } from './config';
import { EXIT } from './errors';
import { processOutput } from './output/output';
import { runCli } from './program';

/** `nobel …`: configuration, clients made on first use, Ctrl-C, the exit code. */
async function main(): Promise<number> {
  const out = processOutput();
  let config;
  try {
    config = loadCliConfig(loadEnv().env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out.note(`nobel: ${error.message}`);
    return EXIT.usage;
  }
  // Kafka's own chatter is for the services' logs; the CLI says what matters itself.
  const logger = createLogger({ name: 'nobel', level: 'error' });
  let kafka: Kafka | undefined;
  let registry: SchemaRegistry | undefined;
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return runCli(process.argv.slice(2), {
    config,
    out,
    api: createApiClient({ baseUrl: config.apiUrl, token: config.apiToken }),
    kafka: () =>
      (kafka ??= createKafkaClient({ config: config.kafka, logger, retry: { retries: 3 } })),
    registry: () => (registry ??= createRegistryClient(config.registry, { retries: 2 })),
    interrupted,
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`nobel: ${String(error)}\n`);
    process.exit(EXIT.failed);
  },
);
