import { errorMessage } from '@nobel-pipeline/common';
import { seededRandom } from '@nobel-pipeline/test-utils';
import type { ScenarioResult, SuiteReport } from '../report/result';
import type { Scenario, ScenarioContext } from '../scenarios/scenario';
import { unmetNeed, type StackFacts } from './needs';

export interface RunnerDeps {
  /** The context each scenario gets, less its own random generator and log prefix. */
  context: Omit<ScenarioContext, 'random' | 'log'>;
  /** The stack's facts, learned again before each scenario (one may have changed them). */
  facts(): Promise<StackFacts>;
  /** Starts again the servers that ran before a scenario and no longer do; says which. */
  restore(before: StackFacts): Promise<string[]>;
  /** One line of progress. */
  log(line: string): void;
  now?: () => Date;
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
  for (const scenario of scenarios) {
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
      const outcome = await scenario.run({
        ...deps.context,
        random: seededRandom(seedOf(scenario.name)),
        log: (line) => deps.log(`${scenario.name}: ${line}`),
      });
      const status = outcome.failures.length === 0 ? 'passed' : 'failed';
      deps.log(`${scenario.name}: ${status} in ${seconds().toFixed(0)} s`);
      results.push({ name: scenario.name, status, seconds: seconds(), ...outcome });
    } catch (error) {
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
