import type { Logger } from '@nobel-pipeline/common';
import { isRetriable } from '@nobel-pipeline/common';
import type { Decoder } from '@nobel-pipeline/schemas';
import type { TopicRecord } from '../kafka/read-to-end';

/**
 * The content hash of every event of one source last published, by id. It is rebuilt from the
 * source's compacted topic whenever this instance becomes the poller: the topic is the record
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

/** The published hashes of every source, by source name (SourceRun.source). */
export interface SourceHashes {
  /** The source's hashes: empty until a run publishes or a restore fills them. */
  of(source: string): PublishedHashes;
  /** How many ids each source has published. */
  sizes(): Record<string, number>;
}

export function createSourceHashes(): SourceHashes {
  const bySource = new Map<string, PublishedHashes>();
  return {
    of(source) {
      let hashes = bySource.get(source);
      if (hashes === undefined) {
        hashes = createPublishedHashes();
        bySource.set(source, hashes);
      }
      return hashes;
    },
    sizes: () => Object.fromEntries([...bySource].map(([source, h]) => [source, h.size()])),
  };
}

/**
 * id → contentHash from the records of a source's topic (latest per key; tombstones delete).
 * `noun` names one record in the logs ("prize", "laureate").
 */
export async function hashesFromRecords(
  records: readonly TopicRecord[],
  decoder: Decoder<{ contentHash: string }>,
  logger: Logger,
  noun = 'record',
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
        `cannot read a published ${noun}; it will be published again`,
      );
    }
  }
  if (unreadable > 0) logger.warn({ unreadable }, `some published ${noun}s could not be read`);
  return hashes;
}
