import { stopOnAbort } from './stop-on-abort';

function counted() {
  const calls = { n: 0 };
  const stop = async () => {
    calls.n += 1;
  };
  return { calls, stop };
}

it('stops on abort, once, and the owner joins that stop', async () => {
  const controller = new AbortController();
  const { calls, stop } = counted();
  const lines: string[] = [];
  const handle = stopOnAbort(controller.signal, stop, (l) => lines.push(l));
  expect(calls.n).toBe(0);
  controller.abort(new Error('the time limit of 15 min'));
  expect(calls.n).toBe(1);
  expect(lines).toEqual(['stopping the pipeline: the time limit of 15 min']);
  await handle.stop();
  handle.release();
  expect(calls.n).toBe(1);
});

it('stops at once for a signal aborted before it was tied (while the pipeline started)', () => {
  const { calls, stop } = counted();
  stopOnAbort(AbortSignal.abort(new Error('interrupted')), stop, () => undefined);
  expect(calls.n).toBe(1);
});

it('does not stop on an abort after release, and stops once when the owner asks', async () => {
  const controller = new AbortController();
  const { calls, stop } = counted();
  const handle = stopOnAbort(controller.signal, stop, () => undefined);
  handle.release();
  controller.abort();
  expect(calls.n).toBe(0);
  await Promise.all([handle.stop(), handle.stop()]);
  expect(calls.n).toBe(1);
});
