import { z } from 'zod';
import {
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

export interface IngestApiConfig {
  http: {
    port: number;
    /** When set, POST endpoints require `Authorization: Bearer <token>`. */
    apiToken: string | undefined;
  };
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
  HTTP_PORT: port(3000),
  API_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
};

/** Parses and validates the environment once; the error names every bad variable. */
export function loadConfig(source: Env): IngestApiConfig {
  const e = parseEnv(env, source);
  return {
    http: { port: e.HTTP_PORT, apiToken: e.API_TOKEN },
    kafka: toKafkaConfig(e, 'ingest-api'),
    registry: toRegistryConfig(e),
    topics: toTopicsConfig(e),
    log: toLogConfig(e),
  };
}
