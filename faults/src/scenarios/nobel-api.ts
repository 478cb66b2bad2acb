import { defaultSnapshotRecords } from '@nobel-pipeline/nobel-mirror';
import type { FetchRunView } from '@nobel-pipeline/schemas';
import { waitFor } from '@nobel-pipeline/test-utils';
import {
  lostCommands,
  lostCommandsFailures,
  postCommand,
  readCommands,
  type CommandAnswer,
} from '../pipeline/commands';
import { fetcherStatus } from '../pipeline/fetcher-status';
import { mirrorAdmin, type MirrorFault } from '../pipeline/mirror';
import { until, withPipeline } from '../pipeline/pipeline';
import { storedRuns } from '../pipeline/runs';
import { outcomeOf } from './outcome';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

/** The fetcher's limits here: 1 s per request, 3 retries, pages of 100. */
const FETCHER_ENV = {
  NOBEL_TIMEOUT_MS: '1000',
  NOBEL_RETRIES: '3',
  NOBEL_RETRY_BASE_MS: '50',
  NOBEL_PAGE_SIZE: '100',
  RUN_DEADLINE_SECONDS: '60',
};

/** One fault case: what the mirror does to the run, and what the run must end as. */
export interface FaultCase {
  name: string;
  faults: MirrorFault[];
  /** SUCCEEDED: retries must carry it; FAILED: it cannot succeed, it must fail cleanly. */
  expect: 'SUCCEEDED' | 'FAILED';
}

export const FAULT_CASES: readonly FaultCase[] = [
  // Those that fail first, while the run has everything to publish: a partial publication
  // would show. Then those that retries carry; the first of them publishes everything.
  {
    name: 'timeouts beyond the retries',
    faults: [{ type: 'latency', ms: 2500, times: 10, path: 'laureates', offset: 300 }],
    expect: 'FAILED',
  },
  {
    name: '503 beyond the retries',
    faults: [{ type: 'status', status: 503, times: 10, path: 'laureates', offset: 0 }],
    expect: 'FAILED',
  },
  {
    name: 'endless pages',
    faults: [{ type: 'endless', ms: 0, path: 'nobelPrizes' }],
    expect: 'FAILED',
  },
  {
    name: 'timeout once',
    faults: [{ type: 'latency', ms: 2500, path: 'nobelPrizes', offset: 100 }],
    expect: 'SUCCEEDED',
  },
  { name: '503 twice', faults: [{ type: 'status', status: 503, times: 2 }], expect: 'SUCCEEDED' },
  {
    name: '429 Retry-After 1',
    faults: [{ type: 'rate-limit', retryAfter: 1, path: 'laureates' }],
    expect: 'SUCCEEDED',
  },
  {
    name: 'malformed body',
    faults: [{ type: 'malformed', path: 'nobelPrizes' }],
    expect: 'SUCCEEDED',
  },
  {
    name: 'truncated body',
    faults: [{ type: 'truncated', path: 'laureates', offset: 200 }],
    expect: 'SUCCEEDED',
  },
  { name: 'connection reset', faults: [{ type: 'reset' }], expect: 'SUCCEEDED' },
];

/** The short run: one fault of each kind that matters most. */
const SHORT_CASES = new Set([
  'timeout once',
  '429 Retry-After 1',
  'truncated body',
  'endless pages',
  '503 beyond the retries',
]);

/** Asks for a run and waits for its FetchRun (the newest, once there is one more). */
async function oneRun(
  api: string,
  fetcherUrl: string,
  answers: CommandAnswer[],
  waitRun: (done: () => Promise<boolean>) => Promise<void>,
): Promise<FetchRunView> {
  const before = (await storedRuns(api)).length;
  const answer = await postCommand(api, 'FETCH_NOW');
  answers.push(answer);
  if (answer.status !== 202) throw new Error(`POST /fetch answered ${answer.status}`);
  await waitRun(
    async () =>
      (await storedRuns(api)).length > before && (await fetcherStatus(fetcherUrl)).running === null,
  );
  const newest = (await storedRuns(api))[0];
  if (newest === undefined) throw new Error('no FetchRun stored');
  return newest;
}

