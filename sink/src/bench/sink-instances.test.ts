import { parseInstancesOptions } from './sink-instances';

describe('bench:sink --instances', () => {
  it('compares one sink with N, on 100,000 events and 6 partitions unless told', () => {
    expect(parseInstancesOptions({ instances: '2' })).toEqual({
      instances: 2,
      events: 100_000,
      partitions: 6,
    });
    expect(parseInstancesOptions({ instances: '3', events: '5000', partitions: '3' })).toEqual({
      instances: 3,
      events: 5000,
      partitions: 3,
    });
  });

  it('refuses one instance (nothing to compare), too many, and non-numbers', () => {
    expect(() => parseInstancesOptions({ instances: '1' })).toThrow(
      /--instances: expected a whole number from 2 to 8, got "1"/,
    );
    expect(() => parseInstancesOptions({ instances: '9' })).toThrow(/--instances/);
    expect(() => parseInstancesOptions({ instances: '2', events: 'many' })).toThrow(/--events/);
  });
});
