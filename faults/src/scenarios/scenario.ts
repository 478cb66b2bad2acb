import type { Kafka } from 'kafkajs';
import type { Stack } from '@nobel-pipeline/stack';
import type { FaultsConfig } from '../config';
import type { ScenarioNeeds } from '../runner/needs';

/** What a scenario is given: the stack it may break, a client for it, and its size. */
export interface ScenarioContext {
  config: FaultsConfig;
  /** The stack's components: down(), up(), pid() of Kafka, the registry, MariaDB. */
  stack: Stack;
  kafka: Kafka;
  /** The short version (`--short`): fewer events, kills and seconds of outage. */
  short: boolean;
  /** A generator seeded per scenario, so that a run can be repeated. */
  random: () => number;
  /** One line of progress (to standard error). */
  log(line: string): void;
  /**
   * Aborted when the scenario ran past its time (the runner's deadline): what the scenario
   * started (its pipeline's processes) is stopped, so that its waits end and it returns.
   */
  signal: AbortSignal;
}

/** What a scenario measured, and what it found wrong (empty: it passed). */
export interface ScenarioOutcome {
  /** What was injected, in a few words: "kill -9 of the sink ×20". */
  injected: string;
  /** Records acknowledged by Kafka on the checked topics. */
  produced: number;
  /** Rows in MariaDB for the checked keys (prizes, laureate_details, fetch_runs). */
  rows: number;
  /** Records on the dead-letter topics. */
  dlq: number;
  lost: number;
  duplicated: number;
  /** From the end of the fault to the pipeline caught up and consistent. */
  recoverySeconds: number | null;
  /** The failed assertions, one line each. */
  failures: string[];
  /** Anything else worth keeping in the JSON report. */
  details?: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  /** One sentence: what it does to the pipeline and what it asserts. */
  description: string;
  /** What the stack must offer; the runner skips the scenario, saying why, when it does not. */
  needs: ScenarioNeeds;
  /** Part of the short run (`--short`, what CI runs); `--only` runs it whatever this says. */
  inShortRun: boolean;
  /**
   * Minutes the scenario may take, short and full (defaults: SCENARIO_MINUTES); past them it
   * is stopped and reported as an error, and the suite goes on.
   */
  minutes?: { short: number; full: number };
  run(context: ScenarioContext): Promise<ScenarioOutcome>;
}
