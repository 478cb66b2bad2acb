import { topicName } from '@nobel-pipeline/common';
import { UsageError } from '../errors';

/**
 * The rules for the arguments several commands take, written once: a topic name (Kafka's
 * rule, as the services' configuration checks it) and an instant.
 */

const TOPIC = topicName('-');

export function parseTopic(option: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${option}: required (the topic's name)`);
  if (!TOPIC.safeParse(value).success)
    throw new UsageError(
      `${option}: "${value}" is not a topic name (1 to 249 letters, digits, '.', '_' or '-')`,
    );
  return value;
}

/** A date (midnight UTC), or a date and time with its zone: Z, ±hh:mm, ±hhmm or ±hh. */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?))?$/i;

/** An instant on the command line: never local time, and a day that exists in its month. */
export function parseInstant(option: string, value: string): { iso: string; timestamp: number } {
  const match = INSTANT.exec(value);
  const timestamp = Date.parse(value);
  if (match === null || Number.isNaN(timestamp))
    throw new UsageError(
      `${option}: expected an ISO-8601 date (2025-10-06, midnight UTC) or date and time with its zone (2025-10-06T09:30:00Z, 2025-10-06T11:30:00+02:00), got "${value}"`,
    );
  // Date.parse reads 2024-02-30 as 1 March: the day must exist in its month.
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day)
    throw new UsageError(`${option}: ${value} is not a day of the calendar`);
  return { iso: new Date(timestamp).toISOString(), timestamp };
}
