import { errorMessage } from '@nobel-pipeline/common';
import {
  RegistryUnavailableError,
  SchemaRejectedError,
  UnknownSchemaIdError,
  type SchemaError,
} from '../errors';

/** The HTTP status the registry client attached to an error, if any. */
export function registryStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Node's network errors and the client's time limit ("Timeout (10000ms)", createRegistryClient),
 * which the registry client reports as an HTTP status 400.
 */
const NETWORK_ERROR = /status 400: (.*\b(?:E[A-Z]{4,}|socket hang up)\b.*|Timeout \(\d+ms\))$/;

/**
 * The error's message, said as what happened: the client reports a refused connection as
 * "Confluent_Schema_Registry - Error, status 400: connect ECONNREFUSED 127.0.0.1:8081", which
 * reads like a bad request. Display only: whether to retry is decided on the status.
 */
export function registryErrorMessage(error: unknown): string {
  const text = errorMessage(error);
  const network = registryStatus(error) === 400 ? NETWORK_ERROR.exec(text) : null;
  return network === null ? text : `the registry did not answer (${network[1]})`;
}

const message = registryErrorMessage;

/**
 * Errors of a registry lookup by id. 404: the id does not exist (the record is bad, not the
 * registry). Anything else — refused connections (which the client reports as status 400),
 * timeouts, 5xx — may pass: retriable.
 */
export function lookupError(error: unknown, schemaId: number): SchemaError {
  if (registryStatus(error) === 404) return new UnknownSchemaIdError(schemaId, error);
  return new RegistryUnavailableError(
    `Could not fetch schema ${schemaId} from the registry: ${message(error)}`,
    error,
  );
}

/**
 * Errors of a registration. 409 (incompatible with the subject's earlier versions), 422
 * (invalid schema) and the client's own compatibility-setting check are final; anything else
 * is the registry being unavailable.
 */
export function registrationError(error: unknown, subject: string): SchemaError {
  const status = registryStatus(error);
  const name = (error as { name?: unknown } | null)?.name;
  if (status === 409 || status === 422 || name === 'ConfluentSchemaRegistryCompatibilityError') {
    return new SchemaRejectedError(
      `The registry refused the schema for ${subject}: ${message(error)}`,
      { cause: error },
    );
  }
  return new RegistryUnavailableError(
    `Could not register the schema for ${subject}: ${message(error)}`,
    error,
  );
}
