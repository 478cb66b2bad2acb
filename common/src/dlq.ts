import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import {
  partitionRecords,
  REQUEST_BYTES,
  sendByPartition,
  splitIntoRequests,
} from './produce-requests';

/**
 * Dead-letter queues: a record that can never be read or stored goes to a topic of its own,
 * key and bytes untouched, with headers saying why and where it came from — never dropped.
 * The sink sends prizes there, the fetcher commands.
 */
export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  error: Error;
}

export interface Dlq {
  readonly topic: string;
  /** Sends the records, keys and bytes untouched, with headers saying why and whence. */
  send(letters: readonly DeadLetter[]): Promise<void>;
}

/** Header names on DLQ records. */
export const DLQ_HEADERS = {
  errorClass: 'x-error-class',
  errorMessage: 'x-error-message',
  topic: 'x-original-topic',
  partition: 'x-original-partition',
  offset: 'x-original-offset',
  timestamp: 'x-original-timestamp',
  /** Set when the value was too large for the DLQ and left out. */
  valueOmitted: 'x-value-omitted',
} as const;

/** Bytes of DLQ records per produce request: the project's one limit (produce-requests). */
export const DLQ_REQUEST_BYTES = REQUEST_BYTES;

/** kafkajs's error for a request larger than the broker accepts, wherever it is wrapped. */
function isTooLarge(error: unknown): boolean {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
    if ((cause as { type?: unknown }).type === 'MESSAGE_TOO_LARGE') return true;
    cause =
      (cause as { cause?: unknown; originalError?: unknown }).originalError ??
      (cause as { cause?: unknown }).cause;
  }
  return false;
}

interface Outgoing {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: IHeaders;
  partition?: number;
}

export function createDlq(deps: {
  producer: Pick<Producer, 'send'>;
  topic: string;
  /** The DLQ topic's partition count (createPartitionCounts): each request names its own. */
  partitions: (topic: string) => Promise<number>;
}): Dlq {
  const produce = deps.producer.send.bind(deps.producer);
  /** One request of one partition's letters, acknowledged for that partition. */
  const sendRequest = (messages: Outgoing[], partitions: number) =>
    sendByPartition(produce, { topic: deps.topic, records: messages, partitions });

  /**
   * Sends the records; a request the broker finds too large is split, and a record too large
   * on its own goes without its value — its headers say where the original is.
   */
  async function sendAll(messages: Outgoing[], partitions: number): Promise<void> {
    try {
      await sendRequest(messages, partitions);
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      const [only] = messages;
      if (messages.length === 1 && only !== undefined) {
        await sendRequest(
          [
            {
              key: only.key,
              value: null,
              partition: only.partition,
              headers: {
                ...only.headers,
                [DLQ_HEADERS.valueOmitted]: `the value (${only.value?.length ?? 0} bytes) is larger than the DLQ accepts: read it at the original topic, partition and offset`,
              },
            },
          ],
          partitions,
        );
        return;
      }
      const middle = Math.ceil(messages.length / 2);
      await sendAll(messages.slice(0, middle), partitions);
      await sendAll(messages.slice(middle), partitions);
    }
  }

  async function send(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const messages = letters.map(({ topic, partition, message, error }): Outgoing => ({
      key: message.key,
      value: message.value,
      headers: {
        ...(message.headers ?? {}),
        [DLQ_HEADERS.errorClass]: error.name,
        [DLQ_HEADERS.errorMessage]: error.message.slice(0, 4000),
        [DLQ_HEADERS.topic]: topic,
        [DLQ_HEADERS.partition]: String(partition),
        [DLQ_HEADERS.offset]: message.offset,
        [DLQ_HEADERS.timestamp]: message.timestamp,
      },
    }));
    const partitions = await deps.partitions(deps.topic);
    const byPartition = partitionRecords(messages, partitions, deps.topic);
    for (const [partition, ofPartition] of byPartition)
      for (const request of splitIntoRequests(ofPartition))
        await sendAll(
          request.map((m) => ({ ...m, partition })),
          partitions,
        );
  }
  return { topic: deps.topic, send };
}
