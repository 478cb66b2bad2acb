import type { Kafka, Producer, ProducerConfig, ProducerRecord, RecordMetadata } from 'kafkajs';

export interface RenewingProducer {
  /** Connects now (a send connects too, when it has to). */
  connect(): Promise<void>;
  /** Sends; after a failure, the next send goes through a new producer. */
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
  disconnect(): Promise<void>;
}

/**
 * An idempotent kafkajs producer that is replaced after every failed send.
 *
 * kafkajs (2.2.4) takes a failed request's sequence numbers back (sendMessages.js), which is
 * right for its own retries of that request. But when the send fails for good, the broker may
 * have stored the request all the same (a leader killed after its write, before its answer):
 * the next record then goes out with the sequence number of the stored one, the broker takes
 * it for a retry of it, answers success, and does not store it. A new producer has a new
 * producer id, and so sequence numbers no broker has seen.
 */
export function createRenewingProducer(kafka: Kafka, config: ProducerConfig): RenewingProducer {
  let producer: Producer = kafka.producer(config);
  let connected: Promise<void> | undefined;

  function connect(): Promise<void> {
    connected ??= producer.connect().catch((error: unknown) => {
      connected = undefined;
      throw error;
    });
    return connected;
  }

  async function send(record: ProducerRecord): Promise<RecordMetadata[]> {
    await connect();
    const used = producer;
    try {
      return await used.send(record);
    } catch (error) {
      // Another send may have replaced it already: only the producer that failed goes.
      if (producer === used) {
        producer = kafka.producer(config);
        connected = undefined;
        void used.disconnect().catch(() => undefined);
      }
      throw error;
    }
  }

  async function disconnect(): Promise<void> {
    connected = undefined;
    await producer.disconnect();
  }

  return { connect, send, disconnect };
}
