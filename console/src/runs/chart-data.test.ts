import type { FetchRunView } from '@nobel-pipeline/schemas';
import { runsChartData, runsChartSummary, xRange } from './chart-data';

function run(startedAt: string, seconds: number, over: Partial<FetchRunView> = {}): FetchRunView {
  return {
    runId: startedAt,
    trigger: 'SCHEDULE',
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + seconds * 1000).toISOString(),
    outcome: 'SUCCEEDED',
    pages: 3,
    prizesSeen: 670,
    prizesChanged: 0,
    prizesMissing: 0,
    sources: [],
    error: null,
    ...over,
  };
}

describe('runsChartData', () => {
  it('orders the runs oldest first and marks the failed ones', () => {
    const runs = [
      run('2024-05-01T12:10:00.000Z', 2, { outcome: 'FAILED', prizesChanged: 0 }),
      run('2024-05-01T12:00:00.000Z', 1.5, { prizesChanged: 670 }),
    ];
    const t0 = Date.parse('2024-05-01T12:00:00.000Z') / 1000;
    expect(runsChartData(runs)).toEqual([
      [t0, t0 + 600],
      [1.5, 2],
      [670, 0],
      [null, 2],
    ]);
  });

  it('gives empty columns for no runs', () => {
    expect(runsChartData([])).toEqual([[], [], [], []]);
  });
});

describe('xRange', () => {
  it("is the data's range, widened around a single run, and null without runs", () => {
    expect(xRange([10, 30, 20])).toEqual([10, 30]);
    expect(xRange([1000])).toEqual([940, 1060]);
    expect(xRange([])).toBeNull();
  });
});

describe('runsChartSummary', () => {
  it('summarises the runs', () => {
    const runs = [
      run('2024-05-01T12:10:00.000Z', 1.2, { prizesChanged: 1 }),
      run('2024-05-01T12:00:00.000Z', 2, { outcome: 'FAILED' }),
    ];
    expect(runsChartSummary(runs)).toBe(
      'Duration and prizes changed of 2 runs, 1 failed; the latest SUCCEEDED in 1.2 s, changing 1 prize.',
    );
    expect(runsChartSummary([])).toBe('No runs yet');
  });
});
