import {
  durationBetween,
  formatCountdown,
  formatDuration,
  formatUpdatedAgo,
  formatWholeSeconds,
} from './duration';

describe('formatDuration', () => {
  it.each([
    [0, '0.0 s'],
    [1234, '1.2 s'],
    [9_949, '9.9 s'],
    [12_400, '12 s'],
    [59_400, '59 s'],
    [60_000, '1 min'],
    [184_000, '3 min 4 s'],
    [3_600_000, '1 h'],
    [7_500_000, '2 h 5 min'],
    [-50, '0.0 s'],
  ])('%d ms reads as %s', (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });
});

describe('formatWholeSeconds', () => {
  it.each([
    [0, '0 s'],
    [44.2, '45 s'],
    [60, '1 min'],
    [245, '4 min 5 s'],
    [7200, '2 h'],
    [3660, '1 h 1 min'],
  ])('%d s reads as %s', (seconds, words) => {
    expect(formatWholeSeconds(seconds)).toBe(words);
  });
});

describe('formatCountdown', () => {
  const now = Date.parse('2024-05-01T12:00:00.000Z');

  it('counts down to a future instant', () => {
    expect(formatCountdown('2024-05-01T12:04:05.000Z', now)).toBe('in 4 min 5 s');
  });

  it('says "due now" once the instant has passed', () => {
    expect(formatCountdown('2024-05-01T11:59:00.000Z', now)).toBe('due now');
  });

  it('says "unknown" for a time that does not parse', () => {
    expect(formatCountdown('soon', now)).toBe('unknown');
  });
});

describe('formatUpdatedAgo', () => {
  it('reads "just now" under a second, then whole seconds', () => {
    expect(formatUpdatedAgo(1000, 1500)).toBe('updated just now');
    expect(formatUpdatedAgo(1000, 8000)).toBe('updated 7 s ago');
  });
});

describe('durationBetween', () => {
  it('is the milliseconds between two instants, or null', () => {
    expect(durationBetween('2024-05-01T12:00:00Z', '2024-05-01T12:00:01.5Z')).toBe(1500);
    expect(durationBetween('x', '2024-05-01T12:00:00Z')).toBeNull();
  });
});
