import { batches } from './produce';

describe('batches', () => {
  const record = (value: string | null) => ({ key: 'k', value });

  it('cuts at the record limit, in order', () => {
    const records = Array.from({ length: 1201 }, (_, i) => record(String(i)));
    const cut = batches(records);
    expect(cut.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(cut.flat()).toEqual(records);
  });

  it('cuts at the byte limit, and sends a record larger than it alone', () => {
    const cut = batches(
      [record('aaaa'), record('bbbb'), record('x'.repeat(20)), record(null), record('cc')],
      { records: 10, bytes: 10 },
    );
    expect(cut.map((b) => b.map((r) => r.value?.length ?? 0))).toEqual([[4, 4], [20], [0, 2]]);
  });

  it('makes no batch of nothing', () => {
    expect(batches([])).toEqual([]);
  });
});
