/** The pace of a replay: named defaults that tests replace with faster ones. */
export interface ReplayTiming {
  /** Between two reads of the lag, or of the group's members. */
  pollIntervalMs: number;
  /** The sliding window the records/s rate is computed over. */
  rateWindowMs: number;
  /** How long the row counts may take to connect before they are "unavailable". */
  dbConnectTimeoutMs: number;
  /** The clock: durations, deadlines and the rate. */
  now: () => number;
}

export const REPLAY_TIMING: ReplayTiming = {
  pollIntervalMs: 1000,
  rateWindowMs: 10_000,
  dbConnectTimeoutMs: 3000,
  now: () => Date.now(),
};

/** Waits `ms`, or less if interrupted first; true when it was interrupted. */
export async function pause(ms: number, interrupted: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<boolean>((resolveTick) => {
    timer = setTimeout(() => resolveTick(false), ms);
  });
  try {
    return await Promise.race([elapsed, interrupted.then(() => true)]);
  } finally {
    clearTimeout(timer);
  }
}
