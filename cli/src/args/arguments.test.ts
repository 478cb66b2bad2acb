import { parseInstant, parseTopic } from './arguments';

describe('the arguments several commands take', () => {
  it('an instant: a date at midnight UTC, or a date and time with its zone', () => {
    expect(parseInstant('--x', '2025-10-06').iso).toBe('2025-10-06T00:00:00.000Z');
    expect(parseInstant('--x', '2025-10-06T11:30:00+02:00').iso).toBe('2025-10-06T09:30:00.000Z');
    expect(parseInstant('--x', '2025-10-06T09:30:00Z').timestamp).toBe(Date.UTC(2025, 9, 6, 9, 30));
  });

  it.each([
    ['2025-10-06T09:30:00', 'expected an ISO-8601 date'],
    ['yesterday', 'expected an ISO-8601 date'],
    ['2023-02-29T00:00:00Z', 'is not a day of the calendar'],
  ])('refuses %s, naming the option', (value, problem) => {
    expect(() => parseInstant('--from-datetime', value)).toThrow(`--from-datetime: `);
    expect(() => parseInstant('--from-datetime', value)).toThrow(problem);
  });

  it("a topic name, by Kafka's rule", () => {
    expect(parseTopic('--topic', 'nobel.prizes')).toBe('nobel.prizes');
    expect(() => parseTopic('--topic', 'a topic')).toThrow(
      '--topic: "a topic" is not a topic name',
    );
    expect(() => parseTopic('--topic', undefined)).toThrow('--topic: required');
  });
});
