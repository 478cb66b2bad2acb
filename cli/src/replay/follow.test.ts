import type { PartitionLag } from '@nobel-pipeline/common';
import { PipelineError } from '@nobel-pipeline/common';
import { followLag } from './follow';

const lag = (...lags: number[]): PartitionLag[] =>
  lags.map((n, partition) => ({ topic: 't', partition, committed: '0', end: String(n), lag: n }));

/** Lag reads in order, one second apart on a fake clock; polls without waiting. */
function fake(reads: (PartitionLag[] | Error)[]) {
  let now = 0;
  const progress: string[] = [];
  const readLag = jest.fn(async () => {
    now += 1000;
    const next = reads.shift();
    if (next === undefined) throw new Error('no more reads');
    if (next instanceof Error) throw next;
    return next;
  });
  const endProgress = jest.fn();
  const timing = { pollIntervalMs: 0, rateWindowMs: 10_000, now: () => now };
  return {
    readLag,
    progress,
    endProgress,
    timing,
    onProgress: (t: string) => void progress.push(t),
  };
}
const never = new Promise<void>(() => undefined);

describe('followLag', () => {
  it('draws a line per read until nothing is left', async () => {
    const f = fake([lag(60, 40), lag(40, 30), lag(0, 0)]);
    const result = await followLag({
      readLag: f.readLag,
      progress: f.onProgress,
      endProgress: f.endProgress,
      interrupted: never,
      timing: f.timing,
    });
    expect(result).toEqual({ done: true, lags: lag(0, 0) });
    expect(f.progress).toEqual([
      '100 left (p0 60, p1 40) · - records/s · ETA -',
      '70 left (p0 40, p1 30) · 30.0 records/s · ETA 2.3 s',
      '0 left · 50.0 records/s · done',
    ]);
    expect(f.endProgress).toHaveBeenCalledTimes(1);
  });

  it('stops when interrupted, saying how much was left', async () => {
    const f = fake([lag(5)]);
    const result = await followLag({
      readLag: f.readLag,
      progress: f.onProgress,
      endProgress: f.endProgress,
      interrupted: Promise.resolve(),
      timing: { ...f.timing, pollIntervalMs: 60_000 },
    });
    expect(result).toEqual({ done: false, left: 5 });
    expect(f.endProgress).toHaveBeenCalled();
  });

  it('tries again after a retriable error, and gives up on any other', async () => {
    const f = fake([new PipelineError('broker moving', { retriable: true }), lag(0)]);
    await expect(
      followLag({
        readLag: f.readLag,
        progress: f.onProgress,
        endProgress: f.endProgress,
        interrupted: never,
        timing: f.timing,
      }),
    ).resolves.toMatchObject({ done: true });
    expect(f.progress[0]).toBe('lag unknown for now (broker moving); trying again');

    const g = fake([new TypeError('a bug')]);
    await expect(
      followLag({
        readLag: g.readLag,
        progress: g.onProgress,
        endProgress: g.endProgress,
        interrupted: never,
        timing: g.timing,
      }),
    ).rejects.toThrow('a bug');
  });
});
