import { useMemo, useRef } from 'preact/hooks';
import type { Fetch } from '../api/http';
import type { ConsoleStatus } from '../api/status';
import { ControlsSection } from '../controls/ControlsSection';
import { HealthBadges } from '../health/HealthBadges';
import { PipelineSection } from '../pipeline/PipelineSection';
import { useNow } from '../polling/use-now';
import { usePoll, type Polled } from '../polling/use-poll';
import { prizesHash } from '../routing/route';
import { useRoute } from '../routing/use-route';
import { RunsSection } from '../runs/RunsSection';
import { createApiClient } from './api-client';
import { ConnectionBanner } from './ConnectionBanner';
import { DataSection } from './DataSection';
import { RenderFailure } from './RenderFailure';

/** How often each resource is read while the tab is visible. */
export const POLL_MS = { status: 2000, readiness: 5000, runs: 5000 } as const;

/** The pipeline section with its own clock, so that only it re-renders every second. */
function PipelineSectionTicking({ status }: { status: Polled<ConsoleStatus> }) {
  return <PipelineSection status={status} now={useNow()} />;
}

/** The console: wires the API, the polled resources and the route to the sections. */
export function App({ fetchFn }: { fetchFn: Fetch }) {
  const api = useMemo(() => createApiClient(fetchFn), [fetchFn]);
  const status = usePoll(api.status, POLL_MS.status);
  const readiness = usePoll(api.readiness, POLL_MS.readiness);
  const runs = usePoll(api.runs, POLL_MS.runs);
  const route = useRoute();
  const lastList = useRef('#/prizes');
  if (route.view === 'prizes') lastList.current = prizesHash(route.filters);

  return (
    <>
      <header class="top">
        <h1>Nobel pipeline</h1>
        <HealthBadges readiness={readiness} />
      </header>
      <main>
        <ConnectionBanner status={status} />
        <div class="grid">
          <RenderFailure what="pipeline's state">
            <PipelineSectionTicking status={status} />
          </RenderFailure>
          <ControlsSection
            api={api}
            onAccepted={() => {
              status.refresh();
              runs.refresh();
            }}
          />
        </div>
        <RenderFailure what="fetch runs">
          <RunsSection runs={runs} />
        </RenderFailure>
        <RenderFailure what="data">
          <DataSection api={api} route={route} backHref={lastList.current} />
        </RenderFailure>
      </main>
    </>
  );
}
