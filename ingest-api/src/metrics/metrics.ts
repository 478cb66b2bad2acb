import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The service's Prometheus metrics, in a registry of its own (never prom-client's global). */
export interface Metrics {
  registry: Registry;
  commandsProduced: Counter<'type'>;
  commandsFailed: Counter<'type' | 'reason'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    commandsProduced: new Counter({
      name: 'ingest_commands_produced_total',
      help: 'Fetcher commands acknowledged by Kafka, by type',
      labelNames: ['type'],
      registers: [registry],
    }),
    commandsFailed: new Counter({
      name: 'ingest_commands_failed_total',
      help: 'Fetcher commands that could not be produced, by type and reason',
      labelNames: ['type', 'reason'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration, by method, route (the pattern, not the path) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
