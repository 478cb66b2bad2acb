import { UsageError } from '../errors';
import { parseDlqTopic, parseFilter } from './dlq-options';

describe('parseFilter', () => {
  it('takes an error class, or nothing', () => {
    expect(parseFilter('ValidationError')).toBe('ValidationError');
    expect(parseFilter(undefined)).toBeUndefined();
  });

  it.each(['', 'Validation Error', '1Error', 'x'.repeat(201)])('refuses "%s"', (value) => {
    expect(() => parseFilter(value)).toThrow(UsageError);
    expect(() => parseFilter(value)).toThrow('--filter: expected an error class');
  });
});

describe('parseDlqTopic', () => {
  it("is the configuration's DLQ unless --topic names another", () => {
    expect(parseDlqTopic(undefined, 'nobel.prizes.dlq')).toBe('nobel.prizes.dlq');
    expect(parseDlqTopic('nobel.commands.dlq', 'nobel.prizes.dlq')).toBe('nobel.commands.dlq');
    expect(() => parseDlqTopic('no such', 'nobel.prizes.dlq')).toThrow(UsageError);
  });
});
