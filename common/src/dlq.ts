import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';

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
} as const;

export function createDlq(deps: { producer: Pick<Producer, 'send'>; topic: string }): Dlq {
  async function send(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await deps.producer.send({
      topic: deps.topic,
      acks: -1,
      messages: letters.map(({ topic, partition, message, error }) => {
        const headers: IHeaders = {
          ...(message.headers ?? {}),
          [DLQ_HEADERS.errorClass]: error.name,
          [DLQ_HEADERS.errorMessage]: error.message.slice(0, 4000),
          [DLQ_HEADERS.topic]: topic,
          [DLQ_HEADERS.partition]: String(partition),
          [DLQ_HEADERS.offset]: message.offset,
          [DLQ_HEADERS.timestamp]: message.timestamp,
        };
        return { key: message.key, value: message.value, headers };
      }),
    });
  }
  return { topic: deps.topic, send };
}
