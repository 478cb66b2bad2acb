import type { RunInFlight, StatusBody } from '@nobel-pipeline/schemas';

/**
 * GET /status as the console reads it: the schemas' StatusBody. The console is served by the
 * ingest-api it talks to, so the two are always of the same version.
 */
export type ConsoleStatus = StatusBody;
export type FetcherInstance = NonNullable<StatusBody['fetcher']['instances']>[number];
/** What the active fetcher says of itself: null when no fetcher's address is configured. */
export type FetcherLive = StatusBody['fetcher']['live'];
export type DlqCounts = StatusBody['dlq'];

/** When the next run is expected: the fetcher's own word first, then ingest-api's estimate. */
export function nextRunAt(status: ConsoleStatus): string | null {
  const live = status.fetcher.live;
  if (live !== null && 'nextRunAt' in live && live.nextRunAt !== null) return live.nextRunAt;
  return status.nextRunExpectedAt;
}

/** The active fetcher in words: "active: fetcher-1 on host-a", or why there is none. */
export function activeFetcherText(instances: FetcherInstance[] | null): string {
  if (instances === null) return 'the fetcher group could not be read';
  const active = instances.filter((i) => i.active);
  if (active.length === 0) return 'no fetcher is active';
  return `active: ${active.map((i) => `${i.clientId} on ${i.host}`).join(', ')}`;
}

/** The run in flight in words: "running (FETCH_NOW) since 12:00:01: page 2 of 3". */
export function runInFlightText(run: RunInFlight, since: string): string {
  const page =
    run.pagesTotal === null
      ? `page ${run.pagesRead}`
      : `page ${run.pagesRead} of ${run.pagesTotal}`;
  return `running (${run.trigger}) since ${since}: ${page}`;
}
