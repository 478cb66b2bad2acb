import type { ConsoleStatus } from '../api/status';
import { UNREACHABLE } from '../api/describe-failure';
import { formatUpdatedAgo } from '../format/duration';
import { useNow } from '../polling/use-now';
import type { Polled } from '../polling/use-poll';

/** How fresh the status is, and a banner while ingest-api does not answer. */
export function ConnectionBanner({ status }: { status: Polled<ConsoleStatus> }) {
  const now = useNow();
  const unreachable = status.failure?.kind === 'network';
  return (
    <>
      {unreachable && (
        <p class="banner" role="alert" data-testid="unreachable">
          {UNREACHABLE}
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
