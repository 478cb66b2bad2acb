import { UsageError } from '../errors';
import { parseInstant } from '../args/arguments';
import { describeTarget, parseOffset, parseReplayArgs } from './args';

const parseDatetime = (value: string) => parseInstant('--to-datetime', value);

const defaults = { groupId: 'sink', topic: 'nobel.prizes' };

describe('parseReplayArgs', () => {
  it('takes the group and topic from the config by default, and follows', () => {
    expect(parseReplayArgs({ toEarliest: true }, defaults)).toEqual({
      groupId: 'sink',
      topic: 'nobel.prizes',
      target: { kind: 'earliest' },
      dryRun: false,
      waitForMembersSeconds: 0,
      follow: true,
      json: false,
    });
  });

  it('reads every option', () => {
    const args = parseReplayArgs(
      {
        group: 'g',
        topic: 't.x',
        toOffset: '42',
        dryRun: true,
        waitForMembers: '30',
        follow: false,
        json: true,
      },
      defaults,
    );
    expect(args).toEqual({
      groupId: 'g',
      topic: 't.x',
      target: { kind: 'offset', offset: 42 },
      dryRun: true,
      waitForMembersSeconds: 30,
      follow: false,
      json: true,
    });
  });

  it('wants exactly one target', () => {
    expect(() => parseReplayArgs({}, defaults)).toThrow(
      'say where to: --to-earliest, --to-datetime <ISO-8601> or --to-offset <n>',
    );
    expect(() => parseReplayArgs({ toEarliest: true, toOffset: '1' }, defaults)).toThrow(
      'one target only, got --to-earliest and --to-offset',
    );
    expect(() => parseReplayArgs({ toEarliest: true }, defaults)).not.toThrow();
  });

  it.each([
    [{ group: ' ' }, '--group: expected a consumer group id'],
    [{ topic: 'no spaces' }, '--topic: "no spaces" is not a topic name'],
    [{ waitForMembers: '0' }, '--wait-for-members: expected a whole number of seconds from 1'],
    [{ waitForMembers: '1.5' }, '--wait-for-members'],
    [{ waitForMembers: '3601' }, '--wait-for-members'],
  ])('refuses %j with a usage error', (bad, message) => {
    const attempt = () => parseReplayArgs({ toEarliest: true, ...bad }, defaults);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
});

describe('--to-datetime', () => {
  it.each([
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T14:00:00+02:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T14:00+0200', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T12:00:00.250Z', '2024-05-01T12:00:00.250Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
  ])('reads %s as the instant %s', (value, iso) => {
    expect(parseDatetime(value)).toEqual({ iso, timestamp: Date.parse(iso) });
  });

  it.each([
    '2024-05-01T12:00:00', // no zone: local time would depend on the machine
    'yesterday',
    '1714564800000',
    '2024-05-01 12:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-05-01T25:00:00Z',
  ])('refuses %s', (value) => {
    expect(() => parseDatetime(value)).toThrow(`--to-datetime: expected an ISO-8601 date`);
  });

  it('refuses a day the month does not have', () => {
    expect(() => parseDatetime('2023-02-29T00:00:00Z')).toThrow('is not a day of the calendar');
  });
});

describe('parseOffset', () => {
  it('reads a whole number ≥ 0', () => {
    expect(parseOffset('0')).toBe(0);
    expect(parseOffset('1234')).toBe(1234);
  });

  it('keeps a huge number as "past any end"', () => {
    expect(parseOffset('99999999999999999999')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(['-1', '1.5', '', 'ten', '1e3'])('refuses "%s"', (value) => {
    expect(() => parseOffset(value)).toThrow(
      `--to-offset: expected a whole number ≥ 0, got "${value}"`,
    );
  });
});

it('describes each target', () => {
  expect(describeTarget({ kind: 'earliest' })).toBe('the earliest offsets');
  expect(describeTarget({ kind: 'offset', offset: 3 })).toBe('offset 3');
  expect(describeTarget({ kind: 'datetime', iso: '2024-05-01T12:00:00.000Z', timestamp: 0 })).toBe(
    'the first records at or after 2024-05-01T12:00:00.000Z',
  );
});
