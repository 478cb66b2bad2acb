import { persist } from './retry';

describe('persist', () => {
  it('tries until the operation succeeds, waiting longer each time', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await persist(
      async () => {
        if (++calls < 4) throw new Error(`attempt ${calls}`);
        return 'done';
      },
      {
        baseMs: 1,
        maxMs: 3,
        stop: () => undefined,
        onFailure: (_e, _a, waitMs) => void waits.push(waitMs),
      },
    );
    expect(result).toBe('done');
    expect(waits).toEqual([1, 2, 3]);
  });

  it('gives up only when told to, with the reason and the last error', async () => {
    let stop: string | undefined;
    const error = await persist(
      async () => {
        throw new Error('database down');
      },
      {
        baseMs: 1,
        maxMs: 1,
        stop: () => stop,
        onFailure: (_e, attempt) => {
          if (attempt === 3) stop = 'shutting down';
        },
      },
    ).catch((e: unknown) => e as Error);
    expect(error.message).toBe('gave up retrying: shutting down');
    expect((error.cause as Error).message).toBe('database down');
  });
});
