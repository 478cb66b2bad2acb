import { checksumReport, compareKeyed, winners, type AcknowledgedRecord } from './checksum';

const rec = (key: string, hash: string | null, fetchedAt = 1, links?: number) => ({
  key,
  hash,
  fetchedAt,
  ...(links === undefined ? {} : { links }),
});

describe('winners', () => {
  it('keeps the newest value of each key; of equal times, the later record', () => {
    const won = winners([rec('a', 'h1', 2), rec('a', 'h2', 1), rec('b', 'x', 5), rec('b', 'y', 5)]);
    expect(won.get('a')?.hash).toBe('h1');
    expect(won.get('b')?.hash).toBe('y');
  });
});

describe('compareKeyed', () => {
  const stored = (hashes: [string, string][], links?: [string, number][]) => ({
    hashes: new Map(hashes),
    ...(links === undefined ? {} : { links: new Map(links) }),
  });

  it('finds nothing when every acknowledged key is stored with its hash and its links', () => {
    const c = compareKeyed(
      [rec('a', 'old', 1, 1), rec('a', 'h', 2, 2), rec('b', 'g', 1, 1)],
      stored(
        [
          ['a', 'h'],
          ['b', 'g'],
        ],
        [
          ['a', 2],
          ['b', 1],
        ],
      ),
    );
    expect(c).toEqual({
      expected: 2,
      stored: 2,
      missing: [],
      otherHash: [],
      unexpected: [],
      missingLinks: [],
      extraLinks: [],
    });
  });

  it('counts missing keys, keys stored with an older hash, rows never acknowledged and link rows', () => {
    const c = compareKeyed(
      [rec('a', 'old', 1, 1), rec('a', 'new', 2, 1), rec('b', 'g', 1, 2), rec('c', 'k', 1, 3)],
      stored(
        [
          ['a', 'old'],
          ['b', 'g'],
          ['z', 'q'],
        ],
        [
          ['a', 1],
          ['b', 3],
        ],
      ),
    );
    expect(c.missing).toEqual(['c']);
    expect(c.otherHash).toEqual(['a']);
    expect(c.unexpected).toEqual(['z']);
    expect(c.extraLinks).toEqual([['b', 3, 2]]);
    expect(c.missingLinks).toEqual([]);
  });

  it('expects no row for a key whose last value is a tombstone, and minds none left', () => {
    const c = compareKeyed([rec('a', 'h', 1), rec('a', null, 2)], stored([['a', 'h']]));
    expect(c).toMatchObject({ expected: 0, missing: [], unexpected: [] });
  });
});

describe('checksumReport', () => {
  const prizes: AcknowledgedRecord[] = [rec('p1', 'h1', 1, 2), rec('p2', 'h2', 1, 1)];

  it('is clean when the tables hold what Kafka acknowledged', () => {
    const report = checksumReport({
      prizes,
      laureates: [rec('l1', 'x')],
      storedPrizes: {
        hashes: new Map([
          ['p1', 'h1'],
          ['p2', 'h2'],
        ]),
        links: new Map([
          ['p1', 2],
          ['p2', 1],
        ]),
      },
      storedLaureates: { hashes: new Map([['l1', 'x']]) },
      runs: ['r1', 'r1'],
      storedRuns: new Set(['r1']),
    });
    expect(report).toMatchObject({ lost: 0, duplicated: 0, rows: 4, problems: [] });
  });

  it('adds up lost and duplicated, and says what, naming a few keys', () => {
    const report = checksumReport({
      prizes,
      laureates: [rec('l1', 'x'), rec('l2', 'y')],
      storedPrizes: {
        hashes: new Map([['p1', 'h1']]),
        links: new Map([['p1', 3]]),
      },
      storedLaureates: { hashes: new Map([['l1', 'other']]) },
      runs: ['r1'],
      storedRuns: new Set(),
    });
    expect(report.lost).toBe(4);
    expect(report.duplicated).toBe(1);
    expect(report.problems).toEqual([
      '1 acknowledged prizes missing: p2',
      '1 acknowledged laureates missing: l2',
      '1 laureates stored with another content hash than acknowledged: l1',
      '1 prizes with more prize_laureates rows than their event names: p1 3/2',
      '1 acknowledged FetchRuns missing: r1',
    ]);
  });
});
