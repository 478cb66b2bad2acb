import type { IHeaders, KafkaMessage } from 'kafkajs';
import { dlqPosition, originalPosition, readDlqRecord } from './dlq-record';

const message = (headers: IHeaders): KafkaMessage => ({
  key: Buffer.from('phy-1901'),
  value: Buffer.from([0, 0, 0, 0, 1, 2]),
  timestamp: '1767225660000',
  attributes: 0,
  offset: '7',
  headers,
});

describe('readDlqRecord', () => {
  it('reads where the record came from and why it failed from the DLQ headers', () => {
    const record = readDlqRecord(
      'nobel.prizes.dlq',
      0,
      message({
        'x-error-class': Buffer.from('ValidationError'),
        'x-error-message': Buffer.from('Invalid NobelPrize: id: expected a string'),
        'x-original-topic': Buffer.from('nobel.prizes'),
        'x-original-partition': Buffer.from('2'),
        'x-original-offset': Buffer.from('41'),
        'x-original-timestamp': Buffer.from('1767225600000'),
      }),
    );
    expect(record).toMatchObject({
      dlq: {
        topic: 'nobel.prizes.dlq',
        partition: 0,
        offset: '7',
        timestamp: '2026-01-01T00:01:00.000Z',
      },
      original: {
        topic: 'nobel.prizes',
        partition: 2,
        offset: '41',
        timestamp: '2026-01-01T00:00:00.000Z',
      },
      errorClass: 'ValidationError',
      errorMessage: 'Invalid NobelPrize: id: expected a string',
      valueOmitted: null,
      key: Buffer.from('phy-1901'),
    });
    expect(originalPosition(record)).toBe('nobel.prizes[2]@41');
    expect(dlqPosition(record)).toBe('nobel.prizes.dlq[0]@7');
  });

  it('says what it does not know, for records without the headers', () => {
    const record = readDlqRecord('d', 1, message({ 'x-original-partition': 'two' }));
    expect(record.original).toEqual({
      topic: null,
      partition: null,
      offset: null,
      timestamp: null,
    });
    expect(record.errorClass).toBeNull();
    expect(originalPosition(record)).toBe('?[?]@?');
  });
});
