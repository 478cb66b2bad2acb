import { toJsonValue } from './json-value';

describe('toJsonValue', () => {
  it('renders bytes as base64 and bigints as strings, at any depth', () => {
    expect(
      toJsonValue({ a: Buffer.from('hi'), b: [1n, { c: Buffer.from([0, 255]) }], d: null }),
    ).toEqual({ a: 'aGk=', b: ['1', { c: 'AP8=' }], d: null });
  });

  it('keeps the own fields of class instances, as avsc records are', () => {
    class Rec {
      constructor(
        readonly id: string,
        readonly n: number,
      ) {}
    }
    expect(JSON.stringify(toJsonValue(new Rec('x', 2)))).toBe('{"id":"x","n":2}');
  });

  it('leaves primitives as they are', () => {
    expect([toJsonValue('s'), toJsonValue(1.5), toJsonValue(true), toJsonValue(null)]).toEqual([
      's',
      1.5,
      true,
      null,
    ]);
  });
});
