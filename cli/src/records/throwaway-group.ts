import { randomUUID } from 'node:crypto';
import { errorMessage } from '@nobel-pipeline/common';
import type { Admin } from 'kafkajs';
import { readRange, type ReadOutcome, type ReadRangeOptions } from './read-range';

/** Prefix of the consumer groups a read joins for its own duration: `nobel-cli-<job>-<uuid>`. */
export const THROWAWAY_GROUP_PREFIX = 'nobel-cli';

export function throwawayGroupId(job: string): string {
  return `${THROWAWAY_GROUP_PREFIX}-${job}-${randomUUID()}`;
}

/** Kafka's answer for a group that does not exist (never created, or already gone). */
const GROUP_ID_NOT_FOUND = 69;

/** Whether kafkajs's deletion error says only that the group does not exist. */
function isGroupNotFound(error: unknown): boolean {
  // kafkajs's KafkaJSDeleteGroupsError lists each group it could not delete, with the code.
  const groups: unknown =
    typeof error === 'object' && error !== null && 'groups' in error ? error.groups : undefined;
  return (
    Array.isArray(groups) &&
    groups.every(
      (g: unknown) =>
        typeof g === 'object' &&
        g !== null &&
        'errorCode' in g &&
        g.errorCode === GROUP_ID_NOT_FOUND,
    )
  );
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
    await admin.deleteGroups([groupId]).catch((error: unknown) => {
      if (!isGroupNotFound(error))
        note(
          `could not delete the consumer group ${groupId} (${errorMessage(error)}); it holds no offsets, and Kafka removes it by itself`,
        );
    });
  }
}
