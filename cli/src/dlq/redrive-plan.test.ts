import type { DlqRecord } from './dlq-record';
import { decide, redriveMessage, type DecisionContext } from './redrive-plan';

const record = (fields: Partial<DlqRecord> = {}): DlqRecord => ({
  dlq: { topic: 'nobel.prizes.dlq', partition: 0, offset: '3', timestamp: null },
  original: { topic: 'nobel.prizes', partition: 2, offset: '41', timestamp: null },
  errorClass: 'ValidationError',
  errorMessage: 'bad',
  valueOmitted: null,
  key: Buffer.from('phy-1901'),
  value: Buffer.from([0, 0, 0, 0, 1, 9]),
  headers: { 'x-error-class': Buffer.from('ValidationError') },
  ...fields,
});

const context = (fields: Partial<DecisionContext> = {}): DecisionContext => ({
  filter: undefined,
  doneBy: undefined,
  partitionCount: 3,
  includeRedriven: false,
  ...fields,
});

describe('decide', () => {
  it('skips a record that came back after a redrive, unless asked to include it', () => {
    const back = record({
      headers: { 'x-redriven-from': Buffer.from('nobel.prizes.dlq[0]@1') },
    });
    expect(decide(back, context())).toMatchObject({
      action: 'skip',
      reason: 'failed-again',
      detail: 'failed again after a redrive from nobel.prizes.dlq[0]@1',
    });
    expect(decide(back, context({ includeRedriven: true }))).toMatchObject({ action: 'publish' });
    expect(decide(record(), context({ includeRedriven: true }))).toMatchObject({
      action: 'skip',
      reason: 'first-pass',
    });
  });

  it('publishes to the original topic and partition', () => {
    expect(decide(record(), context())).toMatchObject({
      action: 'publish',
      topic: 'nobel.prizes',
      partition: 2,
    });
  });

  it('lets the key decide when the original partition is unknown or gone', () => {
    const noPartition = record({
      original: { topic: 't', partition: null, offset: null, timestamp: null },
    });
    expect(decide(noPartition, context())).toMatchObject({ partition: undefined });
    expect(decide(record(), context({ partitionCount: 2 }))).toMatchObject({
      partition: undefined,
    });
  });

  it.each([
    ['other-class', record(), context({ filter: 'MalformedRecordError' })],
    ['already-redriven', record(), context({ doneBy: 'nobel-dlq-redrive.d' })],
    ['value-omitted', record({ value: null, valueOmitted: 'too large' }), context()],
    [
      'no-original-topic',
      record({ original: { topic: null, partition: 0, offset: '1', timestamp: null } }),
      context(),
    ],
    ['unknown-topic', record(), context({ partitionCount: undefined })],
  ])('skips a record for %s', (reason, r, c) => {
    expect(decide(r, c)).toMatchObject({ action: 'skip', reason });
  });

  it('publishes the records of the --filter class', () => {
    expect(decide(record(), context({ filter: 'ValidationError' })).action).toBe('publish');
  });
});

describe('redriveMessage', () => {
  it('keeps key, value and headers, and says where from and when', () => {
    const decision = decide(record(), context());
    if (decision.action !== 'publish') throw new Error('expected a publish');
    expect(redriveMessage(decision, new Date('2026-01-01T00:00:00Z'))).toEqual({
      key: Buffer.from('phy-1901'),
      value: Buffer.from([0, 0, 0, 0, 1, 9]),
      partition: 2,
      headers: {
        'x-error-class': Buffer.from('ValidationError'),
        'x-redriven-from': 'nobel.prizes.dlq[0]@3',
        'x-redriven-at': '2026-01-01T00:00:00.000Z',
      },
    });
  });
});
