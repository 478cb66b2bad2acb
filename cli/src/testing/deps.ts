import { loadEnv, type Env } from '@nobel-pipeline/common';
import type { RegistryClient } from '@nobel-pipeline/schemas';
import { createTestKafka, createTestRegistry, loadTestConfig } from '@nobel-pipeline/test-utils';
import type { Kafka } from 'kafkajs';
import { createApiClient } from '../api/api-client';
import { loadCliConfig } from '../config';
import type { CliDeps } from '../deps';
import { collectOutput } from '../output/output';

/**
 * The CLI's dependencies as its main builds them, for tests: the configuration from the
 * environment and `.env` with `env` over them, the output collected, the running stack's Kafka
 * and registry, and no Ctrl-C unless the test brings one.
 */
export function testCliDeps(
  env: Env = {},
  options: { interrupted?: Promise<void>; kafka?: Kafka; registry?: RegistryClient } = {},
): CliDeps & { out: ReturnType<typeof collectOutput> } {
  const stack = loadTestConfig();
  const config = loadCliConfig({ ...loadEnv().env, ...env });
  const kafka = options.kafka ?? createTestKafka(stack.kafka);
  const registry = options.registry ?? createTestRegistry(stack.registry);
  return {
    config,
    out: collectOutput(),
    api: createApiClient({ baseUrl: config.apiUrl, token: config.apiToken }),
    kafka: () => kafka,
    registry: () => registry,
    interrupted: options.interrupted ?? new Promise<void>(() => undefined),
  };
}
