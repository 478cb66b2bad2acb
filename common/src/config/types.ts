import { z } from 'zod';

/**
 * Schemas for the kinds of values our environment variables hold. Each takes the raw string
 * (or undefined when unset) and yields a typed value, with a message a user can act on.
 */

export function required(what: string): z.ZodString {
  return z.string({
    error: (issue) => (issue.input === undefined ? 'required' : `expected ${what}`),
  });
}

export function port(defaultPort: number) {
  return z.coerce
    .number({ error: 'expected a TCP port (1-65535)' })
    .int('expected a TCP port (1-65535)')
    .min(1, 'expected a TCP port (1-65535)')
    .max(65535, 'expected a TCP port (1-65535)')
    .default(defaultPort);
}

export function integer(defaultValue: number, min: number, max: number) {
  const message = `expected a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(min, message)
    .max(max, message)
    .default(defaultValue);
}

/** An address to listen on: an IPv4 or IPv6 address, or a host name. */
export function listenHost(defaultValue: string) {
  return z
    .string()
    .regex(
      /^[A-Za-z0-9.-]+$|^[0-9A-Fa-f:]+$/,
      'expected an address to listen on, such as 127.0.0.1, 0.0.0.0 or ::',
    )
    .default(defaultValue);
}

/** A comma-separated list: entries trimmed, empty ones dropped (none by default). */
function commaList() {
  return z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    );
}

/** A comma-separated list of origins (scheme://host[:port]), such as a browser sends. */
export function originList() {
  return commaList().pipe(
    z.array(
      z
        .string()
        .regex(/^https?:\/\/[^/\s]+$/, 'expected origins such as https://console.example.org'),
    ),
  );
}

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;

/** A comma-separated list of host:port pairs, such as Kafka's bootstrap servers. */
export function hostPortList(defaultValue: string) {
  return z
    .string()
    .default(defaultValue)
    .transform((value) => value.split(',').map((entry) => entry.trim()))
    .refine((entries) => entries.every((entry) => HOST_PORT.test(entry)), {
      message: 'expected host:port[,host:port...]',
    });
}

/** An http(s) URL; a trailing slash is removed so that paths can be appended. */
export function httpUrl(defaultValue?: string) {
  const schema = oneHttpUrl();
  return defaultValue === undefined ? schema : schema.default(defaultValue);
}

function oneHttpUrl() {
  return z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .transform((value) => value.replace(/\/+$/, ''));
}

/** A comma-separated list of http(s) URLs (empty by default), without trailing slashes. */
export function httpUrlList() {
  return commaList().pipe(z.array(oneHttpUrl()));
}

/** A Kafka topic name, as Kafka itself accepts them. */
export function topicName(defaultValue: string) {
  return z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, 'expected a Kafka topic name (letters, digits, . _ -)')
    .default(defaultValue);
}

/** A database, user or other SQL identifier we are willing to put in a statement. */
export function sqlIdentifier(defaultValue?: string) {
  const schema = z
    .string()
    .regex(/^[A-Za-z0-9_]{1,64}$/, 'expected letters, digits and underscores (at most 64)');
  return defaultValue === undefined ? schema : schema.default(defaultValue);
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logLevel(defaultValue: LogLevel = 'info') {
  return z
    .enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })
    .default(defaultValue);
}

export function flag(defaultValue: boolean) {
  return z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .transform((value) => value === 'true' || value === '1' || value === 'yes')
    .default(defaultValue);
}

/**
 * A command-line option's whole number, from min to max: the number, or an error that names
 * the option and what it got (the benchmarks' options; the CLI has its own usage errors).
 */
export function wholeArgument(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new Error(`${option}: expected a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}
