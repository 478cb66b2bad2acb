import { EventEmitter } from 'node:events';
import { createLogger } from './logger';
import { exitOnSignals } from './shutdown';

const silent = createLogger({ name: 'test', level: 'silent' });

function setup() {
  const target = new EventEmitter();
  const exits: number[] = [];
  const calls: string[] = [];
  let finish: (() => void) | undefined;
  let fail: ((error: Error) => void) | undefined;
  exitOnSignals(
    (signal) => {
      calls.push(signal);
      return new Promise<void>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
    },
    silent,
    { target, exit: (code) => exits.push(code) },
  );
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return { target, exits, calls, finish: () => finish?.(), fail: (e: Error) => fail?.(e), flush };
}

describe('exitOnSignals', () => {
  it('shuts down once, fully, however many signals arrive, and exits 0 only when done', async () => {
    const { target, exits, calls, finish, flush } = setup();
    // A terminal's Ctrl-C (SIGINT to the whole group), then the supervisor's SIGTERM, then
    // an impatient second Ctrl-C.
    target.emit('SIGINT', 'SIGINT');
    target.emit('SIGTERM', 'SIGTERM');
    target.emit('SIGINT', 'SIGINT');
    await flush();
    expect(calls).toEqual(['SIGINT']);
    expect(exits).toEqual([]);
    finish();
    await flush();
    expect(exits).toEqual([0]);
  });

  it('keeps listening after the first signal, so a second one never meets the default handler', () => {
    const { target } = setup();
    target.emit('SIGTERM', 'SIGTERM');
    expect(target.listenerCount('SIGTERM')).toBe(1);
    expect(target.listenerCount('SIGINT')).toBe(1);
  });

  it('exits 1 when the shutdown fails', async () => {
    const { target, exits, fail, flush } = setup();
    target.emit('SIGTERM', 'SIGTERM');
    fail(new Error('the producer would not disconnect'));
    await flush();
    expect(exits).toEqual([1]);
  });
});
