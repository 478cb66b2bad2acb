import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { RegistryConfig } from '@nobel-pipeline/common';

/** A registry client with no cache shared with anything else: each call builds a new one. */
export function createTestRegistry(config: RegistryConfig): SchemaRegistry {
  return new SchemaRegistry({ host: config.url });
}
