import type { Kafka } from 'kafkajs';
import { errorMessage } from '@nobel-pipeline/common';

/**
 * What startPipelineProcesses' stop() leaves (it deletes the topics and the database): the
 * consumer groups and the registry subjects of a scenario. Groups are those this process
 * named (`test-faults-…-<pid>-…`, test-utils' unique names); subjects those of its topics.
 * Returns what could not be deleted, for one line of the log; nothing here fails a scenario.
 */
export async function deleteLeftovers(deps: {
  kafka: Kafka;
  registryUrl: string;
  topics: readonly string[];
}): Promise<string[]> {
  const problems: string[] = [];
  const admin = deps.kafka.admin();
  try {
    await admin.connect();
    const mine = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((id) => id.startsWith('test-faults-') && id.includes(`-${process.pid}-`));
    if (mine.length > 0)
      await admin.deleteGroups(mine).catch((error: unknown) => {
        problems.push(`groups: ${errorMessage(error)}`);
      });
  } catch (error) {
    problems.push(`Kafka: ${errorMessage(error)}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  for (const topic of deps.topics) {
    const subject = encodeURIComponent(`${topic}-value`);
    try {
      // A soft delete first: the registry refuses a permanent delete of a live subject.
      for (const query of ['', '?permanent=true'])
        await fetch(`${deps.registryUrl}/subjects/${subject}${query}`, {
          method: 'DELETE',
          signal: AbortSignal.timeout(10_000),
        });
    } catch (error) {
      problems.push(`subject ${topic}-value: ${errorMessage(error)}`);
    }
  }
  return problems;
}
