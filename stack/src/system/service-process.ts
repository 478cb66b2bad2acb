import { rmSync } from 'node:fs';
import type { Reporter } from '../components/component';
import { ourPid, spawnDaemon, stopProcess } from './process';
import { waitReady } from './wait';

export interface ServiceProcessOptions {
  component: string;
  pidFile: string;
  logFile: string;
  /** A string on the command line that makes the process recognisably ours. */
  marker: string;
  /** Resolves true once the service answers its clients. */
  probe: () => Promise<boolean>;
  startTimeoutMs: number;
  /** How long a clean shutdown may take before SIGKILL. */
  graceMs: number;
  report: Reporter;
}

/** One background server of the stack: started detached, recognised by pid file and marker. */
export interface ServiceProcess {
  /** The pid of our process, if it runs. */
  pid(): number | undefined;
  /** Starts the server and resolves once it answers; fails with its log if it exits first. */
  start(command: string, args: string[], cwd?: string): Promise<void>;
  /** Resolves once our already running server answers (it may still be starting). */
  awaitReady(): Promise<void>;
  /** Stops our server if it runs; never touches anything else. */
  stop(): Promise<void>;
}

export function createServiceProcess(options: ServiceProcessOptions): ServiceProcess {
  const { component, pidFile, logFile, marker, probe, report } = options;

  const pid = () => ourPid(pidFile, marker);

  async function start(command: string, args: string[], cwd?: string): Promise<void> {
    const started = Date.now();
    const daemon = spawnDaemon({ command, args, cwd, pidFile, logFile, marker });
    try {
      await waitReady({
        component,
        probe,
        timeoutMs: options.startTimeoutMs,
        exited: daemon.exited,
        logFile,
      });
    } finally {
      daemon.release();
    }
    report(component, `ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  function awaitReady(): Promise<void> {
    return waitReady({ component, probe, timeoutMs: options.startTimeoutMs, logFile });
  }

  async function stop(): Promise<void> {
    const running = pid();
    if (running === undefined) return;
    report(component, 'stopping');
    const how = await stopProcess(running, { graceMs: options.graceMs });
    rmSync(pidFile, { force: true });
    report(component, how === 'stopped' ? 'stopped' : `killed after ${options.graceMs / 1000} s`);
  }

  return { pid, start, awaitReady, stop };
}
