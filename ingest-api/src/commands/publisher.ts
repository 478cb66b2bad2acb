import { errorMessage } from '@nobel-pipeline/common';
import { randomUUID } from 'node:crypto';
import type { ProducerRecord, RecordMetadata } from 'kafkajs';
import {
  commandKey,
  RegistryUnavailableError,
  type CommandType,
  type Encoder,
  type FetcherCommand,
} from '@nobel-pipeline/schemas';
import { HttpError, ServiceUnavailableError } from '../errors';
import type { Metrics } from '../metrics/metrics';

/** What the publisher needs of a Kafka producer. */
export interface CommandSender {
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
}

export interface CommandRequest {
  type: CommandType;
  intervalSeconds: number | null;
  requestedBy: string | null;
}

export interface CommandPublisher {
  /** Resolves with the command once Kafka has acknowledged it (acks from all in-sync replicas). */
  publish(request: CommandRequest): Promise<FetcherCommand>;
}

export interface CommandPublisherDeps {
  producer: CommandSender;
  encoder: Encoder<FetcherCommand>;
  metrics: Metrics;
  now?: () => number;
  newId?: () => string;
}

export function createCommandPublisher(deps: CommandPublisherDeps): CommandPublisher {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;

  async function publish(request: CommandRequest): Promise<FetcherCommand> {
    const command: FetcherCommand = { commandId: newId(), issuedAt: now(), ...request };
    let value: Buffer;
    try {
      value = await deps.encoder.encode(command);
    } catch (error) {
      deps.metrics.commandsFailed.inc({ type: request.type, reason: 'registry' });
      if (error instanceof RegistryUnavailableError) {
        throw new ServiceUnavailableError(
          'registry_unavailable',
          'The schema registry is not reachable; nothing was sent, try again later',
          { cause: error },
        );
      }
      throw new HttpError(500, 'schema_error', 'The command could not be encoded', {
        cause: error,
      });
    }
    try {
      await deps.producer.send({
        topic: deps.encoder.topic,
        acks: -1,
        messages: [
          {
            key: commandKey(request.type),
            value,
            headers: { 'content-type': 'application/vnd.nobel.fetcher-command+avro' },
          },
        ],
      });
    } catch (error) {
      deps.metrics.commandsFailed.inc({ type: request.type, reason: 'kafka' });
      throw new ServiceUnavailableError(
        'kafka_unavailable',
        `Kafka did not acknowledge the command: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    deps.metrics.commandsProduced.inc({ type: request.type });
    return command;
  }

  return { publish };
}
