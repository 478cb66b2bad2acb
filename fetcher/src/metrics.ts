import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The fetcher's Prometheus metrics, in a registry of its own. */
export interface FetcherMetrics {
  registry: Registry;
  runs: Counter<'trigger' | 'outcome'>;
  runDuration: Histogram<'outcome'>;
  pages: Counter;
  httpRetries: Counter<'reason'>;
  prizesProduced: Counter;
  eventsProduced: Counter<'source'>;
  lastSuccess: Gauge;
  desiredState: Gauge<'state'>;
  active: Gauge;
  restoreDuration: Gauge;
  restoredHashes: Gauge<'source'>;
  commandsRejected: Counter<'error'>;
  commandsWaiting: Counter;
}

export function createFetcherMetrics(options: { defaultMetrics?: boolean } = {}): FetcherMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    runs: new Counter({
      name: 'fetcher_runs_total',
      help: 'Fetch runs, by trigger and outcome',
      labelNames: ['trigger', 'outcome'],
      registers,
    }),
    runDuration: new Histogram({
      name: 'fetcher_run_duration_seconds',
      help: 'Duration of fetch runs, by outcome',
      labelNames: ['outcome'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    pages: new Counter({
      name: 'fetcher_pages_total',
      help: 'Pages read from the Nobel API',
      registers,
    }),
    httpRetries: new Counter({
      name: 'fetcher_http_retries_total',
      help: 'Retried Nobel API requests, by reason',
      labelNames: ['reason'],
      registers,
    }),
    prizesProduced: new Counter({
      name: 'fetcher_prizes_produced_total',
      help: 'Prize events published (new or changed prizes)',
      registers,
    }),
    eventsProduced: new Counter({
      name: 'fetcher_events_produced_total',
      help: 'Events published (new or changed records), by source (API endpoint)',
      labelNames: ['source'],
      registers,
    }),
    lastSuccess: new Gauge({
      name: 'fetcher_last_success_timestamp_seconds',
      help: 'When the last SUCCEEDED run finished (Unix time)',
      registers,
    }),
    desiredState: new Gauge({
      name: 'fetcher_desired_state',
      help: '1 for the desired state (STARTED or STOPPED) from the commands topic',
      labelNames: ['state'],
      registers,
    }),
    active: new Gauge({
      name: 'fetcher_active',
      help: '1 while this instance owns the commands partition and polls',
      registers,
    }),
    restoreDuration: new Gauge({
      name: 'fetcher_state_restore_seconds',
      help: 'How long the last restore took: the desired state and the published hashes read back from Kafka by a new owner',
      registers,
    }),
    restoredHashes: new Gauge({
      name: 'fetcher_state_restored_hashes',
      help: 'Published hashes the last restore rebuilt from the compacted topics, by source',
      labelNames: ['source'],
      registers,
    }),
    commandsRejected: new Counter({
      name: 'fetcher_commands_rejected_total',
      help: 'Commands that can never be read or carried out, sent to the commands DLQ, by error',
      labelNames: ['error'],
      registers,
    }),
    commandsWaiting: new Counter({
      name: 'fetcher_command_read_retries_total',
      help: 'Attempts to read a command tried again (the registry unreachable)',
      registers,
    }),
  };
}
