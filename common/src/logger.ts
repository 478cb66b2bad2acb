import pino, { type Logger, type DestinationStream } from 'pino';
import type { LogLevel } from './config/types';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** The service or component name, printed on every line. */
  name: string;
  level: LogLevel;
  /** Where lines go; standard output by default. Tests pass a collecting stream. */
  destination?: DestinationStream;
}

/** Paths that may hold credentials; pino replaces their values before a line is written. */
const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
];

/** One JSON line per event, with the service name, ISO time and secrets redacted. */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
