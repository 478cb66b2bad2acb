import { errorMessage } from '@nobel-pipeline/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { waitFor } from './wait-for';
import { within } from '@nobel-pipeline/common';

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, rejectPort) => {
    const server = createServer();
    server.once('error', rejectPort);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * How long a stop waits for a service to exit before killing it: longer than any service's
 * own shutdown (ingest-api drains for 10 s; a consumer leaving its group waits for a join
 * under way, up to a rebalance timeout and a session).
 */
export const STOP_GRACE_MS = 120_000;

export interface ServiceOptions {
  /** The service's built entry point, e.g. `<package>/dist/main.js`. */
  main: string;
  /** Its command-line arguments. */
  args?: string[];
  /** Added to this process's environment. */
  env: Record<string, string>;
  /** A URL that answers 2xx once the service is up. */
  readyUrl: string;
  timeoutMs?: number;
}

export interface RunningService {
  process: ChildProcess;
  /** Everything the service wrote so far (standard output and error). */
  output(): string;
  /** Its standard output alone: its log's JSON lines, never cut by a line of standard error. */
  stdout(): string;
  /**
   * SIGTERM (or another signal); resolves with the exit code, or the signal that ended it.
   * A service still running `graceMs` after the signal is killed (SIGKILL), and the answer
   * says so: a stop never waits forever on a service that hangs in its shutdown.
   */
  stop(signal?: NodeJS.Signals, options?: { graceMs?: number }): Promise<number | string>;
  exited(): boolean;
}

/** Starts a service's real main as a child process and waits until it answers. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const child = spawn(process.execPath, [options.main, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | string>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown')),
  );
  let done = false;
  void exit.then(() => (done = true));
  const service: RunningService = {
    process: child,
    output: () => output,
    stdout: () => stdout,
    exited: () => done,
    async stop(signal = 'SIGTERM', { graceMs = STOP_GRACE_MS } = {}) {
      if (done) return exit;
      child.kill(signal);
      const ended = await within(exit, graceMs);
      if ('value' in ended) return ended.value;
      child.kill('SIGKILL');
      await exit;
      return `SIGKILL: still running ${graceMs} ms after ${signal}`;
    },
  };
  try {
    await waitFor(
      async () => {
        if (done) throw new Error(`the service exited:\n${output}`);
        const response = await fetch(options.readyUrl, { signal: AbortSignal.timeout(1000) });
        return response.ok;
      },
      { timeoutMs: options.timeoutMs ?? 30_000, description: `${options.readyUrl} to answer` },
    );
  } catch (error) {
    await service.stop('SIGKILL');
    throw new Error(`${errorMessage(error)}\n--- output ---\n${output}`);
  }
  return service;
}
