import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';

/**
 * Background processes of the stack. Each is started detached with its output in a log file,
 * and remembered by a pid file. A pid counts as ours only while that process is alive and its
 * command line carries the marker we gave it, so a recycled pid is never mistaken for ours.
 */

export interface DaemonSpec {
  command: string;
  args: string[];
  pidFile: string;
  logFile: string;
  /** A string the command line must contain for the process to count as ours. */
  marker: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Daemon {
  pid: number;
  /** Resolves with the exit code (or signal) if the process exits; never rejects. */
  exited: Promise<string>;
  /** Stop watching the child so that this Node process can exit while it runs on. */
  release(): void;
}

export function spawnDaemon(spec: DaemonSpec): Daemon {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  mkdirSync(dirname(spec.pidFile), { recursive: true });
  const out = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    const exited = new Promise<string>((resolveExit) => {
      child.once('error', (error) => resolveExit(`could not be started: ${error.message}`));
      child.once('exit', (code, signal) =>
        resolveExit(signal === null ? `exited with code ${code}` : `was killed by ${signal}`),
      );
    });
    if (child.pid === undefined) {
      return { pid: -1, exited, release: () => undefined };
    }
    writeFileSync(spec.pidFile, `${child.pid}\n`);
    return {
      pid: child.pid,
      exited,
      release: () => {
        child.removeAllListeners();
        child.unref();
      },
    };
  } finally {
    closeSync(out);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is certainly not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string | undefined {
  const proc = `/proc/${pid}/cmdline`;
  if (existsSync(proc)) {
    try {
      return readFileSync(proc, 'utf8').split('\0').join(' ');
    } catch {
      return undefined;
    }
  }
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
}

function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The pid of our running process, or undefined (a stale pid file is removed). */
export function ourPid(pidFile: string, marker: string): number | undefined {
  const pid = readPid(pidFile);
  if (pid === undefined) return undefined;
  if (isAlive(pid) && (commandLine(pid) ?? '').includes(marker)) return pid;
  rmSync(pidFile, { force: true });
  return undefined;
}

export interface StopOptions {
  /** How long to wait for a clean exit after SIGTERM before sending SIGKILL. */
  graceMs: number;
  pollMs?: number;
}

/** SIGTERM, wait for the exit, SIGKILL after the grace period. Resolves once it is gone. */
export async function stopProcess(
  pid: number,
  options: StopOptions,
): Promise<'stopped' | 'killed'> {
  const pollMs = options.pollMs ?? 100;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + options.graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await delay(pollMs);
  }
  signal('SIGKILL');
  while (isAlive(pid)) await delay(pollMs);
  return 'killed';
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}
