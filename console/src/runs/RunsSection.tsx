import type { RunList } from '@nobel-pipeline/schemas';
import { Failure } from '../app/Failure';
import type { Polled } from '../polling/use-poll';
import { RunsChart } from './RunsChart';
import { RunsTable } from './RunsTable';

/** The latest fetch runs: a chart over time and a table, newest first. */
export function RunsSection({ runs }: { runs: Polled<RunList> }) {
  const items = runs.data?.items ?? null;
  return (
    <section aria-labelledby="runs-heading" class="card">
      <h2 id="runs-heading">Fetch runs</h2>
      <Failure failure={runs.failure} />
      {items === null && runs.failure === null && <p>Reading the runs…</p>}
      {items !== null && items.length === 0 && <p data-testid="runs-empty">No runs yet</p>}
      {items !== null && items.length > 0 && (
        <>
          <RunsChart runs={items} />
          <RunsTable runs={items} />
        </>
      )}
    </section>
  );
}
