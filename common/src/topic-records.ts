import type { Admin } from 'kafkajs';

export interface TopicRecords {
  topic: string;
  /** Records between the start and the end of its partitions (a transaction's marker counts). */
  records: number;
}

/**
 * How many records each topic holds now: the end offset less the start offset, over its
 * partitions. For the DLQ topics, whose producers are not transactional, that is the number of
 * dead letters kept (retention may have deleted older ones).
 */
export async function topicRecords(
  admin: Admin,
  topics: readonly string[],
): Promise<TopicRecords[]> {
  return Promise.all(
    topics.map(async (topic) => {
      const partitions = await admin.fetchTopicOffsets(topic);
      const records = partitions.reduce((n, p) => n + Number(BigInt(p.high) - BigInt(p.low)), 0);
      return { topic, records };
    }),
  );
}
