import type { Consumer, Kafka } from 'kafkajs';
import {
  createGroupConsumer,
  createPartitionCommits,
  groupTimeouts,
  type Logger,
} from '@nobel-pipeline/common';
import { createBatchHandler, type BatchHandlerDeps } from './batch-handler';

export interface SinkConsumerDeps extends Omit<BatchHandlerDeps, 'commit' | 'isStopping'> {
  kafka: Kafka;
  groupId: string;
  /** The member's session: how soon its partitions go to another after it dies. */
  sessionTimeoutMs?: number;
  topics: string[];
  maxBytesPerPartition: number;
  /** Partitions written at the same time, each in its own transaction. */
  partitionsConcurrently?: number;
  logger: Logger;
}

export interface SinkConsumer {
  start(): Promise<void>;
  /** Finishes or abandons the batch in flight (uncommitted), leaves the group. */
  stop(): Promise<void>;
  isHealthy(): boolean;
}

/** Group `sink` on the prizes and fetch-runs topics: committed records only, manual commits. */
export function createSinkConsumer(deps: SinkConsumerDeps): SinkConsumer {
  const group = createGroupConsumer(deps.kafka, {
    groupId: deps.groupId,
    ...(deps.sessionTimeoutMs === undefined ? {} : groupTimeouts(deps.sessionTimeoutMs)),
    readUncommitted: false,
    allowAutoTopicCreation: false,
    maxBytesPerPartition: deps.maxBytesPerPartition,
  });
  const consumer: Consumer = group.consumer;
  // Every commit of a partition, in order, and only forward (common's partition-commits.ts):
  // the two places below commit the same partitions, and kafkajs retries each on its own.
  const commits = createPartitionCommits(async (topic, partition, offset) => {
    await consumer.commitOffsets([{ topic, partition, offset }]);
  });
  let stopping = false;
  let member = false;
  let crashed = false;

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    member = true;
    crashed = false;
    // A new membership reads from the group's committed offsets (partition-commits.ts).
    commits.reset();
    deps.logger.info({ assignment: payload.memberAssignment }, 'joined the group');
  });
  consumer.on(consumer.events.REBALANCING, () => {
    member = false;
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    member = false;
    commits.reset();
    crashed = !payload.restart;
    deps.logger.error({ err: payload.error, restart: payload.restart }, 'the consumer crashed');
  });

  // A batch of transaction markers (or aborted records) only: eachBatch never sees it, and
  // kafkajs, with autoCommit off, resolves it without committing. Committed here, so that the
  // group reaches the end of a partition whose last record is a run's commit marker (its lag
  // would stay at 1 until the next record, and "caught up" never be true).
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.batchSize !== 0 || stopping) return;
    const offset = (BigInt(payload.lastOffset) + 1n).toString();
    commits
      .commit(payload.topic, payload.partition, offset)
      .catch((error: unknown) =>
        deps.logger.warn(
          { err: error, topic: payload.topic, partition: payload.partition },
          'could not commit past transaction markers; the next batch commits past them',
        ),
      );
  });

  const handler = createBatchHandler({
    ...deps,
    isStopping: () => stopping,
    commit: commits.commit,
  });

  async function start(): Promise<void> {
    await consumer.connect();
    await consumer.subscribe({ topics: deps.topics, fromBeginning: true });
    await group.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: deps.partitionsConcurrently ?? 1,
      eachBatch: handler,
    });
  }

  async function stop(): Promise<void> {
    stopping = true;
    await group.stop();
  }

  return { start, stop, isHealthy: () => member && !crashed };
}
