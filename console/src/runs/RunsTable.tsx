import type { FetchRunView } from '@nobel-pipeline/schemas';
import { durationBetween, formatDuration } from '../format/duration';
import { Time } from '../app/Time';
import { sourcesText } from './sources-text';

function durationText(run: FetchRunView): string {
  const ms = durationBetween(run.startedAt, run.finishedAt);
  return ms === null ? '—' : formatDuration(ms);
}

/** The runs, newest first, one row each. */
export function RunsTable({ runs }: { runs: readonly FetchRunView[] }) {
  return (
    <div class="table-wrap">
      <table data-testid="runs-table" class="wide">
        <caption>The latest fetch runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Trigger</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Pages</th>
            <th scope="col">Seen</th>
            <th scope="col">Changed</th>
            <th scope="col">Missing</th>
            <th scope="col">By source</th>
            <th scope="col">Outcome</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.runId}>
              <td>{run.trigger}</td>
              <td>
                <Time iso={run.startedAt} />
              </td>
              <td class="num">{durationText(run)}</td>
              <td class="num">{run.pages}</td>
              <td class="num">{run.prizesSeen}</td>
              <td class="num">{run.prizesChanged}</td>
              <td class="num">{run.prizesMissing}</td>
              <td>{sourcesText(run)}</td>
              <td class={`outcome outcome-${run.outcome}`}>{run.outcome}</td>
              <td class="error-cell">{run.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
