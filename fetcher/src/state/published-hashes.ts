import type { Logger } from '@nobel-pipeline/common';
import { isRetriable } from '@nobel-pipeline/common';
import type { Decoder, NobelPrize } from '@nobel-pipeline/schemas';
import type { TopicRecord } from '../kafka/read-to-end';

/**
 * The content hash of every prize last published, by prize id. It is rebuilt from the
 * compacted prizes topic whenever this instance becomes the poller: the topic is the record
 * of what was published (only committed transactions count), so there is nothing else to keep
 * in step, and another instance taking over knows what its predecessor published.
 */
export interface PublishedHashes {
  get(id: string): string | undefined;
  set(id: string, hash: string): void;
  ids(): string[];
  size(): number;
  replaceAll(entries: Map<string, string>): void;
}

export function createPublishedHashes(): PublishedHashes {
  let hashes = new Map<string, string>();
  return {
    get: (id) => hashes.get(id),
    set: (id, hash) => void hashes.set(id, hash),
    ids: () => [...hashes.keys()],
    size: () => hashes.size,
    replaceAll: (entries) => {
      hashes = new Map(entries);
    },
  };
}

/** id → contentHash from the records of the prizes topic (latest per key; tombstones delete). */
export async function hashesFromRecords(
  records: readonly TopicRecord[],
  decoder: Decoder<NobelPrize>,
  logger: Logger,
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  let unreadable = 0;
  for (const { message, partition, offset } of records) {
    const key = message.key?.toString();
    if (key === undefined) continue;
    if (message.value === null) {
      hashes.delete(key);
      continue;
    }
    try {
      hashes.set(key, (await decoder.decode(message.value)).contentHash);
    } catch (error) {
      // The registry away: fail the restore, to be tried again, rather than republish all.
      if (isRetriable(error)) throw error;
      // Unknown to us, so it will be published again: the safe side.
      unreadable++;
      hashes.delete(key);
      logger.warn(
        { err: error, key, partition, offset },
        'cannot read a published prize; it will be published again',
      );
    }
  }
  if (unreadable > 0) logger.warn({ unreadable }, 'some published prizes could not be read');
  return hashes;
}
