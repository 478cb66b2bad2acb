import { errorMessage, type PartitionLag, type TopicRecords } from '@nobel-pipeline/common';
import type { PrizeReader } from '@nobel-pipeline/db';
import { describeState, stateOfFailure, type DatabaseState } from '../database/database-state';
import type { StatusBody } from '@nobel-pipeline/schemas';
import type { FollowedDesiredState } from './desired-state';
import type { FetcherInstance } from './fetcher-group';
import type { FetcherLive } from './fetcher-live';

export interface StatusDeps {
  desired: () => FollowedDesiredState;
  reader: Pick<PrizeReader, 'lastRun'>;
  /** The database's state (the gate's): the last run is read only when it is ready. */
  database: () => Promise<DatabaseState>;
  lag: () => Promise<PartitionLag[]>;
  /** The members of the fetcher's consumer group. */
  instances: () => Promise<FetcherInstance[]>;
  /** The active fetcher's run in flight; undefined when no fetcher's address is configured. */
  live: (() => Promise<FetcherLive>) | undefined;
  /** Records in the DLQ topics. */
  dlq: () => Promise<TopicRecords[]>;
  fetchIntervalSeconds: number;
}

/** What failed becomes its reason, so that one part of the status never hides the others. */
async function orError<T>(read: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await read();
  } catch (error) {
    return { error: errorMessage(error) };
  }
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
    const [{ lastRun, database }, lag, instances, live, dlq] = await Promise.all([
      lastRunAndDatabase(),
      orError(deps.lag),
      orError(deps.instances),
      deps.live === undefined ? null : deps.live(),
      orError(deps.dlq),
    ]);
    const interval = desired.intervalSeconds ?? deps.fetchIntervalSeconds;
    const nextRunExpectedAt =
      desired.state === 'STARTED' && lastRun !== null
        ? new Date(Date.parse(lastRun.startedAt) + interval * 1000).toISOString()
        : null;
    const sink = 'error' in lag ? lag : { lag, totalLag: lag.reduce((n, p) => n + p.lag, 0) };
    return {
      fetcher: {
        desiredState: desired.known ? desired.state : 'UNKNOWN',
        intervalSeconds: desired.state === 'STARTED' ? interval : null,
        lastCommand:
          desired.commandId === null
            ? null
            : { commandId: desired.commandId, issuedAt: desired.issuedAt },
        instances,
        live,
      },
      lastRun,
      nextRunExpectedAt,
      sink,
      database,
      dlq: 'error' in dlq ? dlq : { topics: dlq, total: dlq.reduce((n, t) => n + t.records, 0) },
    };
  };
}

export type StatusService = ReturnType<typeof createStatusService>;
