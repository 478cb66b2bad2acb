import type { ConsoleStatus } from '../api/status';
import { describeReadFailure } from '../api/describe-failure';
import { formatUpdatedAgo } from '../format/duration';
import { useNow } from '../polling/use-now';
import type { Polled } from '../polling/use-poll';

/**
 * How fresh the status is, and a banner while GET /status fails — ingest-api unreachable, or
 * answering an error — so that what the page shows is never taken for the current state.
 */
export function ConnectionBanner({ status }: { status: Polled<ConsoleStatus> }) {
  const now = useNow();
  const failure = status.failure;
  return (
    <>
      {failure !== null && (
        <p class="banner" role="alert" data-testid="unreachable">
          {describeReadFailure(failure)}
          {status.updatedAt !== null &&
            ` — showing what it said last (${formatUpdatedAgo(status.updatedAt, now)})`}
        </p>
      )}
      <p class="updated muted" data-testid="status-updated">
        {status.updatedAt === null
          ? 'waiting for the first status'
          : formatUpdatedAgo(status.updatedAt, now)}
      </p>
    </>
  );
}
