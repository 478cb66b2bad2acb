import { activeFetcherText, nextRunAt, type ConsoleStatus } from '../api/status';
import { formatCountdown, formatWholeSeconds } from '../format/duration';
import type { Polled } from '../polling/use-poll';
import { Time } from '../app/Time';
import { DlqCounts } from './DlqCounts';
import { LagTable } from './LagTable';
import { RunInFlight } from './RunInFlight';

function intervalText(seconds: number | null): string {
  return seconds === null ? 'not set' : `every ${formatWholeSeconds(seconds)} (${seconds} s)`;
}

function NextRun({ status, now }: { status: ConsoleStatus; now: number }) {
  const at = nextRunAt(status);
  return (
    <p>
      Next run:{' '}
      <span data-testid="next-run" title={at ?? undefined}>
        {at === null ? 'none scheduled' : formatCountdown(at, now)}
      </span>
    </p>
  );
}

function Fetcher({ status }: { status: ConsoleStatus }) {
  const { fetcher } = status;
  const active = activeFetcherText(fetcher.instances);
  return (
    <dl class="facts">
      <dt>Desired state</dt>
      <dd>
        <strong data-testid="desired-state" class={`state state-${fetcher.desiredState}`}>
          {fetcher.desiredState}
        </strong>
      </dd>
      <dt>Interval</dt>
      <dd>{intervalText(fetcher.intervalSeconds)}</dd>
      <dt>Fetcher</dt>
      <dd data-testid="fetcher-instances">{active}</dd>
      <dt>Last command</dt>
      <dd data-testid="last-command">
        {fetcher.lastCommand === null ? (
          'none'
        ) : (
          <>
            <code>{fetcher.lastCommand.commandId}</code>
            {fetcher.lastCommand.issuedAt !== null && (
              <>
                {' '}
                at <Time iso={fetcher.lastCommand.issuedAt} />
              </>
            )}
          </>
        )}
      </dd>
      <dt>Database</dt>
      <dd>
        {status.database.status}
        {status.database.status !== 'ready' && `: ${status.database.message}`}
      </dd>
    </dl>
  );
}

/** The pipeline as /status sees it: the fetcher's state and runs, the sink's lag, dead letters. */
export function PipelineSection({ status, now }: { status: Polled<ConsoleStatus>; now: number }) {
  const body = status.data;
  return (
    <section aria-labelledby="pipeline-heading" class="card">
      <h2 id="pipeline-heading">Pipeline</h2>
      {body === null ? (
        <p>{status.failure === null ? 'Reading the status…' : 'No status yet.'}</p>
      ) : (
        <>
          <Fetcher status={body} />
          <RunInFlight live={body.fetcher.live} />
          <NextRun status={body} now={now} />
          <LagTable sink={body.sink} />
          <DlqCounts dlq={body.dlq} />
        </>
      )}
    </section>
  );
}
