import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { FetchRunView } from '@nobel-pipeline/schemas';
import uPlot from 'uplot';
import { runsChartData, runsChartSummary } from './chart-data';
import { chartColours, chartOptions } from './chart-options';

/** The narrowest the chart is drawn; below it the wrapper scrolls. */
const MIN_WIDTH = 280;

function widthOf(el: HTMLElement): number {
  return Math.max(MIN_WIDTH, Math.floor(el.clientWidth));
}

/**
 * Run duration and prizes changed over time, failed runs as red points. uPlot is imperative:
 * the chart is built once per colour scheme, then given new data and new sizes.
 */
export function RunsChart({ runs }: { runs: readonly FetchRunView[] }) {
  const wrapper = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const data = useMemo(() => runsChartData(runs), [runs]);
  // The latest data, for a rebuild on a theme change.
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    const el = wrapper.current;
    if (el === null) return;
    const build = () => {
      chart.current?.destroy();
      const options = chartOptions(widthOf(el), chartColours(el));
      chart.current = new uPlot(options, dataRef.current, el);
    };
    build();
    const resize = new ResizeObserver(() =>
      chart.current?.setSize({ width: widthOf(el), height: chart.current.height }),
    );
    resize.observe(el);
    // The canvas cannot follow CSS variables: rebuild with the new colours on a theme change.
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', build);
      chart.current?.destroy();
      chart.current = null;
    };
    // Built once; data changes go through setData below.
  }, []);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return (
    <div
      ref={wrapper}
      class="chart"
      data-testid="runs-chart"
      role="img"
      aria-label={runsChartSummary(runs)}
    />
  );
}
