import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy value of the probe', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), {
      intervalMs: 1,
    });
    expect(value).toBe('after 3');
  });

  it('treats a throwing probe as not yet', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        if (++calls < 2) throw new Error('not ready');
        return true;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe(true);
  });

  it('times out naming what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('broker down');
        },
        { timeoutMs: 20, intervalMs: 5, description: '3 messages' },
      ),
    ).rejects.toThrow(
      /Timed out after 20 ms waiting for 3 messages; last error: Error: broker down/,
    );
  });
});

describe('waitFor against a probe that never answers', () => {
  it('fails at its deadline, saying the probe had not answered', async () => {
    const started = Date.now();
    await expect(
      waitFor(() => new Promise<boolean>(() => undefined), {
        timeoutMs: 50,
        description: 'a hung server',
      }),
    ).rejects.toThrow(
      /Timed out after 50 ms waiting for a hung server: its last probe had not answered by then$/,
    );
    // Not a speed assertion: without the bound the wait above never ends at all.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('still returns a value that comes before the deadline', async () => {
    const value = await waitFor(
      () =>
        new Promise<string>((resolveSoon) => setTimeout(() => resolveSoon('late but in time'), 10)),
      { timeoutMs: 5_000 },
    );
    expect(value).toBe('late but in time');
  });
});

describe('waitFor with a probe that takes a while', () => {
  it('times out as usual, with the last error, when the last try ends after the deadline', async () => {
    let calls = 0;
    await expect(
      waitFor(
        async () => {
          calls += 1;
          await new Promise((resolveSoon) => setTimeout(resolveSoon, 5));
          throw new Error(`not yet (${calls})`);
        },
        { timeoutMs: 60, intervalMs: 10, description: 'a slow server' },
      ),
    ).rejects.toThrow(
      /^Timed out after 60 ms waiting for a slow server; last error: Error: not yet/,
    );
  });

  it('takes the answer of a try that started before the deadline and ends after it', async () => {
    const value = await waitFor(
      async () => {
        await new Promise((resolveSoon) => setTimeout(resolveSoon, 30));
        return 'after the deadline, within a pause';
      },
      { timeoutMs: 10, intervalMs: 500 },
    );
    expect(value).toBe('after the deadline, within a pause');
  });
});
