import { ConnectionError, TimeoutError } from 'sequelize';

/**
 * Whether trying the same statement again can succeed. Yes for a database that is down or
 * going away, a deadlock, a lock wait timeout, a pool that could not get a connection; no for
 * everything else (a statement the data makes invalid does not become valid by waiting).
 * Decided on error classes and server error numbers, never on message text.
 */

/** MariaDB server errors that pass. */
const TRANSIENT_ERRNOS = new Set([
  1205, // ER_LOCK_WAIT_TIMEOUT
  1213, // ER_LOCK_DEADLOCK
  1040, // ER_CON_COUNT_ERROR: too many connections
  1053, // ER_SERVER_SHUTDOWN
  1927, // ER_CONNECTION_KILLED
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST
  4031, // ER_CLIENT_INTERACTION_TIMEOUT
]);

/** Errors of the mariadb driver about the connection itself (45000-45099 are the driver's). */
const TRANSIENT_DRIVER_ERRNOS = new Set([
  45001, // ER_CONNECTION_ALREADY_CLOSED
  45006, // ER_SOCKET_UNEXPECTED_CLOSE
  45007, // ER_SOCKET_TIMEOUT
  45009, // ER_SOCKET_CREATION_FAIL
  45012, // ER_CONNECTION_TIMEOUT
  45028, // ER_GET_CONNECTION_TIMEOUT (pool)
]);

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
]);

function causeOf(error: unknown): { errno?: unknown; code?: unknown } | undefined {
  const parent =
    (error as { parent?: unknown; original?: unknown }).parent ??
    (error as { original?: unknown }).original;
  return typeof parent === 'object' && parent !== null
    ? (parent as { errno?: unknown; code?: unknown })
    : undefined;
}

export function isRetriableDbError(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  const candidates = [error, causeOf(error)].filter(
    (e): e is { errno?: unknown; code?: unknown } => typeof e === 'object' && e !== null,
  );
  for (const candidate of candidates) {
    if (
      typeof candidate.errno === 'number' &&
      (TRANSIENT_ERRNOS.has(candidate.errno) || TRANSIENT_DRIVER_ERRNOS.has(candidate.errno))
    )
      return true;
    if (typeof candidate.code === 'string' && TRANSIENT_CODES.has(candidate.code)) return true;
  }
  // Anything else (a Sequelize DatabaseError or BaseError included) is a statement problem.
  return false;
}

/** A short name for metrics and logs: deadlock, lock_timeout, connection, other. */
export function dbErrorKind(error: unknown): string {
  const errno = causeOf(error)?.errno ?? (error as { errno?: unknown }).errno;
  if (errno === 1213) return 'deadlock';
  if (errno === 1205) return 'lock_timeout';
  if (isRetriableDbError(error)) return 'connection';
  return 'other';
}
