import type { ScenarioOutcome } from '../scenarios/scenario';

/** One scenario's line of the report. */
export type ScenarioResult =
  | ({ name: string; status: 'passed' | 'failed'; seconds: number } & ScenarioOutcome)
  | { name: string; status: 'skipped'; reason: string }
  /** It stopped on an error before it could measure anything. */
  | { name: string; status: 'error'; seconds: number; error: string };

export interface SuiteReport {
  startedAt: string;
  short: boolean;
  /** Brokers the cluster had (describeCluster). */
  brokers: number;
  results: ScenarioResult[];
}

/** Passed: every scenario that ran passed (skipped ones do not fail the suite). */
export function suitePassed(report: SuiteReport): boolean {
  return report.results.every((r) => r.status === 'passed' || r.status === 'skipped');
}
