import type { Middleware } from 'koa';
import type { SchemaState } from '@nobel-pipeline/db';
import type { AppState } from '../http/state';
import {
  describeState,
  stateOfFailure,
  stateOfSchema,
  unavailableError,
  type DatabaseState,
} from './database-state';

export interface DatabaseGateDeps {
  /** Reads the schema's state (`readSchemaState` on the service's connection). */
  readSchema: () => Promise<SchemaState>;
  /** How long a state is trusted before it is read again. */
  ttlMs?: number;
  now?: () => number;
}

export interface DatabaseGate {
  /** The current state: read again once `ttlMs` has passed, or after a failed read. */
  state(): Promise<DatabaseState>;
  /**
   * Throws the 503 that says why, unless the database is migrated and readable. Handlers call
   * it after validating their input (a bad query is a 400 whatever the database's state).
   */
  assertReady(): Promise<void>;
  /**
   * Middleware for the routes that read the database: a read that fails because a table or
   * column is missing, the server is gone or the user may not read becomes the same 503,
   * never a 500.
   */
  middleware(): Middleware<AppState>;
}

/** Long enough to cost nothing per request, short enough that `npm run migrate` shows at once. */
export const DATABASE_STATE_TTL_MS = 2000;

export function createDatabaseGate(deps: DatabaseGateDeps): DatabaseGate {
  const ttlMs = deps.ttlMs ?? DATABASE_STATE_TTL_MS;
  const now = deps.now ?? Date.now;
  let cached: { state: DatabaseState; at: number } | undefined;
  let reading: Promise<DatabaseState> | undefined;

  async function read(): Promise<DatabaseState> {
    try {
      return stateOfSchema(await deps.readSchema());
    } catch (error) {
      return stateOfFailure(error);
    }
  }

  function state(): Promise<DatabaseState> {
    if (cached !== undefined && now() - cached.at < ttlMs) return Promise.resolve(cached.state);
    // Concurrent requests share one read.
    reading ??= read().then((fresh) => {
      cached = { state: fresh, at: now() };
      reading = undefined;
      return fresh;
    });
    return reading;
  }

  async function assertReady(): Promise<void> {
    const current = await state();
    if (current.status !== 'ready') throw unavailableError(current);
  }

  function middleware(): Middleware<AppState> {
    return async (ctx, next) => {
      try {
        await next();
      } catch (error) {
        let failure = stateOfFailure(error);
        if (failure.status === 'unavailable' && failure.reason === 'error') throw error;
        // Something changed under the service (a table dropped, the server gone): read the
        // state again, which also says what is missing.
        cached = undefined;
        const fresh = await state();
        if (failure.status === 'not_migrated' && fresh.status === 'not_migrated') failure = fresh;
        ctx.state.log.warn({ err: error, database: failure }, describeState(failure));
        throw unavailableError(failure, error);
      }
    };
  }

  return { state, assertReady, middleware };
}
