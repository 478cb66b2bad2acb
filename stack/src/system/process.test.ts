import { mkdtempSync, existsSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, ourPid, spawnDaemon, stopProcess } from './process';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'daemon-'));
}

async function logContains(file: string, text: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (existsSync(file) && readFileSync(file, 'utf8').includes(text)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${file} never contained ${text}`);
}

describe('daemons', () => {
  it('start detached with a pid file and output in the log, and stop on SIGTERM', async () => {
    const d = dir();
    const marker = `marker-${process.pid}-${Date.now()}`;
    const daemon = spawnDaemon({
      command: process.execPath,
      args: ['-e', 'console.log("hello from the daemon"); setInterval(() => {}, 1000)', marker],
      pidFile: join(d, 'run', 'x.pid'),
      logFile: join(d, 'logs', 'x.log'),
      marker,
    });
    try {
      await logContains(join(d, 'logs', 'x.log'), 'hello from the daemon');
      expect(Number(readFileSync(join(d, 'run', 'x.pid'), 'utf8'))).toBe(daemon.pid);
      expect(ourPid(join(d, 'run', 'x.pid'), marker)).toBe(daemon.pid);
      expect(ourPid(join(d, 'run', 'x.pid'), 'some-other-marker')).toBeUndefined();
    } finally {
      expect(await stopProcess(daemon.pid, { graceMs: 5000, pollMs: 20 })).toBe('stopped');
    }
    expect(isAlive(daemon.pid)).toBe(false);
    expect(await daemon.exited).toBe('was killed by SIGTERM');
  });

  it('kill a process that ignores SIGTERM after the grace period', async () => {
    const d = dir();
    const daemon = spawnDaemon({
      command: process.execPath,
      args: [
        '-e',
        'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)',
      ],
      pidFile: join(d, 'x.pid'),
      logFile: join(d, 'x.log'),
      marker: 'x',
    });
    // Wait until the handler is installed, or SIGTERM would still kill it at once.
    await logContains(join(d, 'x.log'), 'ready');
    expect(await stopProcess(daemon.pid, { graceMs: 200, pollMs: 20 })).toBe('killed');
    expect(isAlive(daemon.pid)).toBe(false);
  });

  it('treat a pid file of a dead process as stale and remove it', () => {
    const d = dir();
    const pidFile = join(d, 'x.pid');
    writeFileSync(pidFile, '999999999\n');
    expect(ourPid(pidFile, 'anything')).toBeUndefined();
    expect(existsSync(pidFile)).toBe(false);
  });

  it('report a command that cannot be started', async () => {
    const d = dir();
    const daemon = spawnDaemon({
      command: join(d, 'no-such-binary'),
      args: [],
      pidFile: join(d, 'x.pid'),
      logFile: join(d, 'x.log'),
      marker: 'x',
    });
    expect(await daemon.exited).toMatch(/could not be started: .*ENOENT/);
  });
});
