import { parseInstant, parseTopic } from '../args/arguments';
import { UsageError } from '../errors';

/** The options of `nobel inspect` as commander gives them: text, or flags. */
export interface RawInspectOptions {
  topic?: string;
  key?: string;
  fromBeginning?: boolean;
  fromDatetime?: string;
  limit?: string;
  follow?: boolean;
  partition?: string;
}

export interface InspectOptions {
  topic: string;
  /** Only the records with exactly this key (as UTF-8 text). */
  key: string | undefined;
  /** Where each partition starts: its first record, or its first at or after `ms`. */
  start: { from: 'beginning' } | { from: 'time'; ms: number };
  /** Stop after this many matching records. */
  limit: number | undefined;
  /** Keep reading past the end as it was at the start, until Ctrl-C. */
  follow: boolean;
  partition: number | undefined;
}

function wholeNumber(option: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || !Number.isSafeInteger(n))
    throw new UsageError(`${option}: expected a whole number from ${min}, got "${value}"`);
  return n;
}

/** Checks every option; the error names the option and what was expected. */
export function parseInspectOptions(raw: RawInspectOptions): InspectOptions {
  const topic = parseTopic('--topic', raw.topic);
  if (raw.fromBeginning === true && raw.fromDatetime !== undefined)
    throw new UsageError('--from-beginning and --from-datetime: choose one');
  if (raw.key === '') throw new UsageError('--key: expected a key, got an empty one');
  return {
    topic,
    key: raw.key,
    start:
      raw.fromDatetime === undefined
        ? { from: 'beginning' }
        : { from: 'time', ms: parseInstant('--from-datetime', raw.fromDatetime).timestamp },
    limit: raw.limit === undefined ? undefined : wholeNumber('--limit', raw.limit, 1),
    follow: raw.follow === true,
    partition:
      raw.partition === undefined ? undefined : wholeNumber('--partition', raw.partition, 0),
  };
}
