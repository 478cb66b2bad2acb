import type { Admin } from 'kafkajs';

/** A topic's partition count; undefined when the topic does not exist. Asked once per topic. */
export type PartitionCounts = (topic: string) => Promise<number | undefined>;

export function partitionCountsOf(admin: Admin): PartitionCounts {
  let existing: Promise<Set<string>> | undefined;
  const counts = new Map<string, Promise<number | undefined>>();
  return (topic) => {
    let count = counts.get(topic);
    if (count === undefined) {
      existing ??= admin.listTopics().then((names) => new Set(names));
      count = existing.then(async (names) => {
        if (!names.has(topic)) return undefined;
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        return topics[0]?.partitions.length;
      });
      counts.set(topic, count);
    }
    return count;
  };
}
