import { errorMessage, isRetriable, type PartitionLag } from '@nobel-pipeline/common';
import { progressLine, ratePerSecond, slide, type Sample } from './rate';
import { pause, type ReplayTiming } from './timing';

export interface FollowOptions {
  /** The group's lag on the topic now (common's consumerLag). */
  readLag: () => Promise<PartitionLag[]>;
  progress: (text: string) => void;
  endProgress: () => void;
  interrupted: Promise<void>;
  timing: Pick<ReplayTiming, 'pollIntervalMs' | 'rateWindowMs' | 'now'>;
}

export type FollowResult =
  { done: true; lags: PartitionLag[] } | { done: false; left: number | undefined };

/**
 * Reads the lag every poll interval and draws one progress line per read, until nothing is
 * left (done) or the user interrupts. A lag read that fails with a retriable error (a broker
 * moving) is said on the line and tried again; any other error ends the follow.
 */
export async function followLag(options: FollowOptions): Promise<FollowResult> {
  const { timing } = options;
  let window: Sample[] = [];
  let left: number | undefined;
  for (;;) {
    try {
      const lags = await options.readLag();
      left = lags.reduce((sum, p) => sum + p.lag, 0);
      window = slide(window, { at: timing.now(), left }, timing.rateWindowMs);
      options.progress(progressLine(lags, ratePerSecond(window)));
      if (left === 0) {
        options.endProgress();
        return { done: true, lags };
      }
    } catch (error) {
      if (!isRetriable(error)) {
        options.endProgress();
        throw error;
      }
      options.progress(`lag unknown for now (${errorMessage(error)}); trying again`);
    }
    if (await pause(timing.pollIntervalMs, options.interrupted)) {
      options.endProgress();
      return { done: false, left };
    }
  }
}
