import {
  Kafka,
  KafkaJSProtocolError,
  logLevel,
  type Admin,
  type ITopicConfig,
  type LogEntry,
  type RetryOptions,
} from 'kafkajs';
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

/** How a topic is replicated on a cluster of a given size. */
export interface Replication {
  replicationFactor: number;
  /** The replicas that must have a record before a producer with acks=all is answered. */
  minInsyncReplicas: number;
}

/**
 * The pipeline's replication rule, for its topics and for tests' topics alike: three copies
 * where there are three brokers or more, two of which must acknowledge every write (one broker
 * may be lost without refusing a write and without losing an acknowledged record); on a smaller
 * cluster, a copy on every broker and one acknowledgement (a single broker is the default
 * stack: nothing to replicate to).
 */
export function replicationFor(brokers: number): Replication {
  if (!Number.isInteger(brokers) || brokers < 1) {
    throw new RangeError(`a cluster has at least one broker; got ${brokers}`);
  }
  const replicationFactor = Math.min(3, brokers);
  return { replicationFactor, minInsyncReplicas: replicationFactor >= 3 ? 2 : 1 };
}

/** The topic configuration entries a rule implies (what createTopics takes). */
export function replicationEntries(replication: Replication): { name: string; value: string }[] {
  return [{ name: 'min.insync.replicas', value: String(replication.minInsyncReplicas) }];
}

/** Metadata errors of a topic some broker has not learned of yet: asked again, not failed. */
const NOT_YET_KNOWN = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Creates topics (those that exist are left alone) and resolves once every partition of each
 * has a leader. kafkajs's own `waitForLeaders` asks one broker and fails at once if that broker
 * has not yet applied the new topic ("This server does not host this topic-partition"), which
 * on a cluster happens; this asks again until the deadline.
 */
export async function createTopicsWithLeaders(
  admin: Admin,
  topics: ITopicConfig[],
  timeoutMs = 30_000,
): Promise<boolean> {
  const created = await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: names });
      const led = found.every(
        (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
      );
      if (led && found.length === names.length) return created;
    } catch (error) {
      if (!(error instanceof KafkaJSProtocolError) || !NOT_YET_KNOWN.has(error.type)) throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${names.join(', ')}: not every partition has a leader after ${timeoutMs} ms`,
      );
    }
    await new Promise((resolveLater) => setTimeout(resolveLater, 100));
  }
}

/** How many partitions a topic has now (what a producer's partitioner divides by). */
export async function partitionCount(admin: Admin, topic: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const count = topics.find((t) => t.name === topic)?.partitions.length ?? 0;
  if (count === 0) throw new Error(`Kafka has no partitions for ${topic}`);
  return count;
}

export interface PartitionCounts {
  /** The topic's partition count now. */
  of(topic: string): Promise<number>;
  close(): Promise<void>;
}

/** Partition counts with an admin of their own, connected on first use, for a producer. */
export function createPartitionCounts(kafka: Kafka): PartitionCounts {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  return {
    async of(topic) {
      connected ??= admin.connect().catch((error: unknown) => {
        connected = undefined;
        throw error;
      });
      await connected;
      return partitionCount(admin, topic);
    },
    async close() {
      connected = undefined;
      await admin.disconnect().catch(() => undefined);
    },
  };
}
