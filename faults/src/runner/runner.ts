import { errorMessage } from '@nobel-pipeline/common';
import { seededRandom, within, type Within } from '@nobel-pipeline/test-utils';
import type { ScenarioResult, SuiteReport } from '../report/result';
import type { Scenario, ScenarioContext, ScenarioOutcome } from '../scenarios/scenario';
import { unmetNeed, type StackFacts } from './needs';

/** What a scenario may take when it does not say (minutes): far more than any takes here. */
export const SCENARIO_MINUTES = { short: 15, full: 45 } as const;

/** How long a scenario past its time has to stop what it started and return. */
export const ABORT_GRACE_MS = 180_000;

export interface RunnerDeps {
  /** The context each scenario gets, less its own random generator, log prefix and signal. */
  context: Omit<ScenarioContext, 'random' | 'log' | 'signal'>;
  /** The stack's facts, learned again before each scenario (one may have changed them). */
  facts(): Promise<StackFacts>;
  /** Starts again the servers that ran before a scenario and no longer do; says which. */
  restore(before: StackFacts): Promise<string[]>;
  /** One line of progress. */
  log(line: string): void;
  now?: () => Date;
  /** The milliseconds a scenario may take (tests shorten it); default from its `minutes`. */
  limitMs?: (scenario: Scenario, short: boolean) => number;
  /** After the abort, how long to wait for the scenario to return (default ABORT_GRACE_MS). */
  abortGraceMs?: number;
  /**
   * Aborted when the suite is interrupted (SIGINT, SIGTERM): the scenario under way stops what
   * it started and ends as an error, and the rest are skipped.
   */
  interrupt?: AbortSignal;
}

/** A scenario's time limit: its own minutes, or the runner's default. */
export function scenarioLimitMs(scenario: Scenario, short: boolean): number {
  const minutes = scenario.minutes ?? SCENARIO_MINUTES;
  return (short ? minutes.short : minutes.full) * 60_000;
}

/** Resolves when `signal` is aborted (never without one); `cancel` removes the listener. */
function whenAborted(signal: AbortSignal | undefined): {
  promise: Promise<'interrupted'>;
  cancel(): void;
} {
  let listener: (() => void) | undefined;
  const promise = new Promise<'interrupted'>((resolveAborted) => {
    if (signal === undefined) return;
    if (signal.aborted) return resolveAborted('interrupted');
    listener = () => resolveAborted('interrupted');
    signal.addEventListener('abort', listener, { once: true });
  });
  return {
    promise,
    cancel: () => {
      if (listener !== undefined) signal?.removeEventListener('abort', listener);
    },
  };
}

/** A scenario that did not return within its grace after it was stopped: it may still run. */
export class AbandonedScenarioError extends Error {}

/**
 * Runs a scenario within its limit. Past it, or when the suite is interrupted, the scenario's
 * signal is aborted (it stops what it started) and it gets `graceMs` to return; either way it
 * ends as an error saying why. One that does not return even then is abandoned
 * (AbandonedScenarioError): it may still be at work on the stack, so the runner runs nothing
 * more.
 */
async function runWithin(
  run: (signal: AbortSignal) => Promise<ScenarioOutcome>,
  options: { limitMs: number; graceMs: number; interrupt?: AbortSignal },
  log: (line: string) => void,
): Promise<ScenarioOutcome> {
  const { limitMs, graceMs } = options;
  const controller = new AbortController();
  const running = run(controller.signal);
  const interrupted = whenAborted(options.interrupt);
  let first: Within<ScenarioOutcome | 'interrupted'>;
  try {
    first = await within(Promise.race([running, interrupted.promise]), limitMs);
  } finally {
    interrupted.cancel();
  }
  if ('error' in first) throw first.error;
  if ('value' in first && first.value !== 'interrupted') return first.value;
  const minutes = (limitMs / 60_000).toFixed(1);
  const why = 'late' in first ? `did not finish within its ${minutes} min` : 'interrupted';
  log(`${'late' in first ? `still running after its ${minutes} min` : 'interrupted'}: stopping it`);
  controller.abort(new Error(why));
  const ended = await within(running, graceMs);
  if ('late' in ended)
    throw new AbandonedScenarioError(
      `${why}, and had not returned ${graceMs / 1000} s after it was stopped`,
    );
  throw new Error(why);
}

