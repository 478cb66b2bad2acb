import type { FetchRun } from '@nobel-pipeline/schemas';
import type { ControllerStatus } from './controller';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** A FetchRun as the HTTP APIs show it: times in ISO-8601 UTC, as ingest-api's /runs does. */
export function fetchRunView(run: FetchRun) {
  return { ...run, startedAt: iso(run.startedAt), finishedAt: iso(run.finishedAt) };
}

/**
 * The controller's state as GET /status shows it: times in ISO-8601 UTC, the same as
 * ingest-api's, and `null` (not an absent field) for what there is none of.
 */
export function statusView(status: ControllerStatus) {
  return {
    active: status.active,
    desired: status.desired,
    intervalSeconds: status.intervalSeconds,
    running:
      status.running === undefined
        ? null
        : {
            trigger: status.running.trigger,
            since: iso(status.running.since),
            pagesRead: status.running.pagesRead,
            pagesTotal: status.running.pagesTotal,
          },
    waiting: status.waiting,
    nextRunAt: status.nextRunAt === undefined ? null : iso(status.nextRunAt),
    lastRun: status.lastRun === undefined ? null : fetchRunView(status.lastRun),
  };
}
