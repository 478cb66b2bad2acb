import { createPoller } from './poller';

/** A load whose answers the test releases one by one. */
function controlledLoad() {
  const pending: ((value: number) => void)[] = [];
  let calls = 0;
  const load = jest.fn(
    () =>
      new Promise<number>((resolve) => {
        calls += 1;
        const n = calls;
        pending.push(() => resolve(n));
      }),
  );
  const answer = async () => {
    pending.shift()?.(0);
    await Promise.resolve();
    await Promise.resolve();
  };
  return { load, answer };
}

describe('createPoller', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reports a load that throws, and goes on polling', async () => {
    const bug = new TypeError('a bug in load');
    const load = jest.fn().mockRejectedValueOnce(bug).mockResolvedValue(7);
    const onResult = jest.fn();
    const onError = jest.fn();
    const poller = createPoller({ load, intervalMs: 1000, onResult, onError });
    poller.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledWith(bug);
    await jest.advanceTimersByTimeAsync(1000);
    expect(load).toHaveBeenCalledTimes(2);
    expect(onResult).toHaveBeenCalledWith(7);
    poller.dispose();
  });

  it('requests at once, then again an interval after each answer', async () => {
    const { load, answer } = controlledLoad();
    const onResult = jest.fn();
    const poller = createPoller({ load, intervalMs: 2000, onResult });
    poller.start();
    expect(load).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(5000);
    expect(load).toHaveBeenCalledTimes(1); // never a second request while one is in flight
    await answer();
    expect(onResult).toHaveBeenLastCalledWith(1);
    await jest.advanceTimersByTimeAsync(1999);
    expect(load).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);
    poller.dispose();
  });

  it('pauses on stop and resumes with a request at once on start', async () => {
    const { load, answer } = controlledLoad();
    const poller = createPoller({ load, intervalMs: 1000, onResult: jest.fn() });
    poller.start();
    await answer();
    poller.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(1);
    poller.start();
    expect(load).toHaveBeenCalledTimes(2);
    poller.dispose();
  });

  it('drops a stale answer on refresh and asks again once it is in', async () => {
    const { load, answer } = controlledLoad();
    const onResult = jest.fn();
    const poller = createPoller({ load, intervalMs: 1000, onResult });
    poller.start();
    poller.refresh();
    expect(load).toHaveBeenCalledTimes(1);
    await answer();
    expect(onResult).not.toHaveBeenCalled();
    expect(load).toHaveBeenCalledTimes(2);
    await answer();
    expect(onResult).toHaveBeenCalledWith(2);
    poller.dispose();
  });

  it('delivers nothing after dispose', async () => {
    const { load, answer } = controlledLoad();
    const onResult = jest.fn();
    const poller = createPoller({ load, intervalMs: 1000, onResult });
    poller.start();
    poller.dispose();
    await answer();
    await jest.advanceTimersByTimeAsync(5000);
    expect(onResult).not.toHaveBeenCalled();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
