import { PipelineError } from '../errors';
import { backoff, retry, RetryStoppedError } from './retrier';

const transient = () => new PipelineError('the broker is away', { retriable: true });
const final = () => new PipelineError('the record is bad');
const fast = { initialMs: 1, maxMs: 4, random: () => 0 };

describe('retry', () => {
  it('tries again what is retriable, with growing waits, until it succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await retry(
      async () => {
        if (++calls < 4) throw transient();
        return 'done';
      },
      { ...fast, onRetry: ({ waitMs }) => void waits.push(waitMs) },
    );
    expect(value).toBe('done');
    expect(waits).toEqual([1, 2, 4]);
  });

  it('throws at once what is not retriable, by its flag or the classifier given', async () => {
    let calls = 0;
    await expect(
      retry(async () => {
        calls++;
        throw final();
      }, fast),
    ).rejects.toThrow('the record is bad');
    expect(calls).toBe(1);
    await expect(
      retry(
        async () => {
          throw Object.assign(new Error('deadlock'), { errno: 1213 });
        },
        { ...fast, retries: 2, isRetriable: (e) => (e as { errno?: number }).errno === 1213 },
      ),
    ).rejects.toThrow('deadlock');
  });

  it('never retries a programmer error, whatever the classifier says', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          // A bug of our own: reading a property of undefined.
          return (undefined as unknown as { x: { y: number } }).x.y;
        },
        { ...fast, isRetriable: () => true },
      ),
    ).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });

  it('gives up after `retries`, with the last error', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw transient();
        },
        { ...fast, retries: 2 },
      ),
    ).rejects.toThrow('the broker is away');
    expect(calls).toBe(3);
  });

  it('stops waiting when asked, saying why, with the last failure as the cause', async () => {
    let stopping = false;
    const error = await retry(
      async () => {
        stopping = true;
        throw transient();
      },
      { ...fast, stop: () => (stopping ? 'shutting down' : undefined) },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryStoppedError);
    expect((error as Error).message).toBe('gave up retrying: shutting down');
    expect((error as Error).cause).toBeInstanceOf(PipelineError);
  });
});

describe('backoff', () => {
  it('doubles from the initial wait, adds jitter, and never passes the cap', () => {
    const options = { initialMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoff(n, { ...options, random: () => 0 }))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(backoff(1, { ...options, random: () => 1 })).toBe(120);
    expect(backoff(10, { ...options, random: () => 1 })).toBe(1000);
  });
});
