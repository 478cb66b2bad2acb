import { MalformedRecordError } from '../errors';
import { frame, unframe } from './wire';

describe('wire format', () => {
  it('is a magic byte, a big-endian schema id and the payload', () => {
    const framed = frame(258, Buffer.from([7, 8]));
    expect([...framed]).toEqual([0, 0, 0, 1, 2, 7, 8]);
    expect(unframe(framed)).toEqual({ schemaId: 258, payload: Buffer.from([7, 8]) });
  });

  it.each([
    ['no value', null, /no value/],
    ['an empty value', Buffer.alloc(0), /no value/],
    ['a short value', Buffer.from([0, 0, 1]), /3 bytes, fewer than the 5-byte registry header/],
    [
      'a wrong magic byte',
      Buffer.from('{"json":true}'),
      /starts with byte 123, not the registry magic byte 0/,
    ],
  ])('refuses %s', (_name, value, message) => {
    expect(() => unframe(value)).toThrow(MalformedRecordError);
    expect(() => unframe(value)).toThrow(message);
  });
});
