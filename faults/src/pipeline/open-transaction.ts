import { setTimeout as delay } from 'node:timers/promises';
import type { EndOffsetReader } from '@nobel-pipeline/test-utils';

/** A watch on one partition for a transaction open on it. */
export interface TransactionWatch {
  /** True once a transaction was seen open on the partition (it stays true). */
  readonly seen: boolean;
  /** Resolves as soon as one is seen (never, if the watch is stopped first). */
  readonly opened: Promise<void>;
  /** The last failed read, for a wait that times out to say why. */
  readonly lastError: unknown;
  /** Ends the watch and closes its reader. */
  stop(): Promise<void>;
}

/**
 * Reads the partition's two end offsets from its leader every `intervalMs`, until a
 * transaction shows as open (records past the committed end) or the watch is stopped. Only a
 * timer and one request at a time: unlike a consumer, nothing of it keeps running against a
 * broker killed under it.
 */
export function watchForOpenTransaction(
  reader: EndOffsetReader,
  topic: string,
  partition: number,
  intervalMs = 10,
): TransactionWatch {
  let seen = false;
  let stopped = false;
  let lastError: unknown;
  let onOpen: (() => void) | undefined;
  const opened = new Promise<void>((resolve) => {
    onOpen = resolve;
  });
  const loop = (async () => {
    while (!stopped && !seen) {
      try {
        const { committed, uncommitted } = await reader.read(topic, partition);
        if (committed < uncommitted) {
          seen = true;
          onOpen?.();
        }
      } catch (error) {
        lastError = error;
      }
      if (!stopped && !seen) await delay(intervalMs);
    }
  })();
  return {
    get seen() {
      return seen;
    },
    get lastError() {
      return lastError;
    },
    opened,
    async stop() {
      stopped = true;
      await loop;
      reader.close();
    },
  };
}
