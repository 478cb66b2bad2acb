/**
 * The sink as a library: its composition root and configuration, for embedding it (a test, a
 * supervisor of one's own). The service itself starts from main.ts.
 */
export { createSink, type SinkDeps } from './sink';
export { loadConfig, SINK_ENV, type SinkConfig } from './config';
