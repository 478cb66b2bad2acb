import { randomUUID } from 'node:crypto';
import { deleteGroup, errorMessage } from '@nobel-pipeline/common';
import type { Admin } from 'kafkajs';
import { readRange, type ReadOutcome, type ReadRangeOptions } from './read-range';

/** Prefix of the consumer groups a read joins for its own duration: `nobel-cli-<job>-<uuid>`. */
export const THROWAWAY_GROUP_PREFIX = 'nobel-cli';

export function throwawayGroupId(job: string): string {
  return `${THROWAWAY_GROUP_PREFIX}-${job}-${randomUUID()}`;
}

/**
 * Reads with a consumer group of its own (kafkajs cannot read without one), which commits
 * nothing and is deleted afterwards, whatever happened. A group left behind (the deletion
 * failed) holds no offsets: Kafka removes it by itself later; `note` says so.
 */
export async function readWithThrowawayGroup(
  admin: Admin,
  job: string,
  options: Omit<ReadRangeOptions, 'groupId'>,
  note: (text: string) => void,
): Promise<ReadOutcome> {
  const groupId = throwawayGroupId(job);
  try {
    return await readRange({ ...options, groupId });
  } finally {
    // A group that never came to be is as good as deleted (deleteGroup says 'absent').
    await deleteGroup(admin, groupId, { withinMs: 5000 }).catch((error: unknown) =>
      note(
        `could not delete the consumer group ${groupId} (${errorMessage(error)}); it holds no offsets, and Kafka removes it by itself`,
      ),
    );
  }
}
