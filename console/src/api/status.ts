import type { RunInFlight, StatusBody } from '@nobel-pipeline/schemas';

/**
 * GET /status as the console reads it: the schemas' StatusBody. The console is served by the
 * ingest-api it talks to, so the two are always of the same version.
 */
export type ConsoleStatus = StatusBody;
export type FetcherGroup = StatusBody['fetcher']['instances'];
/** What the active fetcher says of itself: null when no fetcher's address is configured. */
export type FetcherLive = StatusBody['fetcher']['live'];
export type DlqCounts = StatusBody['dlq'];

/** When the next run is expected: the fetcher's own word first, then ingest-api's estimate. */
export function nextRunAt(status: ConsoleStatus): string | null {
  const live = status.fetcher.live;
  if (live !== null && 'nextRunAt' in live && live.nextRunAt !== null) return live.nextRunAt;
  return status.nextRunExpectedAt;
}

/**
 * The fetcher group in words: "active: fetcher-5c1e… on 10.0.0.2; 1 standing by", or why there
 * is none. Instances share a client id by default, so each is named by its Kafka member id.
 */
export function activeFetcherText(group: FetcherGroup): string {
  if ('error' in group) return `the fetcher group could not be read: ${group.error}`;
  const active = group.filter((i) => i.active);
  const standing = group.length - active.length;
  const waiting = standing === 0 ? '' : `; ${standing} standing by`;
  if (active.length === 0)
    return group.length === 0 ? 'no fetcher is running' : `no fetcher is active${waiting}`;
  return `active: ${active.map((i) => `${i.memberId} on ${i.host}`).join(', ')}${waiting}`;
}

/** The run in flight in words: "running (FETCH_NOW) since 12:00:01: page 2 of 3". */
export function runInFlightText(run: RunInFlight, since: string): string {
  const page =
    run.pagesTotal === null
      ? `page ${run.pagesRead}`
      : `page ${run.pagesRead} of ${run.pagesTotal}`;
  return `running (${run.trigger}) since ${since}: ${page}`;
}
