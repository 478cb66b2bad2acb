import { waitFor } from '@nobel-pipeline/test-utils';

/**
 * Keeps a fault in place for `ms` while doing `work` over and over (posting commands,
 * checking a service stays up): the outage lasts as long as the scenario says, and is used.
 * A `work` that throws ends the hold with its error (a service that died, say).
 */
export async function holdFor(ms: number, work: () => Promise<void>): Promise<void> {
  const end = Date.now() + ms;
  let failure: { error: unknown } | undefined;
  await waitFor(
    async () => {
      try {
        await work();
      } catch (error) {
        failure = { error };
        return true;
      }
      return Date.now() >= end;
    },
    { timeoutMs: ms + 60_000, intervalMs: 500, description: `the end of a ${ms} ms outage` },
  );
  if (failure !== undefined) throw failure.error;
}

/** True while a process of that pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** kill -9 of a server the stack runs, and the wait until it is gone. */
export async function killServer(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  await waitFor(() => !alive(pid), { timeoutMs: 30_000, description: `process ${pid} to die` });
}
