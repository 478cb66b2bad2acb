import {
  Partitioners,
  type Kafka,
  type Producer,
  type ProducerRecord,
  type RecordMetadata,
} from 'kafkajs';
import type { Logger } from '@nobel-pipeline/common';
import type { CommandSender } from '../commands/publisher';

/**
 * An HTTP request waits for the command's acknowledgement, so the producer may retry only
 * for a few seconds before the request is answered 503. (kafkajs's idempotent producer
 * otherwise retries forever; limiting it costs nothing here: a command that failed is not
 * resent by us, and the client that got a 503 decides.)
 */
export const PRODUCER_RETRY = { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 } as const;

export interface CommandProducer extends CommandSender {
  /** Connects; if Kafka is not there yet, logs it and connects on the first command instead. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** An idempotent producer (acks from all in-sync replicas) that connects when it can. */
export function createCommandProducer(deps: { kafka: Kafka; logger: Logger }): CommandProducer {
  const producer: Producer = deps.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    retry: PRODUCER_RETRY,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let connected: Promise<void> | undefined;

  function connect(): Promise<void> {
    connected ??= producer.connect().catch((error: unknown) => {
      connected = undefined;
      throw error;
    });
    return connected;
  }

  async function start(): Promise<void> {
    try {
      await connect();
      deps.logger.info('producer connected');
    } catch (error) {
      deps.logger.warn(
        { err: error },
        'Kafka is not reachable yet; the producer will connect on the first command',
      );
    }
  }

  async function send(record: ProducerRecord): Promise<RecordMetadata[]> {
    await connect();
    return producer.send(record);
  }

  async function stop(): Promise<void> {
    connected = undefined;
    await producer.disconnect();
  }

  return { start, send, stop };
}
