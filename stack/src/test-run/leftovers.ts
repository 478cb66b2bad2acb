import * as mariadb from 'mariadb';
import { errorMessage } from '@nobel-pipeline/common';
import type { StackConfig } from '../config';
import { quietKafka } from '../system/kafka-client';

/** What exists on the stack that a test run could create, by kind. */
export interface Inventory {
  topics: string[];
  groups: string[];
  subjects: string[];
  databases: string[];
}

export type Kind = keyof Inventory;
export const KINDS: readonly Kind[] = ['topics', 'groups', 'subjects', 'databases'];

/**
 * Everything of each kind on the stack now: topics and consumer groups (Kafka), subjects (the
 * registry), and the databases the application user can see. A kind that cannot be listed is
 * left out, not guessed.
 */
export async function takeInventory(config: StackConfig): Promise<Partial<Inventory>> {
  const inventory: Partial<Inventory> = {};
  const admin = quietKafka(config.kafka.bootstrap).admin();
  try {
    await admin.connect();
    // Kafka's internal topics (__consumer_offsets, __transaction_state) appear on first use.
    inventory.topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
    inventory.groups = (await admin.listGroups()).groups.map((g) => g.groupId);
  } catch {
    // Kafka not answering: nothing to compare.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  try {
    const response = await fetch(`${config.registry.url}/subjects`, {
      signal: AbortSignal.timeout(5000),
    });
    if (response.ok) inventory.subjects = (await response.json()) as string[];
  } catch {
    // The registry not answering: nothing to compare.
  }
  try {
    const conn = await mariadb.createConnection({
      host: config.db.host,
      port: config.db.port,
      user: config.db.user,
      password: config.db.password,
      connectTimeout: 5000,
    });
    try {
      const rows = (await conn.query('SHOW DATABASES')) as { Database: string }[];
      inventory.databases = rows.map((r) => r.Database);
    } finally {
      await conn.end();
    }
  } catch {
    // MariaDB not answering: nothing to compare.
  }
  return inventory;
}

/** What is there after a run that was not there before it. */
export function leftBehind(before: Partial<Inventory>, after: Partial<Inventory>): Inventory {
  const diff = (kind: Kind) => {
    const known = new Set(before[kind] ?? []);
    return before[kind] === undefined ? [] : (after[kind] ?? []).filter((n) => !known.has(n));
  };
  return {
    topics: diff('topics'),
    groups: diff('groups'),
    subjects: diff('subjects'),
    databases: diff('databases'),
  };
}

export function describeLeftovers(left: Inventory): string | undefined {
  const parts = KINDS.filter((kind) => left[kind].length > 0).map((kind) => {
    const names = left[kind];
    const shown = names.slice(0, 5).join(', ');
    return `  ${names.length} ${kind}: ${shown}${names.length > 5 ? ', …' : ''}`;
  });
  return parts.length === 0 ? undefined : parts.join('\n');
}

/**
 * What each left-over group is doing: its state and its members (client and host), so that a
 * group left behind says whether a member still holds it or it merely was not deleted.
 */
export async function describeGroups(config: StackConfig, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const admin = quietKafka(config.kafka.bootstrap).admin();
  try {
    await admin.connect();
    const { groups } = await admin.describeGroups(groupIds.slice(0, 20));
    return groups.map((g) => {
      const members = g.members.map((m) => `${m.clientId}@${m.clientHost}`).join(', ');
      return `  ${g.groupId}: ${g.state}, ${g.members.length} member(s)${members ? `: ${members}` : ''}`;
    });
  } catch (error) {
    return [`  (the groups could not be described: ${errorMessage(error)})`];
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
