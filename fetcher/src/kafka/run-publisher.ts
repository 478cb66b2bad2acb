import {
  errorMessage,
  createPartitionCounts,
  REQUEST_BYTES,
  sendByPartition,
} from '@nobel-pipeline/common';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type { Logger } from '@nobel-pipeline/common';
import type { Encoder, FetchRun } from '@nobel-pipeline/schemas';
import { PublishError } from '../errors';
import type { SourceEvent } from '../sources/source';

/** A source's changed events, for its topic. */
export interface EventBatch {
  topic: string;
  events: readonly SourceEvent[];
}

interface TopicMessages {
  topic: string;
  messages: Message[];
}

export interface RunPublisher {
  /**
   * Publishes a run's changed events of every source and its FetchRun in one Kafka
   * transaction: readers (who read committed records only) see all of them or none.
   */
  publish(batches: readonly EventBatch[], run: FetchRun): Promise<void>;
  /** Publishes the FetchRun of a run that produced nothing. */
  publishRun(run: FetchRun): Promise<void>;
  /**
   * Starts over with a new producer: the next transaction takes a new epoch of the shared
   * transactional id, fencing any other instance's. Called when this instance becomes the
   * poller, so that a returning owner never publishes with an epoch another has bumped.
   */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** kafkajs's errors of a producer whose epoch another producer of its transactional id bumped. */
const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

function isFenced(error: unknown): boolean {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
    if (FENCED.has(String((cause as { type?: unknown }).type))) return true;
    cause =
      (cause as { originalError?: unknown }).originalError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

export interface RunPublisherDeps {
  kafka: Kafka;
  transactionalId: string;
  runs: Encoder<FetchRun>;
  logger: Logger;
  /**
   * At most this many messages per produce request inside the transaction (tests use 1);
   * requests are cut by size too, as every producer of the project cuts them.
   */
  chunkSize?: number;
}

export function createRunPublisher(deps: RunPublisherDeps): RunPublisher {
  const newProducer = (): Producer =>
    deps.kafka.producer({
      transactionalId: deps.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      // Java's partitioner (murmur2 of the key): other clients agree on where a key lives.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  let producer = newProducer();
  let connected: Promise<void> | undefined;
  let stopped = false;
  // For the partition counts of the topics written (each request names its partition).
  const counts = createPartitionCounts(deps.kafka);
  const limits = { bytes: REQUEST_BYTES, records: deps.chunkSize };

  function connect(): Promise<void> {
    connected ??= producer.connect().catch((error: unknown) => {
      connected = undefined;
      throw error;
    });
    return connected;
  }

  async function reset(): Promise<void> {
    const old = producer;
    producer = newProducer();
    connected = undefined;
    await old.disconnect().catch(() => undefined);
  }

  /**
   * One transaction; fenced by another producer of the transactional id (an instance that
   * polled meanwhile), it starts over once with a new producer, whose epoch fences the other.
   *
   * After any other failure the producer is replaced too, before the error is thrown: kafkajs
   * keeps its sequence numbers and its transaction state across a failure (a partition leader
   * that died mid-transaction leaves it with "out of order sequence number" on every later
   * transaction), and an abort that failed leaves the transaction open until it times out,
   * holding back every reader of committed records. A new producer's first transaction takes
   * a new epoch, which makes the coordinator abort a transaction the old one left open (one
   * whose commit the coordinator had already prepared is completed instead: its records are
   * visible although the run is recorded as failed, and the next run publishes them again).
   */
  async function transaction(batches: TopicMessages[], runMessage: Message): Promise<void> {
    try {
      await attempt(batches, runMessage);
    } catch (error) {
      if (!isFenced(error)) {
        await reset();
        throw error;
      }
      deps.logger.warn(
        { err: error },
        'another producer of the transactional id fenced this one; starting over with a new one',
      );
      await reset();
      try {
        await attempt(batches, runMessage);
      } catch (again) {
        await reset();
        throw again;
      }
    }
  }

  async function attempt(batches: TopicMessages[], runMessage: Message): Promise<void> {
    if (stopped) throw new Error('the publisher is stopped');
    await connect();
    const partitions = new Map<string, number>();
    for (const topic of new Set([...batches.map((b) => b.topic), deps.runs.topic]))
      partitions.set(topic, await counts.of(topic));
    const tx = await producer.transaction();
    const send = tx.send.bind(tx);
    try {
      for (const { topic, messages } of batches) {
        const count = partitions.get(topic) ?? 1;
        await sendByPartition(send, { topic, records: messages, partitions: count, limits });
      }
      await sendByPartition(send, {
        topic: deps.runs.topic,
        records: [runMessage],
        partitions: partitions.get(deps.runs.topic) ?? 1,
      });
      await tx.commit();
    } catch (error) {
      await tx
        .abort()
        .catch((abortError: unknown) =>
          deps.logger.warn({ err: abortError }, 'could not abort the transaction'),
        );
      throw error;
    }
  }

  async function encodeRun(run: FetchRun): Promise<Message> {
    return { key: run.runId, value: await deps.runs.encode(run) };
  }

  async function publish(batches: readonly EventBatch[], run: FetchRun): Promise<void> {
    const count = batches.reduce((sum, b) => sum + b.events.length, 0);
    try {
      // Everything is encoded (validated, schemas registered) before the transaction starts.
      const encoded = await Promise.all(
        batches.map(async ({ topic, events }) => ({
          topic,
          messages: await Promise.all(
            events.map(async (e) => ({ key: e.id, value: await e.encode() })),
          ),
        })),
      );
      await transaction(encoded, await encodeRun(run));
    } catch (error) {
      throw new PublishError(
        `could not publish ${count} events and the run: ${errorMessage(error)}`,
        error,
      );
    }
  }

  async function publishRun(run: FetchRun): Promise<void> {
    try {
      await transaction([], await encodeRun(run));
    } catch (error) {
      throw new PublishError(`could not publish the run: ${errorMessage(error)}`, error);
    }
  }

  async function stop(): Promise<void> {
    stopped = true;
    connected = undefined;
    await Promise.all([producer.disconnect(), counts.close()]);
  }

  return { publish, publishRun, reset, stop };
}
