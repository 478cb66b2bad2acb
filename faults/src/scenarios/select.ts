import type { Scenario } from './scenario';

/**
 * The scenarios a run covers: those named by --only, in the suite's order; otherwise all of
 * them, or with --short those of the short run.
 */
export function selectScenarios(
  all: readonly Scenario[],
  options: { short: boolean; only: readonly string[] | undefined },
): Scenario[] {
  const { only } = options;
  if (only !== undefined) return all.filter((s) => only.includes(s.name));
  return all.filter((s) => !options.short || s.inShortRun);
}
