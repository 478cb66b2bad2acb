import { addProfiles, profileTable, summarizeProfile } from './profile';

const node = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url },
});

describe('summarizeProfile', () => {
  it('sums the sampled time by what ran it', () => {
    const shares = summarizeProfile({
      nodes: [
        node(1, '(idle)', ''),
        node(2, 'decode', 'file:///repo/node_modules/avsc/lib/types.js'),
        node(3, 'validatePrize', 'file:///repo/sink/dist/validate.js'),
        node(4, 'upsertBulk', 'file:///repo/db/dist/write/upsert-sql.js'),
        node(5, 'writeGeneric', 'node:internal/stream_base_commons'),
        node(6, '(garbage collector)', ''),
        node(7, 'fetch', 'file:///repo/node_modules/kafkajs/src/consumer/runner.js'),
        node(8, 'somethingElse', 'file:///repo/node_modules/left-pad/index.js'),
      ],
      samples: [1, 1, 2, 3, 4, 5, 6, 7, 8, 1],
      timeDeltas: [1000, 1000, 2000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
    });
    const msOf = (start: string) => shares.find((s) => s.part.startsWith(start))?.ms;
    expect(msOf('waiting')).toBe(3);
    expect(msOf('garbage collection')).toBe(1);
    expect(msOf('Kafka client')).toBe(1);
    expect(msOf('Avro decoding')).toBe(2);
    expect(msOf('the sink')).toBe(1);
    expect(msOf('rows and statements')).toBe(1);
    expect(msOf('Node.js internals')).toBe(1);
    expect(msOf('the benchmark harness')).toBe(1);
    expect(shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1);
    expect(profileTable(shares)).toContain(' 27.3 %     0.00 s  waiting');
  });

  it('has nothing to say of an empty profile', () => {
    expect(summarizeProfile({ nodes: [] }).every((s) => s.ms === 0 && s.share === 0)).toBe(true);
  });
});

describe('addProfiles', () => {
  it('adds the passes part by part, as shares of the whole', () => {
    const pass = (idle: number, gc: number) => [
      { part: 'idle', ms: idle, share: 0 },
      { part: 'gc', ms: gc, share: 0 },
    ];
    expect(addProfiles([pass(3, 1), pass(1, 3)])).toEqual([
      { part: 'idle', ms: 4, share: 0.5 },
      { part: 'gc', ms: 4, share: 0.5 },
    ]);
  });
});
