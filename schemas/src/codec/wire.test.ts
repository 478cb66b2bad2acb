import { MalformedRecordError } from '../errors';
import { Type } from 'avsc';
import { createFrameWriter, frame, unframe } from './wire';

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

  it('writes what frame() of toBuffer() gives, through a buffer that grows as values need', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'T',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'n', type: 'long' },
      ],
    });
    const writer = createFrameWriter(16);
    // Smaller than the buffer, then larger than it twice over, then small again.
    for (const id of ['a', 'é'.repeat(40), 'x'.repeat(5000), 'b']) {
      const value = { id, n: id.length * 1_000_003 };
      const written = writer.write(7, type, value);
      expect(written).toEqual(frame(7, type.toBuffer(value)));
      expect(type.fromBuffer(unframe(written).payload)).toEqual(value);
    }
    // Each value is a buffer of its own: the next write does not change an earlier one.
    const first = writer.write(1, type, { id: 'first', n: 1 });
    writer.write(2, type, { id: 'second', n: 2 });
    expect(type.fromBuffer(unframe(first).payload)).toEqual({ id: 'first', n: 1 });
  });
});
