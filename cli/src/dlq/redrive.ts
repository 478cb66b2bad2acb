import { Partitioners, type Admin, type KafkaMessage, type Message, type Producer } from 'kafkajs';
import type { CliDeps } from '../deps';
import { RefusedError, UnavailableError } from '../errors';
import { readRange, type RangeBatch, type ReadOutcome } from '../records/read-range';
import { readWithThrowawayGroup } from '../records/throwaway-group';
import { topicOffsets, withAdmin } from '../records/topic-offsets';
import { readDlqRecord } from './dlq-record';
import { partitionCountsOf } from './partition-counts';
import { sendByPartition } from '@nobel-pipeline/common';
import { decide, redriveMessage, type Decision } from './redrive-plan';
import {
  committedOffsetsOf,
  loadRedriveProgress,
  redriveGroupId,
  type RedriveProgress,
} from './redrive-progress';
import { createRedriveReport, type RedriveReport } from './redrive-report';

export interface RedriveOptions {
  topic: string;
  /** Only the records of this error class (x-error-class). */
  filter: string | undefined;
  /** Also the records that came back after an earlier redrive (x-redriven-from). */
  includeRedriven: boolean;
  dryRun: boolean;
  json: boolean;
}

/** Another run holding the group would read the same records: refused (exit 3). */
async function refuseIfRunning(admin: Admin, groupId: string, topic: string): Promise<void> {
  const { groups } = await admin.describeGroups([groupId]);
  const members = groups[0]?.members.length ?? 0;
  if (members > 0)
    throw new RefusedError(
      `a redrive of ${topic} is already running (consumer group ${groupId} has ${members} member(s)): wait until it ends`,
    );
}

interface BatchDeps {
  admin: Admin;
  options: RedriveOptions;
  progress: RedriveProgress;
  producer: Producer | undefined;
  report: RedriveReport;
}

/** One batch: decide each record, send what is published (acks from all replicas), commit. */
function handleBatch(deps: BatchDeps) {
  const { options, progress, producer, report } = deps;
  const partitionCounts = partitionCountsOf(deps.admin);
  return async ({ partition, messages, commit }: RangeBatch): Promise<'more'> => {
    const decisions: Decision[] = [];
    for (const message of messages) {
      const record = readDlqRecord(options.topic, partition, message);
      decisions.push(
        decide(record, {
          filter: options.filter,
          includeRedriven: options.includeRedriven,
          doneBy: await progress.doneBy(partition, BigInt(message.offset), record.errorClass),
          partitionCount:
            record.original.topic === null
              ? undefined
              : await partitionCounts(record.original.topic),
        }),
      );
    }
    if (producer !== undefined) {
      const now = new Date();
      const byTopic = new Map<string, Message[]>();
      for (const d of decisions)
        if (d.action === 'publish')
          byTopic.set(d.topic, [...(byTopic.get(d.topic) ?? []), redriveMessage(d, now)]);
      // Each request names its partition and must be acknowledged for it (sendByPartition).
      for (const [topic, messagesOfTopic] of byTopic)
        await sendByPartition(producer.send.bind(producer), {
          topic,
          records: messagesOfTopic,
          partitions: (await partitionCounts(topic)) ?? 1,
        });
      // Only once the sends are acknowledged: a run that dies before publishes them again.
      const last: KafkaMessage | undefined = messages[messages.length - 1];
      if (last !== undefined) await commit(BigInt(last.offset) + 1n);
    }
    report.batch(decisions);
    return 'more';
  };
}

/**
 * `nobel dlq redrive`: publishes the DLQ's records again to their original topics, from where
 * the last run stopped to the DLQ's end as it was at the start. The read joins the redrive's
 * own group (a second run at the same time is refused) and commits each batch once its sends
 * are acknowledged, by an idempotent producer: a run again publishes nothing twice. A dry run
 * reads from the same place with a throwaway group, publishes and commits nothing.
 */
export async function redriveDlq(deps: CliDeps, options: RedriveOptions): Promise<void> {
  const { topic, filter, dryRun } = options;
  const kafka = deps.kafka();
  const groupId = redriveGroupId(topic, filter, options.includeRedriven);
  const report = createRedriveReport({
    out: deps.out,
    dlqTopic: topic,
    dryRun,
    json: options.json,
  });
  await withAdmin(kafka, async (admin) => {
    const offsets = await topicOffsets(admin, topic);
    if (!dryRun) await refuseIfRunning(admin, groupId, topic);
    const progress = await loadRedriveProgress({
      dlqTopic: topic,
      filter,
      redriven: options.includeRedriven,
      committed: committedOffsetsOf(admin, topic),
    });
    const ranges = offsets.map((p) => ({
      partition: p.partition,
      start: progress.startOf(p.partition, p.low),
      end: p.high,
    }));
    const producer = dryRun
      ? undefined
      : kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          createPartitioner: Partitioners.DefaultPartitioner,
        });
    await producer?.connect().catch((error: unknown) => {
      throw new UnavailableError('Kafka', error);
    });
    let outcome: ReadOutcome;
    try {
      const read = {
        kafka,
        topic,
        ranges,
        stop: deps.interrupted,
        onBatch: handleBatch({ admin, options, progress, producer, report }),
      };
      outcome = dryRun
        ? await readWithThrowawayGroup(admin, 'dlq-redrive', read, (t) => deps.out.note(t))
        : await readRange({ ...read, groupId });
    } finally {
      await producer?.disconnect().catch(() => undefined);
    }
    if (outcome === 'stopped')
      deps.out.note(
        `interrupted: what was published is committed in ${groupId}; run again to go on`,
      );
  });
  report.summary();
}
