import { randomBytes } from 'node:crypto';
import { ledger } from './ledger';

/**
 * Names no other test (in this run, in a parallel run, or in an earlier run that left its
 * topics behind) will ever use, so tests never share a topic, a group or a database.
 */
export function uniqueName(prefix: string, separator = '-'): string {
  const stamp = Date.now().toString(36);
  const random = randomBytes(4).toString('hex');
  return [prefix, process.pid, stamp, random].join(separator);
}

/**
 * The names below are recorded in the test file's ledger: whatever the file creates under
 * them (a topic, its registry subjects, a group, a database) is deleted once the file is done.
 */
function recorded(kind: 'topics' | 'groups' | 'databases', name: string): string {
  ledger()[kind].add(name);
  return name;
}

export const uniqueTopic = (prefix = 'test') =>
  recorded('topics', uniqueName(`test.${prefix}`, '.'));
export const uniqueGroup = (prefix = 'test') => recorded('groups', uniqueName(`test-${prefix}`));

/** A database name inside the pattern the application user may create: `<db>_test_*`. */
export const uniqueDatabase = (database: string) =>
  recorded('databases', uniqueName(`${database}_test`, '_'));
