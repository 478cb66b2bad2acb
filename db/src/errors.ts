import { AccessDeniedError, ConnectionError, TimeoutError } from 'sequelize';
import { errorMessage, isProgrammerError, PipelineError } from '@nobel-pipeline/common';

/**
 * Whether trying the same statement again can succeed. Yes for a database that is down or
 * going away, a deadlock, a lock wait timeout, a pool that could not get a connection — and
 * for a database that cannot take any statement until an operator acts: its schema not
 * migrated, the database missing, the account refused, a table or disk full (the record is not
 * at fault, and the same statement passes once the migrations ran, the grant is back or space
 * was freed). No for everything else
 * (a statement the data makes invalid does not become valid by waiting). Decided on error
 * classes and server error numbers, never on message text.
 */

/** MariaDB server errors that pass. */
const TRANSIENT_ERRNOS = new Set([
  1290, // ER_OPTION_PREVENTS_STATEMENT (--read-only)
  1836, // ER_READ_ONLY_MODE
  1792, // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
  1205, // ER_LOCK_WAIT_TIMEOUT
  1213, // ER_LOCK_DEADLOCK
  1040, // ER_CON_COUNT_ERROR: too many connections
  1053, // ER_SERVER_SHUTDOWN
  1927, // ER_CONNECTION_KILLED
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST
  4031, // ER_CLIENT_INTERACTION_TIMEOUT
]);

/**
 * Server errors of a table or disk that is full: the record is not at fault, and the same
 * statement passes once an operator has freed space (the sink waits, its partition paused,
 * and /readyz says it is stuck) — never a reason to set a record aside in the DLQ.
 */
const FULL_ERRNOS = new Set([
  1114, // ER_RECORD_FILE_FULL: "The table is full" (a capped tablespace, a full disk under InnoDB)
  1021, // ER_DISK_FULL
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

/** Server errors of a schema that lacks a table or a column: migrations not applied. */
const NOT_MIGRATED_ERRNOS = new Set([
  1146, // ER_NO_SUCH_TABLE
  1054, // ER_BAD_FIELD_ERROR
]);

/** Server errors of a user who may not log in, or may not read what it asks for. */
const ACCESS_DENIED_ERRNOS = new Set([
  1044, // ER_DBACCESS_DENIED_ERROR: no grant on the database
  1045, // ER_ACCESS_DENIED_ERROR: wrong user or password
  1142, // ER_TABLEACCESS_DENIED_ERROR
  1143, // ER_COLUMNACCESS_DENIED_ERROR
  1698, // ER_ACCESS_DENIED_NO_PASSWORD_ERROR
]);

const NO_DATABASE_ERRNO = 1049; // ER_BAD_DB_ERROR: the database does not exist

/** Errors no statement escapes until the schema, the grants or the database are fixed. */
const NEEDS_AN_OPERATOR = new Set([
  ...NOT_MIGRATED_ERRNOS,
  ...ACCESS_DENIED_ERRNOS,
  NO_DATABASE_ERRNO,
]);

function causeOf(error: unknown): { errno?: unknown; code?: unknown } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // Ours, classified already: the driver's error is (beneath) its cause.
  if (error instanceof DatabaseError) {
    const inner = error.cause;
    return causeOf(inner) ?? (typeof inner === 'object' && inner !== null ? inner : undefined);
  }
  const parent =
    (error as { parent?: unknown; original?: unknown }).parent ??
    (error as { original?: unknown }).original;
  return typeof parent === 'object' && parent !== null
    ? (parent as { errno?: unknown; code?: unknown })
    : undefined;
}

export function isRetriableDbError(error: unknown): boolean {
  if (error instanceof DatabaseError) return error.retriable;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  const candidates = [error, causeOf(error)].filter(
    (e): e is { errno?: unknown; code?: unknown } => typeof e === 'object' && e !== null,
  );
  for (const candidate of candidates) {
    if (
      typeof candidate.errno === 'number' &&
      (TRANSIENT_ERRNOS.has(candidate.errno) ||
        TRANSIENT_DRIVER_ERRNOS.has(candidate.errno) ||
        FULL_ERRNOS.has(candidate.errno))
    )
      return true;
    if (typeof candidate.code === 'string' && TRANSIENT_CODES.has(candidate.code)) return true;
  }
  const errno = errnoOf(error);
  if (errno !== undefined && NEEDS_AN_OPERATOR.has(errno)) return true;
  // Anything else (a Sequelize DatabaseError or BaseError included) is a statement problem.
  return false;
}

/**
 * A short name for metrics and logs: deadlock, lock_timeout, full, connection, not_migrated,
 * no_database, access_denied, other.
 */
export function dbErrorKind(error: unknown): string {
  const errno = errnoOf(error);
  if (errno === 1213) return 'deadlock';
  if (errno === 1205) return 'lock_timeout';
  if (errno !== undefined && FULL_ERRNOS.has(errno)) return 'full';
  const kind = dbFailureKind(error);
  return kind === 'unreachable' || kind === 'transient' ? 'connection' : kind;
}

/**
 * Why a statement failed, in the terms an operator acts on:
 * - `not_migrated`: a table or column is missing — run the migrations;
 * - `no_database`: the database itself does not exist — create it (`npm run stack:up`);
 * - `access_denied`: the user may not log in or read — check the user, password and grants;
 * - `unreachable`: the server cannot be reached or went away — it may come back by itself;
 * - `transient`: a deadlock or lock wait timeout — try again; a full table or disk — free
 *   space, and it passes;
 * - `other`: anything else (a statement the data makes invalid, a bug).
 */
export type DbFailureKind =
  'not_migrated' | 'no_database' | 'access_denied' | 'unreachable' | 'transient' | 'other';

function errnoOf(error: unknown): number | undefined {
  for (const candidate of [causeOf(error), error]) {
    const errno = (candidate as { errno?: unknown } | undefined)?.errno;
    if (typeof errno === 'number') return errno;
  }
  return undefined;
}

export function dbFailureKind(error: unknown): DbFailureKind {
  if (error instanceof DatabaseError) return error.kind;
  if (typeof error !== 'object' || error === null) return 'other';
  const errno = errnoOf(error);
  if (errno !== undefined && NOT_MIGRATED_ERRNOS.has(errno)) return 'not_migrated';
  if (errno === NO_DATABASE_ERRNO) return 'no_database';
  if (
    error instanceof AccessDeniedError ||
    (errno !== undefined && ACCESS_DENIED_ERRNOS.has(errno))
  )
    return 'access_denied';
  if (errno === 1213 || errno === 1205) return 'transient';
  if (errno !== undefined && FULL_ERRNOS.has(errno)) return 'transient';
  if (isRetriableDbError(error)) return 'unreachable';
  return 'other';
}

/**
 * A database call failed. `kind` says why (dbFailureKind), `retriable` whether waiting can
 * help (isRetriableDbError): the server unreachable or read-only, a deadlock, a lock wait
 * timeout, too many connections, a full table or disk, a schema not migrated or a grant
 * missing. The driver's error is the cause.
 */
export class DatabaseError extends PipelineError {
  readonly kind: DbFailureKind;

  constructor(cause: unknown) {
    const kind = dbFailureKind(cause);
    super(errorMessage(cause), {
      cause,
      retriable: isRetriableDbError(cause),
      code: `database_${kind}`,
    });
    this.kind = kind;
  }
}

/** What a database call threw, as a DatabaseError; a bug of ours passes through unchanged. */
export function asDatabaseError(error: unknown): unknown {
  if (error instanceof DatabaseError || isProgrammerError(error)) return error;
  return new DatabaseError(error);
}
