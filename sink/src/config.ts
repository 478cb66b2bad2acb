import {
  dbEnv,
  kafkaEnv,
  logEnv,
  parseEnv,
  port,
  registryEnv,
  toDbConfig,
  toKafkaConfig,
  toLogConfig,
  toRegistryConfig,
  topicsEnv,
  toTopicsConfig,
  type DbConfig,
  type Env,
  type KafkaConfig,
  type LogConfig,
  type RegistryConfig,
  type TopicsConfig,
} from '@nobel-pipeline/common';

export interface SinkConfig {
  db: DbConfig;
  /** Port of the health and metrics endpoints. */
  metricsPort: number;
  kafka: KafkaConfig;
  registry: RegistryConfig;
  topics: TopicsConfig;
  log: LogConfig;
}

const env = {
  ...kafkaEnv,
  ...registryEnv,
  ...dbEnv,
  ...topicsEnv,
  ...logEnv,
  METRICS_PORT: port(9465),
};

export function loadConfig(source: Env): SinkConfig {
  const e = parseEnv(env, source);
  return {
    db: toDbConfig(e),
    metricsPort: e.METRICS_PORT,
    kafka: toKafkaConfig(e, 'sink'),
    registry: toRegistryConfig(e),
    topics: toTopicsConfig(e),
    log: toLogConfig(e),
  };
}
