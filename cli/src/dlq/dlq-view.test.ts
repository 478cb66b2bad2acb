import type { DlqRecord } from './dlq-record';
import { dlqJson, dlqTable, trimMessage } from './dlq-view';

const record = (fields: Partial<DlqRecord> = {}): DlqRecord => ({
  dlq: {
    topic: 'nobel.prizes.dlq',
    partition: 0,
    offset: '3',
    timestamp: '2026-01-02T00:00:00.000Z',
  },
  original: {
    topic: 'nobel.prizes',
    partition: 1,
    offset: '41',
    timestamp: '2026-01-01T00:00:00.000Z',
  },
  errorClass: 'ValidationError',
  errorMessage: 'Invalid NobelPrize:\n  id: expected a string',
  valueOmitted: null,
  key: Buffer.from('phy-1901'),
  value: Buffer.from('abc'),
  headers: {},
  ...fields,
});

describe('trimMessage', () => {
  it('makes one line of at most the width', () => {
    expect(trimMessage('a\n  b')).toBe('a b');
    expect(trimMessage('abcdef', 4)).toBe('abc…');
    expect(trimMessage('abcd', 4)).toBe('abcd');
  });
});

describe('dlqTable', () => {
  it('shows where each record came from, why, when, and its DLQ offset', () => {
    expect(dlqTable([record()]).split('\n')).toEqual([
      'ORIGINAL            ERROR CLASS      MESSAGE                                    WHEN                      DLQ OFFSET',
      'nobel.prizes[1]@41  ValidationError  Invalid NobelPrize: id: expected a string  2026-01-01T00:00:00.000Z           3',
    ]);
  });

  it("falls back to the DLQ record's time, names omitted values and partitions when several", () => {
    const rows = dlqTable([
      record({
        original: { topic: 'nobel.prizes', partition: 0, offset: '1', timestamp: null },
        valueOmitted: 'too large',
      }),
      record({ dlq: { topic: 'd', partition: 1, offset: '0', timestamp: null } }),
    ]).split('\n');
    expect(rows[1]).toContain('[value not kept: too large]');
    expect(rows[1]).toContain('2026-01-02T00:00:00.000Z');
    expect(rows[1]).toMatch(/0:3$/);
    expect(rows[2]).toMatch(/1:0$/);
  });
});

describe('dlqJson', () => {
  it('has everything but the bytes', () => {
    expect(JSON.parse(dlqJson(record()))).toEqual({
      dlq: {
        topic: 'nobel.prizes.dlq',
        partition: 0,
        offset: 3,
        timestamp: '2026-01-02T00:00:00.000Z',
      },
      original: {
        topic: 'nobel.prizes',
        partition: 1,
        offset: 41,
        timestamp: '2026-01-01T00:00:00.000Z',
      },
      errorClass: 'ValidationError',
      errorMessage: 'Invalid NobelPrize:\n  id: expected a string',
      valueOmitted: null,
      key: 'phy-1901',
      valueBytes: 3,
    });
  });
});
