import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { TimeoutMiddleware } from 'mappersmith/middleware/timeout';
import type { RegistryConfig } from '@nobel-pipeline/common';

/** The client's own retries when none are given (the library's default). */
const DEFAULT_CLIENT_RETRIES = 3;

/**
 * The one way this project talks to the schema registry: the Confluent client, with a time
 * limit on every request. The client has none by default, and a registry that accepts a
 * request and never answers it (Apicurio did, once, after a restart) then holds its caller
 * for good: a sink's partition, a fetcher's run, a POST. Timed out, the request fails as the
 * registry being unavailable, which the callers retry. `retries` are the client's own quick
 * retries of a request answered 5xx or cut by a network error (not of one past its time
 * limit); 3 unless given. They are always passed: the library merges them into a default it
 * shares between clients, so a client that gave none would take the last one's.
 */
export function createRegistryClient(
  config: Pick<RegistryConfig, 'url'> & Partial<Pick<RegistryConfig, 'timeoutMs'>>,
  options: { retries?: number } = {},
): SchemaRegistry {
  return new SchemaRegistry({
    host: config.url,
    retry: { retries: options.retries ?? DEFAULT_CLIENT_RETRIES },
    middlewares: [TimeoutMiddleware(config.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS)],
  });
}

/** The time limit of a request when the configuration gives none (SCHEMA_REGISTRY_TIMEOUT_MS's default). */
export const DEFAULT_REGISTRY_TIMEOUT_MS = 10_000;
