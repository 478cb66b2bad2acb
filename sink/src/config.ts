import {
  dbEnv,
  parseEnv,
  port,
  serviceEnv,
  toDbConfig,
  toServiceConfig,
  type DbConfig,
  type Env,
  type ServiceConfig,
} from '@nobel-pipeline/common';

export interface SinkConfig extends ServiceConfig {
  db: DbConfig;
  /** Port of the health and metrics endpoints. */
  metricsPort: number;
}

const env = { ...serviceEnv, ...dbEnv, SINK_METRICS_PORT: port(9465) };

/** Parses and validates the environment once; the error names every bad variable. */
export function loadConfig(source: Env): SinkConfig {
  const e = parseEnv(env, source);
  return { ...toServiceConfig(e, 'sink'), db: toDbConfig(e), metricsPort: e.SINK_METRICS_PORT };
}
