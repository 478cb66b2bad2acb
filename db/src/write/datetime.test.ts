import { fromUtcDateTime, toUtcDateTime } from './datetime';

describe('DATETIME text in UTC', () => {
  it('formats and parses in UTC, whatever the process time zone', () => {
    const at = new Date(Date.UTC(2026, 10, 29, 8, 5, 3, 4));
    expect(toUtcDateTime(at)).toBe('2026-11-29 08:05:03.004');
    expect(fromUtcDateTime('2026-11-29 08:05:03.004000')).toEqual(at);
    expect(fromUtcDateTime('2026-11-29 08:05:03')).toEqual(
      new Date(Date.UTC(2026, 10, 29, 8, 5, 3)),
    );
  });

  it('refuses what MariaDB cannot store: NaN, before year 1000, after 9999', () => {
    for (const bad of [
      new Date(NaN),
      new Date(Date.UTC(999, 0, 1)),
      new Date(Date.UTC(11476, 7, 15)),
    ])
      expect(() => toUtcDateTime(bad)).toThrow(RangeError);
  });
});