/** A seed per scenario name, so that two runs of a scenario draw the same numbers. */
function seedOf(name: string): number {
  let seed = 7;
  for (const char of name) seed = (seed * 31 + char.charCodeAt(0)) % 2 ** 31;
  return seed;
}

/**
 * Runs the scenarios one after the other: each is skipped (with the reason) when the stack
 * does not offer what it needs, and a scenario that throws is reported as an error; the
 * others run all the same.
 */
export async function runScenarios(
  scenarios: readonly Scenario[],
  deps: RunnerDeps,
): Promise<SuiteReport> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const results: ScenarioResult[] = [];
  let brokers = 0;
  // Set when a scenario did not return after it was stopped: nothing more runs beside it.
  let abandoned: string | undefined;
  for (const scenario of scenarios) {
    if (deps.interrupt?.aborted) {
      results.push({ name: scenario.name, status: 'skipped', reason: 'the suite was interrupted' });
      continue;
    }
    if (abandoned !== undefined) {
      results.push({
        name: scenario.name,
        status: 'skipped',
        reason: `${abandoned} did not return after it was stopped, and may still be at work`,
      });
      continue;
    }
    let facts: StackFacts;
    try {
      facts = await deps.facts();
    } catch (error) {
      const message = `the stack could not be described: ${errorMessage(error)}`;
      deps.log(`${scenario.name}: error: ${message}`);
      results.push({ name: scenario.name, status: 'error', seconds: 0, error: message });
      continue;
    }
    brokers = facts.brokers;
    const reason = unmetNeed(scenario.needs, facts);
    if (reason !== undefined) {
      deps.log(`${scenario.name}: skipped: ${reason}`);
      results.push({ name: scenario.name, status: 'skipped', reason });
      continue;
    }
    deps.log(`${scenario.name}: ${scenario.description}`);
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    try {
      const log = (line: string) => deps.log(`${scenario.name}: ${line}`);
      const outcome = await runWithin(
        (signal) =>
          scenario.run({
            ...deps.context,
            random: seededRandom(seedOf(scenario.name)),
            log,
            signal,
          }),
        {
          limitMs: (deps.limitMs ?? scenarioLimitMs)(scenario, deps.context.short),
          graceMs: deps.abortGraceMs ?? ABORT_GRACE_MS,
          interrupt: deps.interrupt,
        },
        log,
      );
      const status = outcome.failures.length === 0 ? 'passed' : 'failed';
      deps.log(`${scenario.name}: ${status} in ${seconds().toFixed(0)} s`);
      results.push({ name: scenario.name, status, seconds: seconds(), ...outcome });
    } catch (error) {
      if (error instanceof AbandonedScenarioError) abandoned = scenario.name;
      const message = error instanceof Error ? (error.stack ?? error.message) : errorMessage(error);
      deps.log(`${scenario.name}: error: ${message}`);
      results.push({
        name: scenario.name,
        status: 'error',
        seconds: seconds(),
        error: errorMessage(error).split('\n')[0] ?? 'unknown error',
      });
    } finally {
      const restored = await deps.restore(facts).catch((error: unknown) => {
        deps.log(`${scenario.name}: could not restore the stack: ${errorMessage(error)}`);
        return [];
      });
      if (restored.length > 0)
        deps.log(`${scenario.name}: started ${restored.join(', ')} again (left down)`);
    }
  }
  return { startedAt, short: deps.context.short, brokers, results };
}
