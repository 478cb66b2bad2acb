import {
  createTopicsWithLeaders,
  errorMessage,
  replicationEntries,
  replicationFor,
} from '@nobel-pipeline/common';
import type { TopicSpec, TopicsConfig } from '@nobel-pipeline/common';
import type { TopicsTarget } from '../config';
import { StackError } from '../errors';
import { quietKafka } from '../system/kafka-client';
import type { Component, ComponentStatus, Reporter } from './component';

/** The topics the pipeline uses, as the configuration describes them: every one of them. */
export function topicSpecs(topics: TopicsConfig): TopicSpec[] {
  return Object.values(topics);
}

function describe(spec: TopicSpec): string {
  return `${spec.name}(${spec.partitions}${spec.compacted ? ',compact' : ''})`;
}

/**
 * Creates the pipeline's topics explicitly (the broker does not auto-create them). Existing
 * topics are left as they are; one with fewer partitions than configured is reported, not
 * changed, because adding partitions moves keys to other partitions.
 */
export function createTopics(target: TopicsTarget, report: Reporter): Component {
  const { brokers } = target;
  const specs = topicSpecs(target.topics);

  async function inspect(): Promise<{ missing: TopicSpec[]; mismatched: string[] }> {
    const admin = quietKafka(brokers).admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((spec) => !existing.has(spec.name));
      const present = specs.filter((spec) => existing.has(spec.name));
      const mismatched: string[] = [];
      if (present.length > 0) {
        const metadata = await admin.fetchTopicMetadata({ topics: present.map((s) => s.name) });
        for (const topic of metadata.topics) {
          const spec = present.find((s) => s.name === topic.name);
          if (spec !== undefined && topic.partitions.length !== spec.partitions) {
            mismatched.push(
              `${topic.name} has ${topic.partitions.length} partitions, configured ${spec.partitions}`,
            );
          }
        }
      }
      return { missing, mismatched };
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * A new cluster creates __consumer_offsets when a client first asks for a group coordinator,
   * and loads its transaction coordinator when a producer first asks for a producer id. Asking
   * here means the pipeline's first consumer and first idempotent producer find both ready,
   * instead of retrying on "coordinator not available" / "coordinator is loading".
   */
  async function warmCoordinators(): Promise<void> {
    const kafka = quietKafka(brokers, 15);
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true });
    await admin.connect();
    try {
      await admin.describeGroups(['nobel-stack-warm-up']);
      await producer.connect();
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  }

  const base = (up: boolean, detail?: string): ComponentStatus => ({
    name: 'topics',
    up,
    address: `${specs.length} topics on ${brokers.join(',')}`,
    version: undefined,
    owner: 'stack',
    log: undefined,
    detail,
  });

  async function status(): Promise<ComponentStatus> {
    try {
      const { missing, mismatched } = await inspect();
      if (missing.length > 0)
        return base(false, `missing: ${missing.map((s) => s.name).join(', ')}`);
      return base(true, mismatched.length > 0 ? mismatched.join('; ') : undefined);
    } catch {
      return base(false, 'Kafka is not reachable');
    }
  }

  async function up(): Promise<ComponentStatus> {
    const { missing, mismatched } = await inspect();
    if (missing.length > 0) {
      const admin = quietKafka(brokers).admin();
      await admin.connect();
      try {
        // Replicated by the project's rule for the cluster found (three copies from three
        // brokers), whichever Kafka this is: the stack's, or the Docker init's.
        const answering = (await admin.describeCluster()).brokers.length;
        const size = target.clusterSize ?? answering;
        if (answering < size) {
          throw new StackError(
            'topics',
            `${answering} of the cluster's ${size} brokers answer: the topics would have fewer replicas than the rule asks; start every broker first`,
          );
        }
        const replication = replicationFor(size);
        await createTopicsWithLeaders(
          admin,
          missing.map((spec) => ({
            topic: spec.name,
            numPartitions: spec.partitions,
            replicationFactor: replication.replicationFactor,
            configEntries: [
              ...replicationEntries(replication),
              ...(spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : []),
            ],
          })),
        );
      } catch (error) {
        if (error instanceof StackError) throw error;
        throw new StackError(
          'topics',
          `could not create ${missing.map((s) => s.name).join(', ')}: ${errorMessage(error)}`,
          { cause: error },
        );
      } finally {
        await admin.disconnect();
      }
      report('topics', `created ${missing.map(describe).join(' ')}`);
    }
    await warmCoordinators();
    for (const problem of mismatched) report('topics', `warning: ${problem}`);
    return base(true, mismatched.length > 0 ? mismatched.join('; ') : undefined);
  }

  // Topics live in Kafka's data: stopping or resetting Kafka covers them.
  const nothing = async () => undefined;
  return {
    name: 'topics',
    status,
    prepare: nothing,
    up,
    down: nothing,
    reset: nothing,
    pid: () => undefined,
  };
}
