import type { ITopicConfig, Kafka } from 'kafkajs';
import {
  createPipelineTopics,
  pipelineTopicsEnv,
  TOPIC_VARIABLES,
  uniquePipelineTopics,
} from './pipeline-topics';

describe("the pipeline's topics for a test", () => {
  it('are named uniquely, all five or those asked for', () => {
    const all = uniquePipelineTopics('t');
    expect(Object.keys(all).sort()).toEqual(Object.keys(TOPIC_VARIABLES).sort());
    expect(all.prizes).toMatch(/^test\.t\.prizes\./);
    expect(uniquePipelineTopics('t').prizes).not.toBe(all.prizes);
    expect(Object.keys(uniquePipelineTopics('t', ['prizes', 'prizesDlq']))).toEqual([
      'prizes',
      'prizesDlq',
    ]);
  });

  it('are created shaped like the pipeline’s own', async () => {
    const created: ITopicConfig[] = [];
    const admin = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      // A cluster of three: each topic gets three replicas, two in sync.
      describeCluster: async () => ({ brokers: [{}, {}, {}], controller: 1, clusterId: 'x' }),
      createTopics: async ({ topics }: { topics: ITopicConfig[] }) => {
        created.push(...topics);
        return true;
      },
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => ({
        topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader: 1 }] })),
      }),
    };
    // A literal fake: createTopic uses admin() and these five calls only.
    const kafka = { admin: () => admin } as unknown as Kafka;
    const topics = { commands: 'c', prizes: 'p', fetchRuns: 'r', prizesDlq: 'd' };
    expect(await createPipelineTopics(kafka, topics)).toBe(topics);
    const shape = (t: ITopicConfig) => [
      t.topic,
      t.numPartitions,
      t.configEntries?.some((e) => e.name === 'cleanup.policy' && e.value === 'compact'),
      t.replicationFactor,
      t.configEntries?.find((e) => e.name === 'min.insync.replicas')?.value,
    ];
    expect(created.map(shape)).toEqual([
      ['c', 1, true, 3, '2'],
      ['p', 3, true, 3, '2'],
      ['r', 1, false, 3, '2'],
      ['d', 1, false, 3, '2'],
    ]);
  });

  it('are given to a service in its own variables', () => {
    expect(pipelineTopicsEnv({ prizes: 'p', fetchRuns: 'r', prizesDlq: 'd' })).toEqual({
      TOPIC_PRIZES: 'p',
      TOPIC_FETCH_RUNS: 'r',
      TOPIC_PRIZES_DLQ: 'd',
    });
  });
});
