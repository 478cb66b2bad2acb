import { UsageError } from '../errors';
import { parseTopic } from '../args/arguments';

/** An error class as the services write it in x-error-class: a JavaScript class name. */
const ERROR_CLASS = /^[A-Za-z_$][\w$.-]{0,199}$/;

export function parseFilter(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!ERROR_CLASS.test(value))
    throw new UsageError(
      `--filter: expected an error class as x-error-class names it (ValidationError, MalformedRecordError, …), got "${value}"`,
    );
  return value;
}

/** The DLQ to read: --topic, or the prizes DLQ of the configuration. */
export function parseDlqTopic(value: string | undefined, defaultTopic: string): string {
  return parseTopic('--topic', value ?? defaultTopic);
}
