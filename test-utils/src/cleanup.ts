import { Kafka, logLevel } from 'kafkajs';
import * as mariadb from 'mariadb';
import type { ResourceLedger } from './ledger';

/** What was deleted (or could not be), for the one line the environment prints. */
export interface CleanupReport {
  topics: number;
  subjects: number;
  groups: number;
  databases: number;
  problems: string[];
}

const TIMEOUT_MS = 10_000;
/** Longest session timeout of a test's consumers (kafkajs's default), plus a margin. */
const GROUP_WAIT_MS = 35_000;
const NON_EMPTY_GROUP = 68;

async function deleteSubjects(registryUrl: string, topics: Iterable<string>): Promise<number> {
  const response = await fetch(`${registryUrl}/subjects`, {
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`GET ${registryUrl}/subjects answered ${response.status}`);
  const existing = new Set((await response.json()) as string[]);
  let deleted = 0;
  for (const topic of topics) {
    for (const subject of [`${topic}-value`, `${topic}-key`]) {
      if (!existing.has(subject)) continue;
      // A soft delete first: the registry refuses a permanent delete of a live subject.
      for (const query of ['', '?permanent=true']) {
        await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}${query}`, {
          method: 'DELETE',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      }
      deleted++;
    }
  }
  return deleted;
}

/**
 * Deletes what a test file created on the stack: its topics and their registry subjects, its
 * consumer groups (those no member still holds) and its databases. Only names the ledger
 * holds are touched, so a run never deletes what another run or a person created.
 */
export async function cleanUp(ledger: ResourceLedger): Promise<CleanupReport> {
  const report: CleanupReport = { topics: 0, subjects: 0, groups: 0, databases: 0, problems: [] };
  const { stack } = ledger;
  if (stack === undefined) return report;

  if (ledger.topics.size > 0 || ledger.groups.size > 0) {
    const kafka = new Kafka({
      brokers: stack.brokers,
      clientId: 'test-cleanup',
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
      connectionTimeout: 3000,
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
      let pending = groups.filter((g) => ledger.groups.has(g));
      // A group still holding a member cannot be deleted: one killed with SIGKILL stays until
      // its session times out. Those are tried again until then.
      const deadline = Date.now() + GROUP_WAIT_MS;
      while (pending.length > 0) {
        const failed = await admin.deleteGroups(pending).then(
          () => [],
          (error: { groups?: unknown }) => {
            // kafkajs lists the groups it could not delete, with the reason of each.
            if (Array.isArray(error.groups))
              return error.groups as { groupId: string; errorCode: number }[];
            throw error;
          },
        );
        report.groups += pending.length - failed.length;
        const other = failed.filter((f) => f.errorCode !== NON_EMPTY_GROUP);
        if (other.length > 0)
          report.problems.push(
            `groups: ${other.map((f) => `${f.groupId} (${f.errorCode})`).join(', ')}`,
          );
        pending = failed.filter((f) => f.errorCode === NON_EMPTY_GROUP).map((f) => f.groupId);
        if (pending.length > 0 && Date.now() > deadline) {
          report.problems.push(`groups still in use: ${pending.join(', ')}`);
          break;
        }
        if (pending.length > 0) await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
      }
      const topics = (await admin.listTopics()).filter((t) => ledger.topics.has(t));
      if (topics.length > 0) {
        await admin.deleteTopics({ topics, timeout: TIMEOUT_MS });
        report.topics = topics.length;
      }
    } catch (error) {
      report.problems.push(`Kafka: ${String(error)}`);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    try {
      report.subjects = await deleteSubjects(stack.registryUrl, ledger.topics);
    } catch (error) {
      report.problems.push(`registry: ${String(error)}`);
    }
  }

  if (ledger.databases.size > 0) {
    try {
      const conn = await mariadb.createConnection({
        host: stack.db.host,
        port: stack.db.port,
        user: stack.db.user,
        password: stack.db.password,
        connectTimeout: 3000,
      });
      try {
        for (const name of ledger.databases) {
          // The name was made by uniqueDatabase: letters, digits and underscores only.
          const result = (await conn.query(`DROP DATABASE IF EXISTS \`${name}\``)) as {
            warningStatus?: number;
          };
          if (result.warningStatus === 0) report.databases++;
        }
      } finally {
        await conn.end();
      }
    } catch (error) {
      report.problems.push(`MariaDB: ${String(error)}`);
    }
  }
  return report;
}
