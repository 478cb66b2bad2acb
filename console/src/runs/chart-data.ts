import type { FetchRunView } from '@nobel-pipeline/schemas';
import { durationBetween, formatDuration } from '../format/duration';
import { countOf } from '../format/time';

/**
 * uPlot's data for the runs chart: x in Unix seconds (uPlot's unit), ascending; the duration
 * in seconds; the prizes changed; and the failed runs' durations again, null elsewhere, drawn
 * as red points over the first series.
 */
export type RunsChartData = [
  x: number[],
  durationSeconds: (number | null)[],
  changed: number[],
  failed: (number | null)[],
];

/** The runs, oldest first (the API gives them newest first), as the chart's columns. */
export function runsChartData(runs: readonly FetchRunView[]): RunsChartData {
  const ordered = [...runs].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const data: RunsChartData = [[], [], [], []];
  for (const run of ordered) {
    const ms = durationBetween(run.startedAt, run.finishedAt);
    const seconds = ms === null ? null : ms / 1000;
    data[0].push(Date.parse(run.startedAt) / 1000);
    data[1].push(seconds);
    data[2].push(run.prizesChanged);
    data[3].push(run.outcome === 'SUCCEEDED' ? null : seconds);
  }
  return data;
}

/** A minute either side of a single run: uPlot cannot scale a range of zero width. */
const SINGLE_POINT_PAD_SECONDS = 60;

/** The x range to show: the data's, widened when all runs started at the same second. */
export function xRange(values: ArrayLike<number>): [number, number] | null {
  const xs = Array.from(values);
  if (xs.length === 0) return null;
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return min === max
    ? [min - SINGLE_POINT_PAD_SECONDS, max + SINGLE_POINT_PAD_SECONDS]
    : [min, max];
}

/** The chart in words, for those who cannot see it. */
export function runsChartSummary(runs: readonly FetchRunView[]): string {
  if (runs.length === 0) return 'No runs yet';
  const failed = runs.filter((r) => r.outcome !== 'SUCCEEDED').length;
  const latest = runs.reduce((a, b) => (Date.parse(b.startedAt) > Date.parse(a.startedAt) ? b : a));
  const ms = durationBetween(latest.startedAt, latest.finishedAt);
  const took = ms === null ? '' : ` in ${formatDuration(ms)}`;
  return (
    `Duration and prizes changed of ${countOf(runs.length, 'run')}, ${failed} failed; ` +
    `the latest ${latest.outcome}${took}, changing ${countOf(latest.prizesChanged, 'prize')}.`
  );
}
