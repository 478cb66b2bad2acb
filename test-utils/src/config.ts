import {
  dbEnv,
  kafkaEnv,
  loadEnv,
  parseEnv,
  registryEnv,
  toDbConfig,
  toKafkaConfig,
  toRegistryConfig,
  topicsEnv,
  toTopicsConfig,
  type DbConfig,
  type Env,
  type KafkaConfig,
  type RegistryConfig,
  type TopicsConfig,
} from '@nobel-pipeline/common';

export interface TestConfig {
  kafka: KafkaConfig;
  registry: RegistryConfig;
  db: DbConfig;
  topics: TopicsConfig;
}

/**
 * The configuration tests use to reach the running stack: the same variables, defaults and
 * `.env` file as the services, so a test talks to exactly what a service would talk to.
 */
export function loadTestConfig(env: Env = loadEnv().env): TestConfig {
  const parsed = parseEnv({ ...kafkaEnv, ...registryEnv, ...dbEnv, ...topicsEnv }, env);
  return {
    kafka: toKafkaConfig(parsed, 'tests'),
    registry: toRegistryConfig(parsed),
    db: toDbConfig(parsed),
    topics: toTopicsConfig(parsed),
  };
}
