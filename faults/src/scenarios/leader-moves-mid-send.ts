import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  createGroupConsumer,
  createLogger,
  deleteGroup,
  errorMessage,
} from '@nobel-pipeline/common';
import { createRunPublisher, type EventBatch } from '@nobel-pipeline/fetcher';
import type { Encoder, FetchRun } from '@nobel-pipeline/schemas';
import {
  createEndOffsetReader,
  leaderAddress,
  uniqueTopic,
  waitFor,
  within,
} from '@nobel-pipeline/test-utils';
import type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';

/** Events of the run after the stop, over the two partitions (distinct keys). */
const EVENTS = { full: 2000, short: 400 } as const;

/**
 * The fetcher's publisher (its transaction, as a run publishes) writing to a topic of two
 * partitions led by two different nodes (p0 by node 1, p1 by node 2), right after p0 was
 * reassigned to nodes 2 and 3: its leadership moved to the node that already leads p1, and the
 * publisher's metadata still says node 1 (as after a failover it has not yet heard of).
 *
 * kafkajs (2.2.4) keeps, across the retries of one send, the answers of the brokers that
 * answered: its retry sends nothing to node 2, which had answered for p1, and the send
 * "succeeds" without p0's records. The run's transaction then commits without them. The
 * publisher must either publish every record of the run or fail the run whole.
 */
async function run(context: ScenarioContext): Promise<ScenarioOutcome> {
  const events = context.short ? EVENTS.short : EVENTS.full;
  const brokers = context.config.test.kafka.brokers;
  // The fetcher's own client settings (the default retries, as the service has them), with a
  // count of the answers that say a broker no longer leads a partition: the proof that the
  // send met the moved leadership, and so that a pass means something.
  let notLeader = 0;
  /** Of those, the ones the run's publish met (the moved leadership is what is tested). */
  let notLeaderAnswersInRun = 0;
  const kafka = new Kafka({
    brokers,
    clientId: 'faults-publisher',
    logLevel: logLevel.ERROR,
    logCreator: () => (entry) => {
      if (/not the leader|NOT_LEADER|does not host this topic-partition/i.test(entry.log.message))
        notLeader++;
    },
  });
  const admin = context.kafka.admin();
  await admin.connect();
  const topic = uniqueTopic('faults-moves');
  const runsTopic = uniqueTopic('faults-moves-runs');
  const failures: string[] = [];
  const publisher = createRunPublisher({
    kafka,
    transactionalId: `faults-moves-${randomUUID()}`,
    runs: plainEncoder(runsTopic),
    logger: createLogger({ name: 'faults', level: 'silent' }),
  });
  let stopped = 0; // when the leadership had moved
  let recoverySeconds: number | null = null;
  let published = 0;
  let visible = 0;
  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: [
        {
          topic,
          replicaAssignment: [
            { partition: 0, replicas: [1, 2] },
            { partition: 1, replicas: [2, 1] },
          ],
          configEntries: [{ name: 'min.insync.replicas', value: '1' }],
        },
        // The runs' topic away from node 1, so that only the events' partition moves.
        {
          topic: runsTopic,
          replicaAssignment: [{ partition: 0, replicas: [2, 3] }],
          configEntries: [{ name: 'min.insync.replicas', value: '1' }],
        },
      ],
    });
    await waitForLeaders(admin, [topic, runsTopic]);
    // A first run: the publisher learns who leads what (node 1 leads p0).
    await publisher.publish([batch(topic, 'warm', 20)], fetchRun('warm'));

    context.log('moving p0 from node 1 to nodes 2 and 3, then publishing a run');
    await moveAwayFromNode1(admin, topic);
    stopped = Date.now();
    const runBatch = batch(topic, 'run', events);
    let runFailed: string | undefined;
    // Only the run's own answers count: the warm publish (a new topic's metadata still
    // spreading) and a publish after a failed run can meet "not the leader" too.
    const notLeaderBefore = notLeader;
    try {
      await publisher.publish([runBatch], fetchRun('run'));
    } catch (error) {
      runFailed = errorMessage(error);
    }
    notLeaderAnswersInRun = notLeader - notLeaderBefore;
    const keys = await committedKeys(kafka, topic);
    const ofRun = keys.filter((k) => k.startsWith('run-')).length;
    if (runFailed === undefined && ofRun !== events)
      failures.push(
        `the run was published (no error) but ${events - ofRun} of its ${events} records are not on the topic`,
      );
    if (runFailed !== undefined && ofRun !== 0)
      failures.push(`the run failed (${runFailed}) yet ${ofRun} of its records were committed`);
    published = runFailed === undefined ? events : 0;
    visible = ofRun;
    if (runFailed !== undefined) {
      // A failed run is fine, provided that the next one succeeds.
      try {
        await publisher.publish([batch(topic, 'next', events)], fetchRun('next'));
        published = events;
        visible = (await committedKeys(kafka, topic)).filter((k) => k.startsWith('next-')).length;
        if (visible !== events)
          failures.push(`the run after a failed one lost ${events - visible} records`);
      } catch (error) {
        failures.push(`the run after a failed one failed too: ${errorMessage(error)}`);
      }
    }
    if (notLeaderAnswersInRun === 0)
      failures.push(
        'no send met the moved leadership (no "not the leader" answer): nothing was tested',
      );
    recoverySeconds = (Date.now() - stopped) / 1000;
  } finally {
    await publisher.stop().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic, runsTopic] }).catch(() => undefined);
    await admin.disconnect();
  }
  return {
    injected: "p0's leadership moved from node 1 to node 2 (which leads p1) just before a run",
    produced: published,
    rows: visible,
    dlq: 0,
    lost: Math.max(0, published - visible),
    duplicated: 0,
    recoverySeconds,
    failures,
    details: { notLeaderAnswers: notLeader, notLeaderAnswersInRun },
  };
}

