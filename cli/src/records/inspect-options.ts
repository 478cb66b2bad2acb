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

/** Kafka's rule for topic names. */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
/** A date (midnight UTC), or a date and time with its offset from UTC. */
const ISO_DATETIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export function parseTopic(option: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${option}: required (the topic's name)`);
  if (!TOPIC_NAME.test(value))
    throw new UsageError(
      `${option}: "${value}" is not a topic name (1 to 249 letters, digits, '.', '_' or '-')`,
    );
  return value;
}

function wholeNumber(option: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || !Number.isSafeInteger(n))
    throw new UsageError(`${option}: expected a whole number from ${min}, got "${value}"`);
  return n;
}

/** Whether the date's day exists (JavaScript reads 2026-02-30 as March 2nd). */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDatetime(value: string): number {
  const ms = Date.parse(value);
  if (!ISO_DATETIME.test(value) || Number.isNaN(ms) || !isCalendarDate(value))
    throw new UsageError(
      `--from-datetime: expected an ISO 8601 date (2025-10-06, midnight UTC) or date and time with its offset (2025-10-06T09:30:00Z, 2025-10-06T11:30:00+02:00), got "${value}"`,
    );
  return ms;
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
        : { from: 'time', ms: parseDatetime(raw.fromDatetime) },
    limit: raw.limit === undefined ? undefined : wholeNumber('--limit', raw.limit, 1),
    follow: raw.follow === true,
    partition:
      raw.partition === undefined ? undefined : wholeNumber('--partition', raw.partition, 0),
  };
}
