import { Kafka, logLevel, type LogEntry, type RetryOptions } from 'kafkajs';
import type { KafkaConfig } from './config/sections';
import type { Logger } from './logger';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

const BOUNDED_RETRIES_WARNING = 'Limiting retries for the idempotent producer';

/** kafkajs log entries as pino lines of the service's logger (component "kafkajs"). */
export function kafkaLogCreator(logger: Logger) {
  const log = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log: entry }: LogEntry): void => {
      // pino adds its own time; the kafkajs logger name is in `component`.
      const { message, timestamp, logger: source, ...fields } = entry;
      // kafkajs warns at every start of an idempotent producer with bounded retries — ours
      // bound them on purpose (a command answers 503 fast rather than waiting): not news.
      const known = level === logLevel.WARN && message.startsWith(BOUNDED_RETRIES_WARNING);
      log[known ? 'debug' : (LEVELS[level] ?? 'info')](fields, message);
    };
}

export interface CreateKafkaOptions {
  config: KafkaConfig;
  logger: Logger;
  /** kafkajs's retry policy for this client's requests. */
  retry?: RetryOptions;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** A kafkajs client that logs through the service's logger. */
export function createKafkaClient(options: CreateKafkaOptions): Kafka {
  return new Kafka({
    brokers: options.config.brokers,
    clientId: options.config.clientId,
    logLevel: logLevel.INFO,
    logCreator: kafkaLogCreator(options.logger),
    retry: options.retry,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
  });
}
