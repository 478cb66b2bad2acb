import {
  httpUrl,
  integer,
  parseEnv,
  port,
  serviceEnv,
  toServiceConfig,
  type Env,
  type ServiceConfig,
} from '@nobel-pipeline/common';

export interface FetcherConfig extends ServiceConfig {
  nobelApi: {
    /** Base URL of the Nobel Prize API v2.1 (or of the local mirror). */
    url: string;
  };
  /** Seconds between two runs while started, unless a START command says otherwise. */
  fetchIntervalSeconds: number;
  /** Port of the health and metrics endpoints. */
  metricsPort: number;
}

const env = {
  ...serviceEnv,
  NOBEL_API_URL: httpUrl('https://api.nobelprize.org/2.1'),
  FETCH_INTERVAL_SECONDS: integer(300, 60, 86_400),
  METRICS_PORT: port(9464),
};

/** Parses and validates the environment once; the error names every bad variable. */
export function loadConfig(source: Env): FetcherConfig {
  const e = parseEnv(env, source);
  return {
    ...toServiceConfig(e, 'fetcher'),
    nobelApi: { url: e.NOBEL_API_URL },
    fetchIntervalSeconds: e.FETCH_INTERVAL_SECONDS,
    metricsPort: e.METRICS_PORT,
  };
}
