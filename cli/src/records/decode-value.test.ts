import { UnavailableError } from '../errors';
import { createValueDecoder } from './decode-value';

const framed = (schemaId: number, payload: Buffer) => {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
};

/** A registry that knows schema 7: its values are UTF-8 text. */
function fakeRegistry(failure?: { status?: number; message: string }) {
  const asked: number[] = [];
  return {
    asked,
    getSchema: async (id: number) => {
      asked.push(id);
      if (failure !== undefined) throw Object.assign(new Error(failure.message), failure);
      if (id !== 7) throw Object.assign(new Error(`Schema ${id} not found`), { status: 404 });
      return {
        toBuffer: () => Buffer.alloc(0),
        isValid: () => true,
        fromBuffer: (buffer: Buffer) => {
          if (buffer.length === 0) throw new Error('truncated buffer');
          return { text: buffer.toString(), raw: Buffer.from('ab') };
        },
      };
    },
  };
}

describe('createValueDecoder', () => {
  it('decodes a framed value with the schema its id names', async () => {
    const decoder = createValueDecoder({ registry: fakeRegistry() });
    await expect(decoder.decode(framed(7, Buffer.from('hello')))).resolves.toEqual({
      schemaId: 7,
      value: { text: 'hello', raw: 'YWI=' },
    });
  });

  it('gives a null value as null, with no error', async () => {
    await expect(createValueDecoder({ registry: fakeRegistry() }).decode(null)).resolves.toEqual({
      schemaId: null,
      value: null,
    });
  });

  it.each([
    ['fewer than 5 bytes', Buffer.from([0, 1]), null, /fewer than the 5-byte registry header/],
    [
      'no magic byte',
      Buffer.from('plain text'),
      null,
      /starts with byte 112, not the registry magic byte 0/,
    ],
    ['an unknown schema id', framed(99, Buffer.from('x')), 99, /no schema with id 99/],
    ['bytes the schema cannot read', framed(7, Buffer.alloc(0)), 7, /truncated buffer/],
  ])('gives %s as base64 with the reason', async (_what, value, schemaId, reason) => {
    const decoded = await createValueDecoder({ registry: fakeRegistry() }).decode(value);
    expect(decoded).toEqual({
      schemaId,
      value: null,
      valueBase64: value.toString('base64'),
      decodeError: expect.stringMatching(reason),
    });
  });

  it('asks the registry once per unknown id', async () => {
    const registry = fakeRegistry();
    const decoder = createValueDecoder({ registry });
    await decoder.decode(framed(99, Buffer.from('x')));
    await decoder.decode(framed(99, Buffer.from('y')));
    expect(registry.asked).toEqual([99]);
  });

  it('throws UnavailableError when the registry does not answer, and asks again next time', async () => {
    const registry = fakeRegistry({ status: 503, message: 'unavailable' });
    const decoder = createValueDecoder({ registry });
    await expect(decoder.decode(framed(7, Buffer.from('x')))).rejects.toBeInstanceOf(
      UnavailableError,
    );
    await expect(decoder.decode(framed(7, Buffer.from('x')))).rejects.toThrow(
      /schema registry does not answer: unavailable/,
    );
    expect(registry.asked).toEqual([7, 7]);
  });
});
