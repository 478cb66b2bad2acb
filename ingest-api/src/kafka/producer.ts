import { Partitioners, type Kafka, type ProducerRecord, type RecordMetadata } from 'kafkajs';
import { createRenewingProducer, type Logger } from '@nobel-pipeline/common';
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

/**
 * An idempotent producer (acks from all in-sync replicas) that connects when it can, and is
 * replaced after a failed send (createRenewingProducer): a command answered 503 may have been
 * stored all the same, and the next command must not be taken for a retry of it.
 */
export function createCommandProducer(deps: { kafka: Kafka; logger: Logger }): CommandProducer {
  const producer = createRenewingProducer(deps.kafka, {
    idempotent: true,
    maxInFlightRequests: 1,
    retry: PRODUCER_RETRY,
    createPartitioner: Partitioners.DefaultPartitioner,
  });

  async function start(): Promise<void> {
    try {
      await producer.connect();
      deps.logger.info('producer connected');
    } catch (error) {
      deps.logger.warn(
        { err: error },
        'Kafka is not reachable yet; the producer will connect on the first command',
      );
    }
  }

  function send(record: ProducerRecord): Promise<RecordMetadata[]> {
    return producer.send(record);
  }

  function stop(): Promise<void> {
    return producer.disconnect();
  }

  return { start, send, stop };
}
