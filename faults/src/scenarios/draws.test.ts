import { seededRandom } from '@nobel-pipeline/test-utils';
import { stormOf } from './command-storm';
import { killPoints } from './sink-kill';

describe('killPoints', () => {
  it('draws sorted kill moments between 2 % and 90 % of the stream', () => {
    const points = killPoints(20_000, 20, seededRandom(3));
    expect(points).toHaveLength(20);
    expect([...points].sort((a, b) => a - b)).toEqual(points);
    for (const p of points) {
      expect(p).toBeGreaterThanOrEqual(400);
      expect(p).toBeLessThanOrEqual(18_000);
    }
  });
});

describe('stormOf', () => {
  it('draws every command type, intervals only on STARTs and within the bounds', () => {
    const storm = stormOf(500, seededRandom(5));
    expect(new Set(storm.map((c) => c.type))).toEqual(new Set(['START', 'STOP', 'FETCH_NOW']));
    for (const c of storm) {
      if (c.type !== 'START') expect(c.intervalSeconds).toBeNull();
      else if (c.intervalSeconds !== null) {
        expect(c.intervalSeconds).toBeGreaterThanOrEqual(60);
        expect(c.intervalSeconds).toBeLessThanOrEqual(86_400);
      }
    }
  });

  it('is the same for the same seed', () => {
    expect(stormOf(50, seededRandom(9))).toEqual(stormOf(50, seededRandom(9)));
  });
});
