import { z } from 'zod';
import {
  sessionEnv,
  dbApiEnv,
  dbEnv,
  httpUrl,
  parseEnv,
  port,
  serviceEnv,
  toDbConfig,
  apiAccount,
  toServiceConfig,
  type DbConfig,
  type Env,
  type ServiceConfig,
} from '@nobel-pipeline/common';

export interface CliConfig extends ServiceConfig {
  /** ingest-api's base URL: the control and status commands go through its HTTP API. */
  apiUrl: string;
  /** Sent as a bearer token with the POST commands when set. */
  apiToken: string | undefined;
  /** The read-only account: a replay shows the row counts before and after. */
  db: DbConfig;
  /** The sink's consumer group: what `replay` rewinds by default. */
  sinkGroupId: string;
  /** The fetcher's consumer group: `status` names it. */
  fetcherGroupId: string;
}

/** Every variable the CLI reads: the services' own, so that one `.env` serves all. */
export const CLI_ENV = {
  ...serviceEnv,
  ...dbEnv,
  ...dbApiEnv,
  // Only a replay reads the database (row counts); the password is checked there.
  DB_API_PASSWORD: z.string().optional(),
  HTTP_PORT: port(3000),
  /** Where ingest-api answers; default: this machine on HTTP_PORT. */
  INGEST_API_URL: httpUrl().optional(),
  API_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  SINK_GROUP_ID: z.string().min(1).default('sink'),
  FETCHER_GROUP_ID: z.string().min(1).default('fetcher'),
  ...sessionEnv,
};

/** Parses and validates the environment once; the error names every bad variable. */
export function loadCliConfig(source: Env): CliConfig {
  const e = parseEnv(CLI_ENV, source);
  return {
    ...toServiceConfig(e, 'nobel-cli'),
    apiUrl: (e.INGEST_API_URL ?? `http://127.0.0.1:${e.HTTP_PORT}`).replace(/\/+$/, ''),
    apiToken: e.API_TOKEN,
    db: toDbConfig(e, apiAccount({ ...e, DB_API_PASSWORD: e.DB_API_PASSWORD ?? '' })),
    sinkGroupId: e.SINK_GROUP_ID,
    fetcherGroupId: e.FETCHER_GROUP_ID,
  };
}
