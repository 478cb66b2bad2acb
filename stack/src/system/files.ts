import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** The last `lines` lines of a text file, or a note that it does not exist. */
export function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return `(no log file at ${file})`;
  const all = readFileSync(file, 'utf8').trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

/** A path as the user should see it: relative to the project root when it is inside it. */
export function display(root: string, path: string): string {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}
