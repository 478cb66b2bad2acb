import { prizeLinkOf } from '@nobel-pipeline/schemas';
import { z } from 'zod';
import { MutationError } from './errors';
import type { Endpoint } from './snapshot';

/**
 * A change of one record of an endpoint (nobelPrizes by default), by id and dotted path: a
 * prize by its prize id (e.g. "phy-1901"), a laureate by its `id` (e.g. "6").
 */
export const mutation = z.strictObject({
  endpoint: z.enum(['nobelPrizes', 'laureates']).optional(),
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

/** A laureate record's id: its own `id` field. */
function laureateIdOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || !('id' in record)) return undefined;
  return typeof record.id === 'string' ? record.id : undefined;
}

const ID_OF: Record<Endpoint, (record: unknown) => string | undefined> = {
  nobelPrizes: prizeIdOf,
  laureates: laureateIdOf,
};

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

/** The endpoint a change is for: nobelPrizes unless it names another. */
export function mutationEndpoint(change: Mutation): Endpoint {
  return change.endpoint ?? 'nobelPrizes';
}

/**
 * Changes or removes a record in place, in `records` (those of the change's endpoint); a
 * MutationError when it cannot.
 */
export function applyMutation(records: unknown[], change: Mutation): void {
  const endpoint = mutationEndpoint(change);
  const index = records.findIndex((r) => ID_OF[endpoint](r) === change.id);
  if (index < 0)
    throw new MutationError(
      `no ${endpoint === 'laureates' ? 'laureate' : 'prize'} ${change.id} in ${endpoint}`,
    );
  if (change.remove === true) {
    records.splice(index, 1);
    return;
  }
  if (change.path === undefined) throw new MutationError('path is required unless remove is true');
  setPath(records[index], change.path, change.value);
}
