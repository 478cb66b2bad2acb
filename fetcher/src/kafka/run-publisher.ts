import { errorMessage } from '@nobel-pipeline/common';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type { Logger } from '@nobel-pipeline/common';
import type { Encoder, FetchRun, NobelPrize } from '@nobel-pipeline/schemas';
import { PublishError } from '../errors';

export interface RunPublisher {
  /**
   * Publishes a run's changed prizes and its FetchRun in one Kafka transaction: readers (who
   * read committed records only) see all of them or none.
   */
  publish(prizes: readonly NobelPrize[], run: FetchRun): Promise<void>;
  /** Publishes the FetchRun of a run that produced nothing. */
  publishRun(run: FetchRun): Promise<void>;
  stop(): Promise<void>;
}

export interface RunPublisherDeps {
  kafka: Kafka;
  transactionalId: string;
  prizes: Encoder<NobelPrize>;
  runs: Encoder<FetchRun>;
  logger: Logger;
  /** Messages per produce request inside the transaction. */
  chunkSize?: number;
}

export function createRunPublisher(deps: RunPublisherDeps): RunPublisher {
  const producer: Producer = deps.kafka.producer({
    transactionalId: deps.transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    // Java's partitioner (murmur2 of the key): other clients agree on where a key lives.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let connected: Promise<void> | undefined;
  const chunkSize = deps.chunkSize ?? 250;

  function connect(): Promise<void> {
    connected ??= producer.connect().catch((error: unknown) => {
      connected = undefined;
      throw error;
    });
    return connected;
  }

  async function transaction(prizeMessages: Message[], runMessage: Message): Promise<void> {
    await connect();
    const tx = await producer.transaction();
    try {
      for (let i = 0; i < prizeMessages.length; i += chunkSize) {
        await tx.send({
          topic: deps.prizes.topic,
          acks: -1,
          messages: prizeMessages.slice(i, i + chunkSize),
        });
      }
      await tx.send({ topic: deps.runs.topic, acks: -1, messages: [runMessage] });
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

  async function publish(prizes: readonly NobelPrize[], run: FetchRun): Promise<void> {
    try {
      // Everything is encoded (validated, schemas registered) before the transaction starts.
      const prizeMessages = await Promise.all(
        prizes.map(async (p) => ({ key: p.id, value: await deps.prizes.encode(p) })),
      );
      await transaction(prizeMessages, await encodeRun(run));
    } catch (error) {
      throw new PublishError(
        `could not publish ${prizes.length} prizes and the run: ${errorMessage(error)}`,
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
    connected = undefined;
    await producer.disconnect();
  }

  return { publish, publishRun, stop };
}
