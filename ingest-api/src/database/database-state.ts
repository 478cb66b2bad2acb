import { dbFailureKind, type DbFailureKind, type SchemaState } from '@nobel-pipeline/db';
import { ServiceUnavailableError, type ErrorDetail, type HttpError } from '../errors';

/**
 * What ingest-api knows of its database. It never migrates (the sink and `npm run migrate`
 * do): it checks, and says what is missing instead of failing with a 500.
 */
export type DatabaseState =
  | { status: 'ready' }
  | { status: 'not_migrated'; pending: string[]; missingTables: string[] }
  | { status: 'unavailable'; reason: UnavailableReason };

/** Why the database cannot be used, in words an operator acts on. */
export type UnavailableReason = 'unreachable' | 'access_denied' | 'no_database' | 'error';

export const MIGRATE_COMMAND = 'npm run migrate';

const REASONS: Record<UnavailableReason, string> = {
  unreachable: 'the database server cannot be reached; the service reconnects by itself',
  access_denied:
    "ingest-api's account may not log in or read the tables: check DB_API_USER, DB_API_PASSWORD and its grants (SELECT on the database)",
  no_database:
    'the database does not exist: `npm run stack:up` creates it (or create it yourself), then `npm run migrate`',
  error: 'the database answered with an error (see the ingest-api log)',
};

function reasonOf(kind: DbFailureKind): UnavailableReason {
  if (kind === 'unreachable' || kind === 'transient') return 'unreachable';
  if (kind === 'access_denied' || kind === 'no_database') return kind;
  return 'error';
}

/** The state a failed database call reveals: not migrated, or unavailable for a reason. */
export function stateOfFailure(error: unknown): Exclude<DatabaseState, { status: 'ready' }> {
  const kind = dbFailureKind(error);
  if (kind === 'not_migrated') return { status: 'not_migrated', pending: [], missingTables: [] };
  return { status: 'unavailable', reason: reasonOf(kind) };
}

export function stateOfSchema(schema: SchemaState): DatabaseState {
  return schema.current
    ? { status: 'ready' }
    : { status: 'not_migrated', pending: schema.pending, missingTables: schema.missingTables };
}

/** One line for logs, /readyz and /status. */
export function describeState(state: DatabaseState): string {
  switch (state.status) {
    case 'ready':
      return 'migrated and readable';
    case 'not_migrated': {
      const parts = [
        state.pending.length > 0 ? `pending migrations: ${state.pending.join(', ')}` : '',
        state.missingTables.length > 0 ? `missing tables: ${state.missingTables.join(', ')}` : '',
      ].filter((p) => p !== '');
      return `the database is not migrated${parts.length > 0 ? ` (${parts.join('; ')})` : ''}: run \`${MIGRATE_COMMAND}\` (the sink also migrates at start-up)`;
    }
    case 'unavailable':
      return REASONS[state.reason];
  }
}

/** The 503 a read answers while the database is not usable. */
export function unavailableError(
  state: Exclude<DatabaseState, { status: 'ready' }>,
  cause?: unknown,
): HttpError {
  if (state.status === 'not_migrated') {
    const details: ErrorDetail[] = [
      ...state.pending.map((m) => ({ path: 'migrations', problem: `not applied: ${m}` })),
      ...state.missingTables.map((t) => ({ path: 'tables', problem: `missing: ${t}` })),
    ];
    return new ServiceUnavailableError(
      'database_not_migrated',
      `The database is not migrated: run \`${MIGRATE_COMMAND}\` (or start the sink, which migrates at start-up)`,
      { cause, details },
    );
  }
  return new ServiceUnavailableError(
    'database_unavailable',
    `The database cannot be used: ${REASONS[state.reason]}`,
    { cause, details: [{ path: 'database', problem: state.reason }] },
  );
}
