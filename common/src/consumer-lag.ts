import type { Admin } from 'kafkajs';

/**
 * How far a consumer group is behind, per partition: the one computation for ingest-api's
 * GET /status, the console and the tests that wait for a service to catch up.
 */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** The next offset the sink will read (-1: nothing committed yet). */
  committed: string;
  end: string;
  lag: number;
}

/** Records the group has not committed yet, per partition (committed -1: nothing yet). */
export async function consumerLag(
  admin: Admin,
  groupId: string,
  topics: string[],
): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  const lags: PartitionLag[] = [];
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const { partition, high, low } of ends.sort((a, b) => a.partition - b.partition)) {
      const offset = mine.find((p) => p.partition === partition)?.offset ?? '-1';
      const from = BigInt(offset) < 0n ? BigInt(low) : BigInt(offset);
      lags.push({
        topic,
        partition,
        committed: offset,
        end: high,
        lag: Number(BigInt(high) - from),
      });
    }
  }
  return lags;
}

/** True when the group has committed every record of the topics (as of the call). */
export async function caughtUp(admin: Admin, groupId: string, topics: string[]): Promise<boolean> {
  return (await consumerLag(admin, groupId, topics)).every((p) => p.lag === 0);
}
