import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { DecodedValue } from './decode-value';

/** One record as `nobel inspect` prints it (a JSON line). */
export type RecordJson = {
  topic: string;
  partition: number;
  offset: number;
  /** The record's timestamp as ISO 8601; null when the record has none (-1). */
  timestamp: string | null;
  /** The key as UTF-8 text; null for no key. */
  key: string | null;
  headers: Record<string, string>;
} & DecodedValue;

/**
 * Header values as UTF-8 text. Kafka allows a name more than once: the last value wins, as
 * with Java's `Headers.lastHeader`.
 */
export function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = last.toString();
  }
  return out;
}

/** Epoch milliseconds (as Kafka gives them: a decimal string) as ISO 8601; null if none. */
export function isoTimestamp(ms: string | undefined | null): string | null {
  if (ms === undefined || ms === null || !/^\d+$/.test(ms)) return null;
  const date = new Date(Number(ms));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function recordJson(
  topic: string,
  partition: number,
  message: KafkaMessage,
  decoded: DecodedValue,
): RecordJson {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: isoTimestamp(message.timestamp),
    key: message.key === null ? null : message.key.toString(),
    headers: headerStrings(message.headers),
    ...decoded,
  };
}
