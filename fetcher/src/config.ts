import {
  httpUrl,
  integer,
  kafkaEnv,
  logEnv,
  parseEnv,
  port,
  registryEnv,
  toKafkaConfig,
  toLogConfig,
  toRegistryConfig,
  topicsEnv,
  toTopicsConfig,
  type Env,
  type KafkaConfig,
  type LogConfig,
  type RegistryConfig,
  type TopicsConfig,
} from '@nobel-pipeline/common';

export interface FetcherConfig {
  nobelApi: {
    /** Base URL of the Nobel Prize API v2.1 (or of the local mirror). */
    url: string;
  };
  /** Seconds between two runs while started, unless a START command says otherwise. */
  fetchIntervalSeconds: number;
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
  ...topicsEnv,
  ...logEnv,
  NOBEL_API_URL: httpUrl('https://api.nobelprize.org/2.1'),
  FETCH_INTERVAL_SECONDS: integer(300, 60, 86_400),
  METRICS_PORT: port(9464),
};

export function loadConfig(source: Env): FetcherConfig {
  const e = parseEnv(env, source);
  return {
    nobelApi: { url: e.NOBEL_API_URL },
    fetchIntervalSeconds: e.FETCH_INTERVAL_SECONDS,
    metricsPort: e.METRICS_PORT,
    kafka: toKafkaConfig(e, 'fetcher'),
    registry: toRegistryConfig(e),
    topics: toTopicsConfig(e),
    log: toLogConfig(e),
  };
}
