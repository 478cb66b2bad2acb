import { MAX_LISTED_PARTITIONS, etaMs, progressLine, ratePerSecond, slide } from './rate';

describe('slide', () => {
  it('keeps the samples within the window of the newest', () => {
    const window = slide(
      [
        { at: 0, left: 100 },
        { at: 5000, left: 80 },
      ],
      { at: 11_000, left: 50 },
      10_000,
    );
    expect(window).toEqual([
      { at: 5000, left: 80 },
      { at: 11_000, left: 50 },
    ]);
  });
});

describe('ratePerSecond', () => {
  it('is the decrease per second across the window', () => {
    expect(
      ratePerSecond([
        { at: 1000, left: 100 },
        { at: 2000, left: 90 },
        { at: 5000, left: 60 },
      ]),
    ).toBe(10);
  });

  it('is unknown with fewer than two moments, and 0 when what is left grows', () => {
    expect(ratePerSecond([])).toBeUndefined();
    expect(ratePerSecond([{ at: 1, left: 5 }])).toBeUndefined();
    expect(
      ratePerSecond([
        { at: 0, left: 5 },
        { at: 1000, left: 9 },
      ]),
    ).toBe(0);
  });
});

describe('etaMs', () => {
  it('is what is left over the rate', () => {
    expect(etaMs(100, 20)).toBe(5000);
    expect(etaMs(0, undefined)).toBe(0);
    expect(etaMs(5, 0)).toBeUndefined();
    expect(etaMs(5, undefined)).toBeUndefined();
  });
});

describe('progressLine', () => {
  it('says the total, the partitions with records left, the rate and the ETA', () => {
    const line = progressLine(
      [
        { partition: 0, lag: 70 },
        { partition: 1, lag: 0 },
        { partition: 2, lag: 50 },
      ],
      40,
    );
    expect(line).toBe('120 left (p0 70, p2 50) · 40.0 records/s · ETA 3.0 s');
  });

  it('says nothing is left once done, and "-" for what is not known yet', () => {
    expect(progressLine([{ partition: 0, lag: 0 }], undefined)).toBe('0 left · - records/s · done');
    expect(progressLine([{ partition: 0, lag: 3 }], 0)).toBe(
      '3 left (p0 3) · 0.0 records/s · ETA -',
    );
  });

  it('lists a few partitions, then how many more', () => {
    const many = Array.from({ length: MAX_LISTED_PARTITIONS + 3 }, (_, partition) => ({
      partition,
      lag: 1,
    }));
    expect(progressLine(many, undefined)).toContain('p5 1, +3 more)');
  });
});
