import { duration } from '../output/table';

/** How many records were left at one moment. */
export interface Sample {
  at: number;
  left: number;
}

/** The samples within `windowMs` of the newest one (the newest included): a sliding window. */
export function slide(samples: readonly Sample[], next: Sample, windowMs: number): Sample[] {
  return [...samples, next].filter((s) => s.at >= next.at - windowMs);
}

/**
 * Records per second, from the decrease of what is left across the window; 0 while nothing
 * moves (or new records arrive as fast as they are read); undefined before two samples.
 */
export function ratePerSecond(window: readonly Sample[]): number | undefined {
  const first = window[0];
  const last = window[window.length - 1];
  if (first === undefined || last === undefined || last.at <= first.at) return undefined;
  return Math.max(0, ((first.left - last.left) * 1000) / (last.at - first.at));
}

/** Milliseconds until nothing is left at that rate; undefined when it does not move. */
export function etaMs(left: number, rate: number | undefined): number | undefined {
  if (left === 0) return 0;
  if (rate === undefined || rate <= 0) return undefined;
  return (left / rate) * 1000;
}

/** Partitions listed on a progress line before "+N more": the line must fit a terminal. */
export const MAX_LISTED_PARTITIONS = 6;

/**
 * One progress line: what is left in total and per partition (those with records left), the
 * rate and the ETA. `120 left (p0 70, p2 50) · 35.2 records/s · ETA 3.4 s`.
 */
export function progressLine(
  partitions: readonly { partition: number; lag: number }[],
  rate: number | undefined,
): string {
  const left = partitions.reduce((sum, p) => sum + p.lag, 0);
  const busy = partitions.filter((p) => p.lag > 0);
  const listed = busy.slice(0, MAX_LISTED_PARTITIONS).map((p) => `p${p.partition} ${p.lag}`);
  if (busy.length > MAX_LISTED_PARTITIONS)
    listed.push(`+${busy.length - MAX_LISTED_PARTITIONS} more`);
  const eta = etaMs(left, rate);
  return [
    `${left} left${listed.length === 0 ? '' : ` (${listed.join(', ')})`}`,
    rate === undefined ? '- records/s' : `${rate.toFixed(1)} records/s`,
    left === 0 ? 'done' : `ETA ${eta === undefined ? '-' : duration(eta)}`,
  ].join(' · ');
}
