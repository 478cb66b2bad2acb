import { within } from '@nobel-pipeline/common';
import { NotReadyError } from '../errors';
import { tail } from './files';
import { delay } from './process';

export interface WaitReadyOptions {
  component: string;
  /** Resolves true once the component answers; errors count as "not yet". */
  probe: () => Promise<boolean>;
  timeoutMs: number;
  /** Resolves if the process exits while we wait (see spawnDaemon). */
  exited?: Promise<string>;
  logFile?: string;
  pollMs?: number;
}

/** The probe's answer, false if it fails or has not answered within `ms`. */
async function answersWithin(probe: () => Promise<boolean>, ms: number): Promise<boolean> {
  const answer = await within(probe(), ms);
  return 'value' in answer && answer.value;
}

/** Polls `probe` until it answers, the process exits, or the time is up. */
export async function waitReady(options: WaitReadyOptions): Promise<void> {
  const pollMs = options.pollMs ?? 250;
  let exitReason: string | undefined;
  void options.exited?.then((reason) => {
    exitReason = reason;
  });
  const deadline = Date.now() + options.timeoutMs;
  const logTail = () => (options.logFile === undefined ? undefined : tail(options.logFile));
  for (;;) {
    if (exitReason !== undefined) {
      throw new NotReadyError(options.component, `the process ${exitReason} before it was ready`, {
        logTail: logTail(),
        hint: options.logFile === undefined ? undefined : `See ${options.logFile}.`,
      });
    }
    // A probe that never answers (a server that accepts and says nothing) counts as "not
    // yet" once the time left has passed: the deadline holds.
    if (await answersWithin(options.probe, Math.max(deadline - Date.now(), pollMs))) return;
    if (Date.now() > deadline) {
      throw new NotReadyError(
        options.component,
        `did not become ready within ${Math.round(options.timeoutMs / 1000)} s`,
        {
          logTail: logTail(),
          hint: 'A slow machine may need more time: set STACK_START_TIMEOUT_SECONDS.',
        },
      );
    }
    await delay(pollMs);
  }
}
