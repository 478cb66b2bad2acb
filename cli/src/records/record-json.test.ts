import type { IHeaders, KafkaMessage } from 'kafkajs';
import { headerStrings, isoTimestamp, recordJson } from './record-json';

const message = (fields: { key?: Buffer | null; headers?: IHeaders }): KafkaMessage => ({
  key: null,
  value: null,
  timestamp: '1767225600000',
  attributes: 0,
  offset: '41',
  headers: {},
  ...fields,
});

describe('recordJson', () => {
  it('names where the record is, when it was written, its key, headers and value', () => {
    const json = recordJson(
      't',
      2,
      message({ key: Buffer.from('k-1'), headers: { 'x-a': Buffer.from('1') } }),
      { schemaId: 5, value: { id: 'k-1' } },
    );
    expect(json).toEqual({
      topic: 't',
      partition: 2,
      offset: 41,
      timestamp: '2026-01-01T00:00:00.000Z',
      key: 'k-1',
      headers: { 'x-a': '1' },
      schemaId: 5,
      value: { id: 'k-1' },
    });
  });

  it('keeps why a value could not be decoded, with its bytes', () => {
    const json = recordJson('t', 0, message({}), {
      schemaId: null,
      value: null,
      valueBase64: 'AA==',
      decodeError: 'no',
    });
    expect(json).toMatchObject({ key: null, valueBase64: 'AA==', decodeError: 'no' });
  });
});

describe('headerStrings', () => {
  it('reads every header as text, the last value of a repeated name', () => {
    expect(
      headerStrings({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('1'), '2'], d: undefined }),
    ).toEqual({ a: 'x', b: 'y', c: '2' });
    expect(headerStrings(undefined)).toEqual({});
  });
});

describe('isoTimestamp', () => {
  it('gives milliseconds as ISO 8601, and null for none', () => {
    expect(isoTimestamp('0')).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTimestamp('-1')).toBeNull();
    expect(isoTimestamp(undefined)).toBeNull();
    expect(isoTimestamp('soon')).toBeNull();
  });
});
