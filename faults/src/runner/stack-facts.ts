import type { Kafka } from 'kafkajs';
import { hasDefaultSnapshot } from '@nobel-pipeline/nobel-mirror';
import { StackError, type Stack } from '@nobel-pipeline/stack';
import type { StackFacts, StackServer } from './needs';

const SERVERS: readonly StackServer[] = ['kafka', 'registry', 'mariadb'];

/**
 * The pid of the stack's server, or undefined when the stack runs none by that name. Kafka on
 * a cluster is its nodes (kafka-1, kafka-2…): the first node's pid while every node runs, so
 * that a node left down is seen, and started again by restoreServers.
 */
function pidOf(stack: Stack, server: StackServer): number | undefined {
  try {
    const nodes = stack.components.filter((c) => c.name.startsWith('kafka-'));
    if (server === 'kafka' && nodes.length > 0) {
      const pids = nodes.map((node) => node.pid());
      return pids.every((pid) => pid !== undefined) ? pids[0] : undefined;
    }
    return stack.component(server).pid();
  } catch (error) {
    if (error instanceof StackError) return undefined;
    throw error;
  }
}

/** What the scenarios' needs are checked against: the cluster as Kafka describes it, and more. */
export async function stackFacts(
  kafka: Kafka,
  stack: Stack,
  /** Whether this process may mount a tmpfs: learned once, by the suite's main. */
  canMount: boolean,
): Promise<StackFacts> {
  const admin = kafka.admin();
  await admin.connect();
  let brokers: number;
  try {
    brokers = (await admin.describeCluster()).brokers.length;
  } finally {
    await admin.disconnect();
  }
  const pids = Object.fromEntries(
    SERVERS.map((server) => [server, pidOf(stack, server)]),
  ) as Record<StackServer, number | undefined>; // fromEntries types its keys as string
  return { brokers, pids, snapshot: hasDefaultSnapshot(), canMount };
}

/**
 * Starts again every server that ran before a scenario (it had a pid) and runs no more: a
 * scenario that failed half-way through an outage leaves the stack whole for the next one.
 * Returns the servers it started.
 */
export async function restoreServers(stack: Stack, before: StackFacts): Promise<StackServer[]> {
  const restored: StackServer[] = [];
  for (const server of SERVERS) {
    if (before.pids[server] === undefined || pidOf(stack, server) !== undefined) continue;
    await stack.component(server).up();
    restored.push(server);
  }
  return restored;
}
