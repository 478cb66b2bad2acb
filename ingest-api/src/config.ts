import { resolve } from 'node:path';
import { z } from 'zod';
import {
  apiAccount,
  dbApiEnv,
  dbEnv,
  httpUrlList,
  integer,
  originList,
  parseEnv,
  port,
  serviceEnv,
  toDbConfig,
  toServiceConfig,
  type DbConfig,
  type Env,
  type ServiceConfig,
} from '@nobel-pipeline/common';
import { INTERVAL_SECONDS } from '@nobel-pipeline/schemas';

export interface IngestApiConfig extends ServiceConfig {
  http: {
    port: number;
    /** When set, POST endpoints require `Authorization: Bearer <token>`. */
    apiToken: string | undefined;
    /**
     * Browser origins, besides this service's own local ones, whose pages may POST the
     * commands (HTTP_ALLOWED_ORIGINS). Any other Origin is refused with 403.
     */
    allowedOrigins: string[];
  };
  /** The database the sink fills; the read endpoints query it, as the read-only account. */
  db: DbConfig;
  /** The fetcher's default interval, to tell when the next run is due after a START without one. */
  fetchIntervalSeconds: number;
  /** The sink's consumer group, whose lag GET /status reports. */
  sinkGroupId: string;
  /** The fetcher's consumer group, whose members GET /status lists. */
  fetcherGroupId: string;
  /** The fetchers' health servers, asked for their run in flight (FETCHER_URLS; may be none). */
  fetcherUrls: string[];
  /** The web console's built files, served at /ui/ (CONSOLE_DIR). */
  consoleDir: string;
}

/**
 * The console's build, console/dist: beside ingest-api in this repository and in the image
 * (from ingest-api/src or ingest-api/dist alike).
 */
const DEFAULT_CONSOLE_DIR = resolve(__dirname, '..', '..', 'console', 'dist');

/** Every variable ingest-api reads, with its rule (docker compose passes each: a test checks). */
export const INGEST_API_ENV = {
  ...serviceEnv,
  ...dbEnv,
  ...dbApiEnv,
  HTTP_PORT: port(3000),
  API_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  HTTP_ALLOWED_ORIGINS: originList(),
  FETCH_INTERVAL_SECONDS: integer(300, INTERVAL_SECONDS.min, INTERVAL_SECONDS.max),
  SINK_GROUP_ID: z.string().min(1).default('sink'),
  FETCHER_GROUP_ID: z.string().min(1).default('fetcher'),
  FETCHER_URLS: httpUrlList(),
  CONSOLE_DIR: z.string().min(1).default(DEFAULT_CONSOLE_DIR),
};

/** Parses and validates the environment once; the error names every bad variable. */
export function loadConfig(source: Env): IngestApiConfig {
  const e = parseEnv(INGEST_API_ENV, source);
  return {
    ...toServiceConfig(e, 'ingest-api'),
    http: { port: e.HTTP_PORT, apiToken: e.API_TOKEN, allowedOrigins: e.HTTP_ALLOWED_ORIGINS },
    db: toDbConfig(e, apiAccount(e)),
    fetchIntervalSeconds: e.FETCH_INTERVAL_SECONDS,
    sinkGroupId: e.SINK_GROUP_ID,
    fetcherGroupId: e.FETCHER_GROUP_ID,
    fetcherUrls: e.FETCHER_URLS,
    consoleDir: e.CONSOLE_DIR,
  };
}
