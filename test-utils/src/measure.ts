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
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const text = await response.text();
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const series = [
    ...text.matchAll(new RegExp(`^${escaped}(?:\\{([^}]*)\\})? (\\S+)$`, 'gm')),
  ].filter((m) => (m[1] ?? '').includes(labels));
  return series.length === 0 ? NaN : series.reduce((sum, m) => sum + Number(m[2]), 0);
}

/**
 * Sends `count` GET requests one after the other (one client), the URL of each from `next`,
 * and returns their latencies in milliseconds, sorted ascending; an answer other than 200
 * fails it, naming the URL.
 */
export async function timeRequests(next: () => string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const url = next();
    const started = performance.now();
    const answer = await fetch(url);
    await answer.arrayBuffer();
    times.push(performance.now() - started);
    if (answer.status !== 200) throw new Error(`${url}: HTTP ${answer.status}`);
  }
  return times.sort((a, b) => a - b);
}
