import { DLQ_HEADERS } from '@nobel-pipeline/common';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { headerStrings, isoTimestamp } from '../records/record-json';

/** A DLQ record, with what its headers say of the record it stands for. */
export interface DlqRecord {
  dlq: { topic: string; partition: number; offset: string; timestamp: string | null };
  /** Where the record was read before it failed (null: a header is missing or not a number). */
  original: {
    topic: string | null;
    partition: number | null;
    offset: string | null;
    timestamp: string | null;
  };
  errorClass: string | null;
  errorMessage: string | null;
  /** Why the value was not kept, when it was not (x-value-omitted). */
  valueOmitted: string | null;
  /** The bytes and headers as the DLQ has them. */
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

const wholeNumber = (text: string | undefined): string | null =>
  text !== undefined && /^\d+$/.test(text) ? text : null;

export function readDlqRecord(topic: string, partition: number, message: KafkaMessage): DlqRecord {
  const h = headerStrings(message.headers);
  const originalPartition = wholeNumber(h[DLQ_HEADERS.partition]);
  return {
    dlq: {
      topic,
      partition,
      offset: message.offset,
      timestamp: isoTimestamp(message.timestamp),
    },
    original: {
      topic: h[DLQ_HEADERS.topic] ?? null,
      partition: originalPartition === null ? null : Number(originalPartition),
      offset: wholeNumber(h[DLQ_HEADERS.offset]),
      timestamp: isoTimestamp(h[DLQ_HEADERS.timestamp]),
    },
    errorClass: h[DLQ_HEADERS.errorClass] ?? null,
    errorMessage: h[DLQ_HEADERS.errorMessage] ?? null,
    valueOmitted: h[DLQ_HEADERS.valueOmitted] ?? null,
    key: message.key,
    value: message.value,
    headers: message.headers ?? {},
  };
}

/** `topic[partition]@offset`, with `?` for what a header does not say. */
export function originalPosition(record: DlqRecord): string {
  const { topic, partition, offset } = record.original;
  return `${topic ?? '?'}[${partition ?? '?'}]@${offset ?? '?'}`;
}

/** `dlq[partition]@offset`: the record's place in the DLQ (the x-redriven-from header). */
export function dlqPosition(record: DlqRecord): string {
  return `${record.dlq.topic}[${record.dlq.partition}]@${record.dlq.offset}`;
}
