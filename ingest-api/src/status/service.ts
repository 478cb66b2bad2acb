import { errorMessage, type PartitionLag } from '@nobel-pipeline/common';
import type { PrizeReader } from '@nobel-pipeline/db';
import { describeState, stateOfFailure, type DatabaseState } from '../database/database-state';
import type { StatusBody } from '@nobel-pipeline/schemas';
import type { FollowedDesiredState } from './desired-state';

export interface StatusDeps {
  desired: () => FollowedDesiredState;
  reader: Pick<PrizeReader, 'lastRun'>;
  /** The database's state (the gate's): the last run is read only when it is ready. */
  database: () => Promise<DatabaseState>;
  lag: () => Promise<PartitionLag[]>;
  fetchIntervalSeconds: number;
}

/**
 * GET /status: what the pipeline is asked to do, what it last did, and how far behind the sink
 * is. It answers what it can: without a usable database the last run is null and `database`
 * says why; without Kafka, `sink` says why.
 */
export function createStatusService(deps: StatusDeps) {
  async function lastRunAndDatabase() {
    let state = await deps.database();
    let lastRun: Awaited<ReturnType<PrizeReader['lastRun']>> | null = null;
    if (state.status === 'ready') {
      try {
        lastRun = (await deps.reader.lastRun()) ?? null;
      } catch (error) {
        state = stateOfFailure(error);
      }
    }
    return { lastRun, database: { status: state.status, message: describeState(state) } };
  }

  return async function status(): Promise<StatusBody> {
    const desired = deps.desired();
    const { lastRun, database } = await lastRunAndDatabase();
    const interval = desired.intervalSeconds ?? deps.fetchIntervalSeconds;
    const nextRunExpectedAt =
      desired.state === 'STARTED' && lastRun !== null
        ? new Date(Date.parse(lastRun.startedAt) + interval * 1000).toISOString()
        : null;
    let sink: { lag: PartitionLag[]; totalLag: number } | { error: string };
    try {
      const lag = await deps.lag();
      sink = { lag, totalLag: lag.reduce((n, p) => n + p.lag, 0) };
    } catch (error) {
      sink = { error: errorMessage(error) };
    }
    return {
      fetcher: {
        desiredState: desired.known ? desired.state : 'UNKNOWN',
        intervalSeconds: desired.state === 'STARTED' ? interval : null,
        lastCommand:
          desired.commandId === null
            ? null
            : { commandId: desired.commandId, issuedAt: desired.issuedAt },
      },
      lastRun,
      nextRunExpectedAt,
      sink,
      database,
    };
  };
}

export type StatusService = ReturnType<typeof createStatusService>;
