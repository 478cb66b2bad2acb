import type { Admin } from 'kafkajs';
import type { ReplayTarget } from './args';
import { computePlan, type PartitionPosition, type Plan } from './plan';

/** What Kafka knows of the topic's partitions and of the group's commits on them. */
export async function readPartitions(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<PartitionPosition[]> {
  const [watermarks, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
  return watermarks.map(({ partition, low, high }) => {
    const offset = Number(mine.find((p) => p.partition === partition)?.offset ?? '-1');
    return {
      partition,
      low: Number(low),
      high: Number(high),
      committed: offset < 0 ? null : offset,
    };
  });
}

/** Reads what the plan needs and computes it. */
export async function readPlan(
  admin: Admin,
  input: { groupId: string; topic: string; target: ReplayTarget },
): Promise<Plan> {
  const partitions = await readPartitions(admin, input.groupId, input.topic);
  const { target } = input;
  const timestampOffsets =
    target.kind === 'datetime'
      ? new Map(
          (await admin.fetchTopicOffsetsByTimestamp(input.topic, target.timestamp)).map((e) => [
            e.partition,
            Number(e.offset),
          ]),
        )
      : undefined;
  return computePlan({ ...input, partitions, timestampOffsets });
}

/** Commits the plan's offsets for the group (kafkajs refuses unless the group is empty). */
export async function applyPlan(admin: Admin, plan: Plan): Promise<void> {
  await admin.setOffsets({
    groupId: plan.groupId,
    topic: plan.topic,
    partitions: plan.rows.map((r) => ({ partition: r.partition, offset: String(r.new) })),
  });
}
