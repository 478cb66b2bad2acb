import { table } from '../output/table';
import { originalPosition, type DlqRecord } from './dlq-record';

/** The widest error message the table shows; --json has them whole. */
export const MESSAGE_WIDTH = 72;

/** One line of at most `width` characters: whitespace runs as one space, an ellipsis if cut. */
export function trimMessage(text: string, width = MESSAGE_WIDTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

const columns = [
  { key: 'original', title: 'ORIGINAL' },
  { key: 'errorClass', title: 'ERROR CLASS' },
  { key: 'message', title: 'MESSAGE' },
  { key: 'when', title: 'WHEN' },
  { key: 'dlqOffset', title: 'DLQ OFFSET', align: 'right' },
] as const;

/**
 * The DLQ as a table: where each record came from, why it failed, when (the original record's
 * timestamp; the DLQ record's when the header is missing), and where it is in the DLQ (the
 * offset; `partition:offset` when the DLQ has more than one partition).
 */
export function dlqTable(records: readonly DlqRecord[]): string {
  const partitioned = records.some((r) => r.dlq.partition !== 0);
  return table(
    records.map((r) => ({
      original: originalPosition(r),
      errorClass: r.errorClass,
      message: trimMessage(
        r.valueOmitted === null
          ? (r.errorMessage ?? '')
          : `${r.errorMessage ?? ''} [value not kept: ${r.valueOmitted}]`,
      ),
      when: r.original.timestamp ?? r.dlq.timestamp,
      dlqOffset: partitioned ? `${r.dlq.partition}:${r.dlq.offset}` : r.dlq.offset,
    })),
    columns,
  );
}

/** A DLQ record as a JSON line of `nobel dlq list --json`: everything but the bytes. */
export function dlqJson(record: DlqRecord): string {
  return JSON.stringify({
    dlq: { ...record.dlq, offset: Number(record.dlq.offset) },
    original: {
      ...record.original,
      offset: record.original.offset === null ? null : Number(record.original.offset),
    },
    errorClass: record.errorClass,
    errorMessage: record.errorMessage,
    valueOmitted: record.valueOmitted,
    key: record.key === null ? null : record.key.toString(),
    valueBytes: record.value === null ? null : record.value.length,
  });
}
