import type { FetcherLive } from '../api/status';
import { runInFlightText } from '../api/status';
import { localTime } from '../format/time';

/** The run the active fetcher is doing now, with its progress through the pages. */
export function RunInFlight({ live }: { live: FetcherLive }) {
  if (live === null) return <p>Current run: not reported (live status not configured)</p>;
  if ('error' in live) return <p class="problem">Current run unavailable: {live.error}</p>;
  const run = live.running;
  if (run === null) return <p data-testid="run-in-flight">Current run: idle</p>;
  const text = runInFlightText(run, localTime(run.since));
  return (
    <div class="in-flight">
      <p data-testid="run-in-flight" title={run.since}>
        Current run: {text}
      </p>
      {/* Without a total the progress is indeterminate: a bar that moves, no value. */}
      {run.pagesTotal === null ? (
        <progress aria-label="Pages read" />
      ) : (
        <progress aria-label="Pages read" value={run.pagesRead} max={Math.max(1, run.pagesTotal)} />
      )}
    </div>
  );
}
