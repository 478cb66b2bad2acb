import { randomBytes } from 'node:crypto';

/**
 * Names no other test (in this run, in a parallel run, or in an earlier run that left its
 * topics behind) will ever use, so tests never share a topic, a group or a database.
 */
export function uniqueName(prefix: string, separator = '-'): string {
  const stamp = Date.now().toString(36);
  const random = randomBytes(4).toString('hex');
  return [prefix, process.pid, stamp, random].join(separator);
}

export const uniqueTopic = (prefix = 'test') => uniqueName(`test.${prefix}`, '.');
export const uniqueGroup = (prefix = 'test') => uniqueName(`test-${prefix}`);

/** A database name inside the pattern the application user may create: `<db>_test_*`. */
export const uniqueDatabase = (database: string) => uniqueName(`${database}_test`, '_');
