import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** The sink's Prometheus metrics, in a registry of its own. */
export interface SinkMetrics {
  registry: Registry;
  batches: Counter<'topic'>;
  rows: Counter<'table'>;
  stale: Counter;
  dlq: Counter<'topic' | 'error'>;
  lag: Gauge<'topic' | 'partition'>;
  dbErrors: Counter<'kind'>;
  dbRetries: Counter;
  lastCommit: Gauge;
  partitionRetrying: Gauge<'topic' | 'partition'>;
}

export function createSinkMetrics(options: { defaultMetrics?: boolean } = {}): SinkMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    batches: new Counter({
      name: 'sink_batches_total',
      help: 'Batches written and committed, by topic',
      labelNames: ['topic'],
      registers,
    }),
    rows: new Counter({
      name: 'sink_rows_upserted_total',
      // Row writes counted once a batch is committed: a row written by two of its transactions
      // (two batches, two ranges of one batch) counts in each; the tables' counts are MariaDB's.
      help: 'Row writes (inserted or updated), by table; a row written by two transactions counts in each',
      labelNames: ['table'],
      registers,
    }),
    stale: new Counter({
      name: 'sink_stale_events_total',
      help: 'Prize events older than the stored row, not applied',
      registers,
    }),
    dlq: new Counter({
      name: 'sink_dlq_records_total',
      help: 'Records sent to the DLQ, by original topic and error',
      labelNames: ['topic', 'error'],
      registers,
    }),
    lag: new Gauge({
      name: 'sink_consumer_lag',
      help: 'Records behind the end of the partition, after the last batch',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    dbErrors: new Counter({
      name: 'sink_db_errors_total',
      help: 'Failed database writes, by kind',
      labelNames: ['kind'],
      registers,
    }),
    dbRetries: new Counter({
      name: 'sink_db_retries_total',
      help: 'Database writes tried again',
      registers,
    }),
    lastCommit: new Gauge({
      name: 'sink_last_commit_timestamp_seconds',
      help: 'When offsets were last committed (Unix time)',
      registers,
    }),
    partitionRetrying: new Gauge({
      name: 'sink_partition_retrying_seconds',
      help: 'How long a partition has been retrying a write (0: it is not)',
      labelNames: ['topic', 'partition'],
      registers,
    }),
  };
}