async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const cases = FAULT_CASES.filter((c) => !context.short || SHORT_CASES.has(c.name));
  return withPipeline(context, 'nobel-api', FETCHER_ENV, async (pipeline) => {
    const { processes } = pipeline;
    const mirror = mirrorAdmin(processes.env.NOBEL_API_URL ?? '');
    const answers: CommandAnswer[] = [];
    const failures: string[] = [];
    const waitRun = (done: () => Promise<boolean>) =>
      until(pipeline, 'the run to end and its FetchRun to be stored', done, 120_000);
    const outcomes: { case: string; runId: string; outcome: string; error: string | null }[] = [];
    for (const fault of cases) {
      await mirror.inject(fault.faults);
      const result = await oneRun(processes.api, processes.fetcherUrl, answers, waitRun);
      outcomes.push({
        case: fault.name,
        runId: result.runId,
        outcome: result.outcome,
        error: result.error,
      });
      context.log(
        `${fault.name}: ${result.outcome}${result.error === null ? '' : ` (${result.error})`}`,
      );
      if (result.outcome !== fault.expect)
        failures.push(
          `${fault.name}: the run ended ${result.outcome}, expected ${fault.expect}${result.error === null ? '' : ` (${result.error})`}`,
        );
      if (result.outcome === 'FAILED' && (result.error ?? '') === '')
        failures.push(`${fault.name}: a FAILED run without its error`);
    }
    await mirror.clear();
    const lifted = Date.now();
    const last = await oneRun(processes.api, processes.fetcherUrl, answers, waitRun);
    outcomes.push({
      case: 'no fault',
      runId: last.runId,
      outcome: last.outcome,
      error: last.error,
    });
    if (last.outcome !== 'SUCCEEDED')
      failures.push(`the run after the faults ended ${last.outcome}: ${last.error ?? ''}`);
    await until(pipeline, 'the sink to catch up', () => pipeline.sinkCaughtUp());
    const recoverySeconds = (Date.now() - lifted) / 1000;
    const check = await pipeline.checker.check();

    // Nothing partial: a run that did not succeed published no event (its transaction).
    for (const o of outcomes)
      if (o.outcome !== 'SUCCEEDED' && (check.eventsByRun.get(o.runId) ?? 0) > 0)
        failures.push(
          `${o.case}: the ${o.outcome} run ${o.runId} published ${check.eventsByRun.get(o.runId)} events`,
        );
    // Complete: every record the mirror serves is in the tables.
    const served = {
      prizes: defaultSnapshotRecords('nobelPrizes').length,
      laureates: defaultSnapshotRecords('laureates').length,
    };
    const stored = { prizes: check.prizes.stored, laureates: check.laureates.stored };
    if (stored.prizes !== served.prizes || stored.laureates !== served.laureates)
      failures.push(
        `stored ${JSON.stringify(stored)}, the mirror serves ${JSON.stringify(served)}`,
      );
    const commands = await readCommands(
      context.kafka,
      context.config.test.registry.url,
      processes.topics.commands,
    );
    const lost = lostCommands(answers, commands);
    failures.push(...lostCommandsFailures(lost));
    const status = await waitFor(() => fetcherStatus(processes.fetcherUrl));
    return outcomeOf(check, {
      injected: `${cases.length} source faults, a run each (${cases.filter((c) => c.expect === 'FAILED').length} unrecoverable)`,
      recoverySeconds,
      failures,
      commands: { stored: commands.length, lost: lost.length },
      details: { runs: outcomes, fetcherDesired: status.desired },
    });
  });
}

export const nobelApi: Scenario = {
  name: 'nobel-api',
  description:
    'the mirror answers late, 503, 429 with Retry-After, malformed, truncated, reset and endless; each run succeeds after retries or fails cleanly, publishes nothing partial, and the next run is complete',
  needs: { snapshot: true },
  inShortRun: false,
  run,
};
