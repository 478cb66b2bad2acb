import type uPlot from 'uplot';
import { formatDuration } from '../format/duration';
import { xRange } from './chart-data';

/** The chart's colours, read from the page's CSS variables so both themes apply to the canvas. */
export interface ChartColours {
  text: string;
  grid: string;
  duration: string;
  changed: string;
  failed: string;
}

export const CHART_HEIGHT = 220;

/**
 * Room above each axis's highest value. The two differ so that the two series' highest points
 * never land on the same pixel (a single run is the highest of both): both stay visible.
 */
const HEADROOM = { duration: 1.15, changed: 1.4 } as const;

/** A y range from zero to a little above the highest value (at least 1: all zeros still draw). */
function fromZero(max: number | null, headroom: number): [number, number] {
  return [0, Math.max(1, (max ?? 0) * headroom)];
}

/** Reads the colours from CSS custom properties on `el` (canvas cannot use var()). */
export function chartColours(el: Element): ChartColours {
  const style = getComputedStyle(el);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: read('--text'),
    grid: read('--border'),
    duration: read('--chart-duration'),
    changed: read('--chart-changed'),
    failed: read('--chart-failed'),
  };
}

/** uPlot's options: duration on the left axis, prizes changed on the right, failed runs red. */
export function chartOptions(width: number, colours: ChartColours): uPlot.Options {
  const axis = {
    stroke: colours.text,
    grid: { stroke: colours.grid, width: 1 },
    ticks: { stroke: colours.grid },
  };
  return {
    width,
    height: CHART_HEIGHT,
    scales: {
      x: { time: true, range: (u) => xRange(u.data[0]) ?? [0, 1] },
      s: { auto: true, range: (_u, _min, max) => fromZero(max, HEADROOM.duration) },
      n: { auto: true, range: (_u, _min, max) => fromZero(max, HEADROOM.changed) },
    },
    axes: [
      axis,
      {
        ...axis,
        scale: 's',
        label: 'Duration',
        values: (_u, ticks) => ticks.map((t) => formatDuration(t * 1000)),
      },
      { ...axis, scale: 'n', side: 1, label: 'Changed', grid: { show: false } },
    ],
    series: [
      {},
      {
        label: 'Duration (s)',
        scale: 's',
        stroke: colours.duration,
        width: 2,
        points: { show: true, size: 6 },
        value: (_u, v) => (v === null ? '—' : formatDuration(v * 1000)),
      },
      {
        label: 'Prizes changed',
        scale: 'n',
        stroke: colours.changed,
        width: 2,
        dash: [6, 4],
        points: { show: true, size: 6 },
      },
      {
        label: 'Failed',
        scale: 's',
        stroke: colours.failed,
        width: 0,
        paths: () => null,
        points: { show: true, size: 10, stroke: colours.failed, fill: colours.failed },
      },
    ],
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
  };
}
