import { z } from 'zod';
import {
  sessionEnv,
  httpUrl,
  integer,
  parseEnv,
  port,
  serviceEnv,
  toServiceConfig,
  type Env,
  type ServiceConfig,
} from '@nobel-pipeline/common';
import { INTERVAL_SECONDS } from '@nobel-pipeline/schemas';

export interface NobelApiConfig {
  /** Base URL of the Nobel Prize API v2.1 (or of the local mirror), without a trailing slash. */
  url: string;
  /** Records per page; the API's own default is 25. */
  pageSize: number;
  /** Time limit of one HTTP request. */
  requestTimeoutMs: number;
  /** Retries of one request (network errors, timeouts, 429, 5xx, unreadable bodies). */
  retries: number;
  /** First retry delay; doubles with each retry (with jitter), at least Retry-After. */
  retryBaseDelayMs: number;
  /** Time limit of a whole run's fetch, all pages and retries included. */
  runDeadlineMs: number;
  /**
   * Most records one run reads: a source that claims more (meta.count) fails the run at its
   * first page, so that a broken or hostile source cannot make a run read for ever.
   */
  maxRecords: number;
}

export interface FetcherConfig extends ServiceConfig {
  nobelApi: NobelApiConfig;
  /** Seconds between two runs while started, unless a START command says otherwise. */
  fetchIntervalSeconds: number;
  /** Port of /healthz, /readyz and /metrics. */
  metricsPort: number;
  /** The consumer group on the commands topic: its partition's owner is the one poller. */
  groupId: string;
  /** How long the group waits for a silent member before another takes over. */
  sessionTimeoutMs: number;
  /** The Kafka transactional id: a new owner fences the producer of an old one. */
  transactionalId: string;
}

/** Every variable the fetcher reads, with its rule (docker compose passes each: a test checks). */
export const FETCHER_ENV = {
  ...serviceEnv,
  NOBEL_API_URL: httpUrl('https://api.nobelprize.org/2.1'),
  NOBEL_PAGE_SIZE: integer(25, 1, 1000),
  NOBEL_TIMEOUT_MS: integer(10_000, 100, 120_000),
  NOBEL_RETRIES: integer(5, 0, 20),
  NOBEL_RETRY_BASE_MS: integer(500, 1, 60_000),
  RUN_DEADLINE_SECONDS: integer(300, 1, 3600),
  NOBEL_MAX_RECORDS: integer(100_000, 1, 10_000_000),
  FETCH_INTERVAL_SECONDS: integer(300, INTERVAL_SECONDS.min, INTERVAL_SECONDS.max),
  FETCHER_METRICS_PORT: port(9464),
  FETCHER_GROUP_ID: z.string().min(1).default('fetcher'),
  ...sessionEnv,
  FETCHER_TRANSACTIONAL_ID: z.string().min(1).default('nobel-fetcher'),
};

/** Parses and validates the environment once; the error names every bad variable. */
export function loadConfig(source: Env): FetcherConfig {
  const e = parseEnv(FETCHER_ENV, source);
  return {
    ...toServiceConfig(e, 'fetcher'),
    nobelApi: {
      url: e.NOBEL_API_URL,
      pageSize: e.NOBEL_PAGE_SIZE,
      requestTimeoutMs: e.NOBEL_TIMEOUT_MS,
      retries: e.NOBEL_RETRIES,
      retryBaseDelayMs: e.NOBEL_RETRY_BASE_MS,
      runDeadlineMs: e.RUN_DEADLINE_SECONDS * 1000,
      maxRecords: e.NOBEL_MAX_RECORDS,
    },
    fetchIntervalSeconds: e.FETCH_INTERVAL_SECONDS,
    metricsPort: e.FETCHER_METRICS_PORT,
    groupId: e.FETCHER_GROUP_ID,
    sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
    transactionalId: e.FETCHER_TRANSACTIONAL_ID,
  };
}
