import type { Admin } from 'kafkajs';
import { uniqueGroup } from './names';

/** The topic where Kafka keeps groups' offsets; a group's coordinator leads its partition. */
const OFFSETS_TOPIC = '__consumer_offsets';

/** Java's String.hashCode: what Kafka hashes a group id with. */
export function javaStringHash(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(hash, 31) + value.charCodeAt(i)) | 0;
  return hash;
}

/**
 * The partition of __consumer_offsets that holds a group: Kafka's `Utils.abs(hashCode) %
 * count`, where Utils.abs is Math.abs with the one value it cannot negate taken as 0 (not the
 * sign bit cleared, which is the producer's partitioner).
 */
export function offsetsPartitionOf(groupId: string, partitions: number): number {
  const hash = javaStringHash(groupId);
  return (hash === -2147483648 ? 0 : Math.abs(hash)) % partitions;
}

/**
 * The node coordinating a group now: the leader of the group's partition of __consumer_offsets
 * (which exists once any group has committed). Faults read it to say whether a killed broker
 * was also a group's coordinator.
 */
export async function groupCoordinator(admin: Admin, groupId: string): Promise<number> {
  const metadata = await admin.fetchTopicMetadata({ topics: [OFFSETS_TOPIC] });
  const partitions = metadata.topics[0]?.partitions ?? [];
  if (partitions.length === 0) throw new Error(`${OFFSETS_TOPIC} has no partitions yet`);
  const partition = offsetsPartitionOf(groupId, partitions.length);
  const leader = partitions.find((p) => p.partitionId === partition)?.leader;
  if (leader === undefined || leader < 0)
    throw new Error(`${OFFSETS_TOPIC}/${partition}, the partition of ${groupId}, has no leader`);
  return leader;
}

/**
 * A new group id whose coordinator will be `node` (its partition of __consumer_offsets is led
 * by it now), so that a scenario killing that node kills the group's coordinator too; a
 * plain unique group id when no candidate is (the node leads no such partition, or the topic
 * does not exist yet), with `coordinated` false.
 */
export async function groupCoordinatedBy(
  admin: Admin,
  node: number,
  prefix: string,
  candidates = 500,
): Promise<{ groupId: string; coordinated: boolean }> {
  const metadata = await admin
    .fetchTopicMetadata({ topics: [OFFSETS_TOPIC] })
    .catch(() => undefined);
  const partitions = metadata?.topics[0]?.partitions ?? [];
  const ledByNode = new Set(partitions.filter((p) => p.leader === node).map((p) => p.partitionId));
  if (ledByNode.size > 0) {
    for (let i = 0; i < candidates; i++) {
      const groupId = uniqueGroup(prefix);
      if (ledByNode.has(offsetsPartitionOf(groupId, partitions.length)))
        return { groupId, coordinated: true };
    }
  }
  return { groupId: uniqueGroup(prefix), coordinated: false };
}