/** The runs' records: their key matters here, not their Avro (no reader decodes them). */
function plainEncoder(topic: string): Encoder<FetchRun> {
  return {
    topic,
    subject: `${topic}-value`,
    schemaId: async () => 0,
    encode: async (r) => Buffer.from(JSON.stringify(r)),
  };
}

function batch(topic: string, prefix: string, count: number): EventBatch {
  return {
    topic,
    events: Array.from({ length: count }, (_, i) => ({
      id: `${prefix}-${i}`,
      contentHash: String(i),
      fetchRunId: prefix,
      encode: async () => Buffer.from(`${prefix}-${i}`),
    })),
  };
}

function fetchRun(runId: string): FetchRun {
  // Only its id (the record's key) and bytes are used: the plain encoder writes it as JSON.
  return { runId } as FetchRun;
}

/**
 * Reassigns p0 to nodes 2 and 3 and waits until node 2 leads it: node 1 is alive but leads it
 * no more, and a client that has not refreshed its metadata still sends p0's records there.
 */
async function moveAwayFromNode1(admin: ReturnType<Kafka['admin']>, topic: string) {
  await admin.alterPartitionReassignments({
    topics: [{ topic, partitionAssignment: [{ partition: 0, replicas: [2, 3] }] }],
  });
  await waitFor(
    async () => {
      const moving = await admin.listPartitionReassignments({
        topics: [{ topic, partitions: [0] }],
      });
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      const p0 = metadata.topics[0]?.partitions.find((p) => p.partitionId === 0);
      return moving.topics.length === 0 && p0?.leader === 2;
    },
    { timeoutMs: 60_000, description: `${topic}/0 led by node 2, node 1 no longer a replica` },
  );
}

async function waitForLeaders(admin: ReturnType<Kafka['admin']>, topics: string[]) {
  await waitFor(
    async () => {
      const metadata = await admin.fetchTopicMetadata({ topics }).catch(() => undefined);
      return metadata?.topics.every((t) => t.partitions.every((p) => p.leader >= 0)) === true;
    },
    { timeoutMs: 30_000, description: `leaders for ${topics.join(', ')}` },
  );
}

/**
 * The keys of the topic's committed records, read to the end with a throwaway group. The end
 * is each partition's high watermark (read_uncommitted), not kafkajs's admin's end offset (the
 * last stable offset): the coordinator answers a commit before it writes the markers, and a
 * reader that stopped at the last stable offset taken meanwhile would stop short of the run's
 * records and count them lost (seen once in CI, right after leader-kill-run restarted a node).
 * Read committed up to the high watermark, a reader passes a run's records only once their
 * commit marker is written: a transaction left open fails the read (its timeout), as it should.
 */
async function committedKeys(kafka: Kafka, topic: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<number, bigint>();
  try {
    for (const { partition, low } of await admin.fetchTopicOffsets(topic)) {
      let end = -1n;
      // The leader answers; one that has just moved answers NOT_LEADER: asked again.
      await waitFor(
        async () => {
          const reader = createEndOffsetReader(await leaderAddress(admin, topic, partition), {
            clientId: 'faults-moves-ends',
          });
          try {
            end = (await reader.read(topic, partition)).uncommitted;
            return true;
          } catch {
            return false;
          } finally {
            reader.close();
          }
        },
        { timeoutMs: 30_000, description: `the high watermark of ${topic}/${partition}` },
      );
      if (end > BigInt(low)) remaining.set(partition, end);
    }
  } finally {
    await admin.disconnect();
  }
  const keys: string[] = [];
  if (remaining.size === 0) return keys;
  const groupId = `faults-moves-reader-${randomUUID()}`;
  const group = createGroupConsumer(kafka, { groupId, readUncommitted: false });
  const consumer = group.consumer;
  let timer: NodeJS.Timeout | undefined;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`reading ${topic} took too long`)), 60_000);
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        // The end of a partition is its high watermark; its last record (or marker) is before.
        if (BigInt(payload.lastOffset) + 1n >= (remaining.get(payload.partition) ?? 0n))
          remaining.delete(payload.partition);
        if (remaining.size === 0) resolve();
      });
      group
        .run({
          eachMessage: async ({ message }) => {
            if (message.key !== null) keys.push(message.key.toString());
          },
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    // Its stop waits for a join under way; a stop that hangs is not waited for past 2 min.
    await within(group.stop(), 120_000);
    const cleanup = kafka.admin();
    await cleanup.connect();
    await deleteGroup(cleanup, groupId, { withinMs: 5000 }).catch(() => undefined);
    await cleanup.disconnect();
  }
  return keys;
}

export const leaderMovesMidSend: Scenario = {
  name: 'leader-moves-mid-send',
  description:
    "(cluster) a run published across two partitions right after the first one's leadership moved to the node that leads the other: every record of the run is committed, or the run fails whole and the next one succeeds",
  needs: { brokers: { min: 3 } },
  inShortRun: true,
  run,
};
