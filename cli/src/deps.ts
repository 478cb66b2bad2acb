import type { Kafka } from 'kafkajs';
import type { RegistryClient } from '@nobel-pipeline/schemas';
import type { ApiClient } from './api/api-client';
import type { CliConfig } from './config';
import type { Output } from './output/output';

/**
 * What the commands are given: the configuration, where to write, and clients made on first
 * use (a `nobel status` never connects to Kafka). The main builds them; tests pass their own.
 */
export interface CliDeps {
  config: CliConfig;
  out: Output;
  api: ApiClient;
  kafka: () => Kafka;
  /** The schema registry's client (Confluent API), for decoding records of any schema id. */
  registry: () => RegistryClient;
  /** Resolves when the user interrupts (Ctrl-C): long commands stop and say where they were. */
  interrupted: Promise<void>;
}
