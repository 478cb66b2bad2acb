/** What benchmarks and tests read off the services: percentiles, and metrics of a /metrics page. */

/** The p-th percentile (0–1) of values sorted ascending, the nearest-rank way. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/**
 * A metric of a Prometheus /metrics page: the sum of its series whose labels contain `labels`
 * (`source="laureates"`, say), or of all of them; NaN when the page has no such series.
 */
export async function metricValue(url: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(url)).text();
  const series = [...text.matchAll(new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`, 'gm'))].filter(
    (m) => (m[1] ?? '').includes(labels),
  );
  return series.length === 0 ? NaN : series.reduce((sum, m) => sum + Number(m[2]), 0);
}
