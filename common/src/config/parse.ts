import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors';
import type { Env } from './env';

/** A set of environment variables and the schema each must satisfy. */
export type EnvShape = Record<string, z.ZodType>;
export type ParsedEnv<S extends EnvShape> = z.infer<z.ZodObject<S>>;

const SECRET_NAME = /PASSWORD|TOKEN|SECRET/;

function describeValue(variable: string, value: string | undefined): string {
  if (value === undefined) return 'it is not set';
  if (SECRET_NAME.test(variable)) return 'the value given is hidden';
  return `got ${JSON.stringify(value)}`;
}

/**
 * Parses the variables named by `shape` out of `env`. An empty value counts as unset, so
 * `NAME=` in a `.env` file falls back to the default. Every problem is reported at once, each
 * naming its variable; secrets are never echoed back.
 */
export function parseEnv<S extends EnvShape>(shape: S, env: Env): ParsedEnv<S> {
  const raw: Record<string, string | undefined> = {};
  for (const name of Object.keys(shape)) {
    const value = env[name];
    raw[name] = value === undefined || value.trim() === '' ? undefined : value.trim();
  }
  const result = z.object(shape).safeParse(raw);
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    return { variable, problem: `${issue.message} (${describeValue(variable, raw[variable])})` };
  });
  throw new ConfigError(issues);
}
