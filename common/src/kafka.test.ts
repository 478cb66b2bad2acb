import { replicationEntries, replicationFor } from './kafka';

describe('replicationFor', () => {
  it('keeps three copies, two of them acknowledged, from three brokers up', () => {
    expect(replicationFor(3)).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(replicationFor(5)).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
  });

  it('keeps a copy on every broker of a smaller cluster, one acknowledged', () => {
    expect(replicationFor(1)).toEqual({ replicationFactor: 1, minInsyncReplicas: 1 });
    expect(replicationFor(2)).toEqual({ replicationFactor: 2, minInsyncReplicas: 1 });
  });

  it('refuses a cluster without brokers', () => {
    expect(() => replicationFor(0)).toThrow(/at least one broker; got 0/);
    expect(() => replicationFor(1.5)).toThrow(RangeError);
  });

  it('gives the topic configuration entries of a rule', () => {
    expect(replicationEntries(replicationFor(3))).toEqual([
      { name: 'min.insync.replicas', value: '2' },
    ]);
  });
});
