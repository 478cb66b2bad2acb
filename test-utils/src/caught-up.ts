import type { Kafka } from 'kafkajs';
import { caughtUp as groupCaughtUp } from '@nobel-pipeline/common';

/**
 * True once the group has committed every record of the topics (as of the call): common's
 * rule, with an admin client of its own. Tests wait on it: `waitFor(() => caughtUp(...))`.
 */
export async function caughtUp(kafka: Kafka, groupId: string, topics: string[]): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await groupCaughtUp(admin, groupId, topics);
  } finally {
    await admin.disconnect();
  }
}
