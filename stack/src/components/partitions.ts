import { quietKafka } from '../system/kafka-client';

/** Where one partition lives: its leader, its replicas and those in sync (node ids). */
export interface PartitionState {
  topic: string;
  partition: number;
  /** -1 when it has no leader (not enough replicas alive). */
  leader: number;
  replicas: number[];
  isr: number[];
}

/** The partitions of these topics as the cluster describes them now (missing topics skipped). */
export async function partitionStates(
  brokers: string[],
  topics: readonly string[],
): Promise<PartitionState[]> {
  const admin = quietKafka(brokers).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length === 0) return [];
    const metadata = await admin.fetchTopicMetadata({ topics: present });
    const order = (name: string) => topics.indexOf(name);
    return [...metadata.topics]
      .sort((a, b) => order(a.name) - order(b.name))
      .flatMap((topic) =>
        [...topic.partitions]
          .sort((a, b) => a.partitionId - b.partitionId)
          .map((p) => ({
            topic: topic.name,
            partition: p.partitionId,
            leader: p.leader,
            replicas: p.replicas,
            isr: p.isr,
          })),
      );
  } finally {
    await admin.disconnect();
  }
}
