import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotReadyError } from '../errors';
import { waitReady } from './wait';

describe('waitReady', () => {
  it('resolves once the probe answers', async () => {
    let tries = 0;
    await waitReady({
      component: 'x',
      probe: async () => ++tries === 3,
      timeoutMs: 1000,
      pollMs: 1,
    });
    expect(tries).toBe(3);
  });

  it('fails with the tail of the log when the process exits first', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'wait-')), 'x.log');
    writeFileSync(log, 'line 1\nERROR: java.lang.UnsupportedClassVersionError\n');
    const error = await waitReady({
      component: 'registry',
      probe: async () => false,
      timeoutMs: 5000,
      pollMs: 1,
      exited: Promise.resolve('exited with code 1'),
      logFile: log,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotReadyError);
    expect((error as NotReadyError).message).toBe(
      'registry: the process exited with code 1 before it was ready',
    );
    expect((error as NotReadyError).logTail).toContain('UnsupportedClassVersionError');
  });

  it('fails after the timeout, saying how to give it more time', async () => {
    const error = await waitReady({
      component: 'kafka',
      probe: async () => {
        throw new Error('refused');
      },
      timeoutMs: 30,
      pollMs: 5,
    }).catch((e: unknown) => e);
    expect((error as NotReadyError).message).toMatch(/kafka: did not become ready within 0 s/);
    expect((error as NotReadyError).hint).toMatch(/STACK_START_TIMEOUT_SECONDS/);
  });

  it('fails at the timeout also when the probe never answers', async () => {
    const error = await waitReady({
      component: 'registry',
      probe: () => new Promise<boolean>(() => undefined),
      timeoutMs: 30,
      pollMs: 5,
    }).catch((e: unknown) => e);
    expect((error as NotReadyError).message).toMatch(/registry: did not become ready within 0 s/);
  });
});
