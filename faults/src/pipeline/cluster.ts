import { Kafka, logLevel } from 'kafkajs';
import type { Component, Stack } from '@nobel-pipeline/stack';
import { waitFor } from '@nobel-pipeline/test-utils';
import { killServer } from './outage';

/** The stack's component for a node id: `kafka-<id>` on a cluster, `kafka` on one broker. */
export function kafkaNode(stack: Stack, id: number): Component {
  const cluster = stack.components.some((c) => c.name === 'kafka-1');
  return stack.component(cluster ? `kafka-${id}` : 'kafka');
}

/** The node that leads a partition now (as the cluster's metadata says; -1 for none). */
export async function leaderOf(kafka: Kafka, topic: string, partition = 0): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    return metadata.topics[0]?.partitions.find((p) => p.partitionId === partition)?.leader ?? -1;
  } finally {
    await admin.disconnect();
  }
}

/** kill -9 of a node; resolves once its process is gone. */
export async function killNode(stack: Stack, id: number): Promise<void> {
  const pid = kafkaNode(stack, id).pid();
  if (pid === undefined) throw new Error(`node ${id} has no pid: the stack does not run it`);
  await killServer(pid);
}

/**
 * Kafka's own topics: the groups' offsets and the transactions' state. A node back after a
 * kill is caught up on these too before the next fault, or that fault (another leader killed)
 * can leave a group or transaction coordinator's partition with one replica in sync, under
 * `min.insync.replicas`.
 */
const INTERNAL_TOPICS = ['__consumer_offsets', '__transaction_state'] as const;

/**
 * Starts a node again and waits until every replica of the topics, and of Kafka's own topics,
 * is back in sync: the next fault then meets a whole cluster, not one still catching up.
 */
export async function restartNode(
  stack: Stack,
  kafka: Kafka,
  id: number,
  topics: readonly string[],
): Promise<void> {
  await kafkaNode(stack, id).up();
  await waitFor(
    async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const existing = new Set(await admin.listTopics());
        const internal = INTERNAL_TOPICS.filter((t) => existing.has(t));
        const metadata = await admin.fetchTopicMetadata({ topics: [...topics, ...internal] });
        return metadata.topics.every((t) =>
          t.partitions.every((p) => p.replicas.every((r) => p.isr.includes(r))),
        );
      } catch {
        return false;
      } finally {
        await admin.disconnect();
      }
    },
    { timeoutMs: 120_000, intervalMs: 500, description: `node ${id}'s replicas back in sync` },
  );
}

/**
 * A client for the scenario's own producer that outlasts a leader's failover: Kafka notices a
 * killed broker after its session timeout (9 s), and the default test client gives up sooner.
 */
export function patientKafka(brokers: string[]): Kafka {
  return new Kafka({
    brokers,
    clientId: 'faults-stream',
    logLevel: logLevel.NOTHING,
    retry: { retries: 12, initialRetryTime: 300, maxRetryTime: 5000 },
  });
}
