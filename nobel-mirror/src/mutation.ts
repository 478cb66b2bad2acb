import { prizeLinkOf } from '@nobel-pipeline/schemas';
import { z } from 'zod';
import { MutationError } from './errors';

/** A change of one prize record, by prize id (e.g. "phy-1901") and dotted path. */
export const mutation = z.strictObject({
  id: z.string(),
  /** e.g. "prizeAmountAdjusted" or "laureates.0.motivation.en"; omitted with remove. */
  path: z.string().optional(),
  value: z.unknown().optional(),
  /** Removes the record from the data instead. */
  remove: z.boolean().optional(),
});
export type Mutation = z.infer<typeof mutation>;

function prizeIdOf(record: unknown): string | undefined {
  // A record is JSON from a snapshot or a test: its links are checked before they are read.
  const links: unknown = (record as { links?: unknown }).links;
  if (!Array.isArray(links)) return undefined;
  return prizeLinkOf(links.filter((l): l is object => typeof l === 'object' && l !== null))?.id;
}

/** Path segments that would reach an object's prototype instead of its data. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(target: unknown, path: string, value: unknown): void {
  const parts = path.split('.');
  const forbidden = parts.find((part) => FORBIDDEN_SEGMENTS.has(part) || part === '');
  if (forbidden !== undefined) throw new MutationError(`the path ${path} has a forbidden segment`);
  // Each step below checks that it holds an object before it goes on.
  let node = target as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    if (!Object.hasOwn(node, part)) throw new MutationError(`no object at ${part} in ${path}`);
    const next = node[part];
    if (next === null || typeof next !== 'object')
      throw new MutationError(`no object at ${part} in ${path}`);
    node = next as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? ''] = value;
}

/** Changes or removes a prize record in place; a MutationError when it cannot. */
export function applyMutation(records: unknown[], change: Mutation): void {
  const index = records.findIndex((r) => prizeIdOf(r) === change.id);
  if (index < 0) throw new MutationError(`no prize ${change.id}`);
  if (change.remove === true) {
    records.splice(index, 1);
    return;
  }
  if (change.path === undefined) throw new MutationError('path is required unless remove is true');
  setPath(records[index], change.path, change.value);
}
