import { UsageError } from '../errors';
import { parseInspectOptions } from './inspect-options';

describe('parseInspectOptions', () => {
  it('reads from the beginning to the end by default', () => {
    expect(parseInspectOptions({ topic: 'nobel.prizes' })).toEqual({
      topic: 'nobel.prizes',
      key: undefined,
      start: { from: 'beginning' },
      limit: undefined,
      follow: false,
      partition: undefined,
    });
    expect(parseInspectOptions({ topic: 't', fromBeginning: true }).start).toEqual({
      from: 'beginning',
    });
  });

  it('takes every option', () => {
    expect(
      parseInspectOptions({
        topic: 't',
        key: 'phy-1921',
        fromDatetime: '2026-01-01T01:00:00+01:00',
        limit: '5',
        follow: true,
        partition: '0',
      }),
    ).toEqual({
      topic: 't',
      key: 'phy-1921',
      start: { from: 'time', ms: Date.parse('2026-01-01T00:00:00Z') },
      limit: 5,
      follow: true,
      partition: 0,
    });
    expect(parseInspectOptions({ topic: 't', fromDatetime: '2026-01-01' }).start).toEqual({
      from: 'time',
      ms: Date.parse('2026-01-01T00:00:00Z'),
    });
  });

  it.each([
    [{}, '--topic: required'],
    [{ topic: 'a topic' }, '--topic: "a topic" is not a topic name'],
    [{ topic: 't', fromBeginning: true, fromDatetime: '2026-01-01' }, 'choose one'],
    [{ topic: 't', fromDatetime: 'yesterday' }, '--from-datetime: expected an ISO-8601'],
    // A time without its offset from UTC would be read in the machine's zone: refused.
    [{ topic: 't', fromDatetime: '2026-01-01T10:00:00' }, '--from-datetime: expected'],
    [
      { topic: 't', fromDatetime: '2026-02-30T10:00:00Z' },
      '--from-datetime: 2026-02-30T10:00:00Z is not a day',
    ],
    [{ topic: 't', limit: '0' }, '--limit: expected a whole number from 1, got "0"'],
    [{ topic: 't', limit: '2.5' }, '--limit: expected a whole number from 1'],
    [{ topic: 't', partition: '-1' }, '--partition: expected a whole number from 0'],
    [{ topic: 't', key: '' }, '--key: expected a key'],
  ])('refuses %j: %s', (raw, message) => {
    expect(() => parseInspectOptions(raw)).toThrow(UsageError);
    expect(() => parseInspectOptions(raw)).toThrow(message);
  });
});
