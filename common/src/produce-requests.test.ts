import { recordBytes, REQUEST_BYTES, splitIntoRequests } from './produce-requests';

const record = (bytes: number) => ({ key: null, value: Buffer.alloc(bytes) });

describe('produce requests', () => {
  it('keep the order and stay within the bytes, a larger record alone', () => {
    const cut = splitIntoRequests([record(40), record(40), record(40), record(500), record(10)], {
      bytes: 100,
    });
    expect(cut.map((r) => r.map((m) => m.value?.length))).toEqual([[40, 40], [40], [500], [10]]);
  });

  it('stay within a number of records when one is given', () => {
    const cut = splitIntoRequests(
      Array.from({ length: 1201 }, () => record(1)),
      {
        bytes: REQUEST_BYTES,
        records: 500,
      },
    );
    expect(cut.map((r) => r.length)).toEqual([500, 500, 201]);
    expect(splitIntoRequests([])).toEqual([]);
  });

  it('count keys, values and headers', () => {
    expect(
      recordBytes({ key: 'ab', value: Buffer.alloc(3), headers: { h: 'xyz', b: Buffer.alloc(2) } }),
    ).toBe(2 + 3 + 1 + 3 + 1 + 2);
  });
});
