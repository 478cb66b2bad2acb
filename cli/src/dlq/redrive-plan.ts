import type { Message } from 'kafkajs';
import { headerStrings } from '../records/record-json';
import { dlqPosition, type DlqRecord } from './dlq-record';

/** Headers a redrive adds to the records it publishes. */
export const REDRIVE_HEADERS = {
  /** `<dlq>[partition]@offset`: the DLQ record the published one is a copy of. */
  from: 'x-redriven-from',
  /** When it was published, ISO 8601. */
  at: 'x-redriven-at',
} as const;

/** Why a DLQ record is not published; the summary counts them by reason. */
export const SKIP_REASONS = {
  'value-omitted': 'value not kept in the DLQ (x-value-omitted): read it at its original offset',
  'no-original-topic': 'no x-original-topic header',
  'unknown-topic': 'the original topic does not exist',
  'other-class': 'another error class than --filter',
  'already-redriven': 'already redriven by an earlier run',
  'failed-again':
    'came back after a redrive (x-redriven-from): fix the cause, then --include-redriven',
  'first-pass': 'not redriven before: a run without --include-redriven publishes it',
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export type Decision =
  | {
      action: 'publish';
      record: DlqRecord;
      topic: string;
      /** The original partition; undefined (the key decides) when the header has none. */
      partition: number | undefined;
    }
  | { action: 'skip'; record: DlqRecord; reason: SkipReason; detail: string };

export interface DecisionContext {
  filter: string | undefined;
  /** The earlier run's group that redrove the record already, if any. */
  doneBy: string | undefined;
  /** The original topic's partition count; undefined when it does not exist. */
  partitionCount: number | undefined;
  /** The --include-redriven track: only the records that came back after a redrive. */
  includeRedriven: boolean;
}

/** Whether a DLQ record is published again, and where; or why not. */
export function decide(record: DlqRecord, context: DecisionContext): Decision {
  const skip = (reason: SkipReason, detail: string = SKIP_REASONS[reason]): Decision => ({
    action: 'skip',
    record,
    reason,
    detail,
  });
  if (context.filter !== undefined && record.errorClass !== context.filter)
    return skip('other-class');
  // What the record itself lacks first: it never could be redriven, whatever ran before.
  if (record.valueOmitted !== null) return skip('value-omitted');
  const { topic, partition } = record.original;
  if (topic === null) return skip('no-original-topic');
  if (context.doneBy !== undefined)
    return skip('already-redriven', `already redriven (consumer group ${context.doneBy})`);
  // The sink dead-letters a redriven record again with its headers: without this, every run
  // would send the same poison round once more.
  const from = headerStrings(record.headers)[REDRIVE_HEADERS.from];
  if (from !== undefined && !context.includeRedriven)
    return skip('failed-again', `failed again after a redrive from ${from}`);
  if (from === undefined && context.includeRedriven) return skip('first-pass');
  if (context.partitionCount === undefined)
    return skip('unknown-topic', `the original topic ${topic} does not exist`);
  return {
    action: 'publish',
    record,
    topic,
    // The original partition keeps the record with the other records of its key; the key
    // decides when the header is missing or the topic no longer has that partition.
    partition: partition !== null && partition < context.partitionCount ? partition : undefined,
  };
}

/** The record to publish: key, value and headers as the DLQ has them, plus where from, when. */
export function redriveMessage(
  decision: Extract<Decision, { action: 'publish' }>,
  now: Date,
): Message {
  const { record } = decision;
  return {
    key: record.key,
    value: record.value,
    partition: decision.partition,
    headers: {
      ...record.headers,
      [REDRIVE_HEADERS.from]: dlqPosition(record),
      [REDRIVE_HEADERS.at]: now.toISOString(),
    },
  };
}
