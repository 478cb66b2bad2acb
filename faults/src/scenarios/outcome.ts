import type { CheckResult } from '../check/checker';
import type { ScenarioOutcome } from './scenario';

/** What a scenario adds to the checker's result to make its row of the table. */
export interface OutcomeParts {
  injected: string;
  recoverySeconds: number | null;
  /** The scenario's own failed assertions; the checker's problems and the DLQ are added. */
  failures: readonly string[];
  details?: Record<string, unknown>;
  /** For a scenario that sends commands: those on the topic, and the 202s not on it. */
  commands?: { stored: number; lost: number };
}

/**
 * A scenario's outcome, the one way every scenario makes it: the checker's figures (commands
 * counted in, when it sends some), and its problems and a non-empty DLQ as failures (nothing a
 * scenario sends is invalid).
 */
export function outcomeOf(
  check: Pick<CheckResult, 'produced' | 'rows' | 'dlq' | 'lost' | 'duplicated' | 'problems'>,
  parts: OutcomeParts,
): ScenarioOutcome {
  const failures = [...parts.failures, ...check.problems];
  if (check.dlq > 0) failures.push(`${check.dlq} records in the DLQ`);
  return {
    injected: parts.injected,
    produced: check.produced + (parts.commands?.stored ?? 0),
    rows: check.rows,
    dlq: check.dlq,
    lost: check.lost + (parts.commands?.lost ?? 0),
    duplicated: check.duplicated,
    recoverySeconds: parts.recoverySeconds,
    failures,
    ...(parts.details === undefined ? {} : { details: parts.details }),
  };
}
