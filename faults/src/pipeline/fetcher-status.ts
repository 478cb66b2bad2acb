import { isDeepStrictEqual } from 'node:util';
import type { DesiredState } from '@nobel-pipeline/schemas';

/** What the scenarios read of the fetcher's own GET /status. */
export interface FetcherStatus {
  active: boolean;
  desired: DesiredState;
  running: { trigger: string } | null;
  waiting: string[];
}

export async function fetcherStatus(fetcherUrl: string): Promise<FetcherStatus> {
  const response = await fetch(`${fetcherUrl}/status`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${fetcherUrl}/status: HTTP ${response.status}`);
  // The fetcher's status view (fetcher/src/control/status-view.ts); the fields read here.
  return (await response.json()) as FetcherStatus;
}

/** The active fetcher has the desired state, no run in flight and none waiting. */
export function settledAt(status: FetcherStatus, desired: DesiredState): boolean {
  return (
    status.active &&
    isDeepStrictEqual(status.desired, desired) &&
    status.running === null &&
    status.waiting.length === 0
  );
}
