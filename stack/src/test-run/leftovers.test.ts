import { describeLeftovers, leftBehind } from './leftovers';

describe('leftovers of a test run', () => {
  it('are what exists after the run and did not before, by kind', () => {
    const left = leftBehind(
      { topics: ['nobel.prizes'], groups: ['sink'], subjects: [], databases: ['nobel'] },
      {
        topics: ['nobel.prizes', 'test.a.1'],
        groups: ['sink'],
        subjects: ['test.a.1-value'],
        databases: ['nobel', 'nobel_test_1'],
      },
    );
    expect(left).toEqual({
      topics: ['test.a.1'],
      groups: [],
      subjects: ['test.a.1-value'],
      databases: ['nobel_test_1'],
    });
    expect(describeLeftovers(left)).toBe(
      '  1 topics: test.a.1\n  1 subjects: test.a.1-value\n  1 databases: nobel_test_1',
    );
  });

  it('never count a kind that could not be listed before the run', () => {
    const left = leftBehind({ topics: ['a'] }, { topics: ['a'], groups: ['g'] });
    expect(left.groups).toEqual([]);
    expect(describeLeftovers(left)).toBeUndefined();
  });
});
