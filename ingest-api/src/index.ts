/**
 * ingest-api as a library: its composition root, the Koa app it serves and its configuration,
 * for embedding it (a test, a supervisor of one's own). The service itself starts from main.ts.
 */
export { createIngestApi, type IngestApiDeps } from './ingest-api';
export { createApp, type AppDeps } from './app';
export { loadConfig, INGEST_API_ENV, type IngestApiConfig } from './config';
