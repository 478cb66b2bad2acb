import type { Admin } from 'kafkajs';
import {
  groupCoordinatedBy,
  groupCoordinator,
  javaStringHash,
  offsetsPartitionOf,
} from './group-coordinator';

describe('javaStringHash', () => {
  it("is Java's String.hashCode, 32-bit overflow included", () => {
    // Values as Java prints them.
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('abc')).toBe(96354);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
    expect(javaStringHash('nobel-sink')).toBe(-1623282152);
  });
});

describe('offsetsPartitionOf', () => {
  it("is Kafka's Utils.abs(hashCode) % partitions, not the sign bit cleared", () => {
    expect(offsetsPartitionOf('abc', 50)).toBe(96354 % 50);
    // A group a Kafka 4.1 cluster of 50 offsets partitions placed on partition 2 (its
    // coordinator, read with the Java admin client, led that partition).
    expect(offsetsPartitionOf('test-faults-leader-kill-run-sink-9395-mx49p574-07038c78', 50)).toBe(
      1887027002 % 50,
    );
    expect(offsetsPartitionOf('nobel-sink', 50)).toBe(1623282152 % 50);
    // Math.abs cannot negate the smallest int: Kafka takes it as 0.
    expect(offsetsPartitionOf('polygenelubricants', 50)).toBe(0);
  });
});

/** An admin that answers only fetchTopicMetadata, with __consumer_offsets led as given. */
function fakeAdmin(leaders: number[] | undefined): Admin {
  const admin = {
    fetchTopicMetadata: async () => {
      if (leaders === undefined) throw new Error('This server does not host this topic-partition');
      return {
        topics: [
          {
            name: '__consumer_offsets',
            partitions: leaders.map((leader, partitionId) => ({
              partitionErrorCode: 0,
              partitionId,
              leader,
              replicas: [],
              isr: [],
            })),
          },
        ],
      };
    },
  };
  // Only fetchTopicMetadata is called by the functions under test.
  return admin as unknown as Admin;
}

describe('groupCoordinator', () => {
  it("is the leader of the group's partition", async () => {
    const leaders = Array.from({ length: 50 }, (_, i) => (i % 3) + 1);
    const partition = offsetsPartitionOf('nobel-sink', 50);
    await expect(groupCoordinator(fakeAdmin(leaders), 'nobel-sink')).resolves.toBe(
      leaders[partition],
    );
  });
});

describe('groupCoordinatedBy', () => {
  it('finds a group id whose partition the node leads', async () => {
    const leaders = Array.from({ length: 50 }, (_, i) => (i % 3) + 1);
    const { groupId, coordinated } = await groupCoordinatedBy(fakeAdmin(leaders), 2, 'scenario');
    expect(coordinated).toBe(true);
    expect(groupId).toMatch(/^test-scenario-/);
    expect(leaders[offsetsPartitionOf(groupId, 50)]).toBe(2);
  });

  it('says so when the node leads no partition of the topic', async () => {
    const { coordinated, groupId } = await groupCoordinatedBy(fakeAdmin([1, 3, 1]), 2, 'x');
    expect(coordinated).toBe(false);
    expect(groupId).toMatch(/^test-x-/);
  });

  it('says so when the topic does not exist yet', async () => {
    const { coordinated } = await groupCoordinatedBy(fakeAdmin(undefined), 1, 'x');
    expect(coordinated).toBe(false);
  });
});
