import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { RegistryConfig } from '@nobel-pipeline/common';
import { createRegistryClient } from '@nobel-pipeline/schemas';

/** A registry client with no cache shared with anything else: each call builds a new one. */
export function createTestRegistry(config: RegistryConfig): SchemaRegistry {
  return createRegistryClient(config);
}
