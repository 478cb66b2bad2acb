import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SnapshotInvalidError, SnapshotMissingError } from './errors';

/**
 * Recorded responses of the real Nobel Prize API (CC0), kept outside this repository in
 * ../shared/nobel-api beside it. Never copied into the repository: the mirror reads them.
 */

export type Endpoint = 'nobelPrizes' | 'laureates';

/** nobel-mirror/src (tests) or nobel-mirror/dist (the built code): two levels below the root. */
const REPO_ROOT = resolve(__dirname, '..', '..');

export const DEFAULT_SNAPSHOTS: Record<Endpoint, string> = {
  nobelPrizes: resolve(
    REPO_ROOT,
    '..',
    'shared',
    'nobel-api',
    'nobelPrizes.v2.1.limit1000.2024-06.json',
  ),
  laureates: resolve(
    REPO_ROOT,
    '..',
    'shared',
    'nobel-api',
    'laureates.v2.1.limit1000.2024-06.json',
  ),
};

/** The records of one recorded response: the array under `nobelPrizes` or `laureates`. */
export function loadSnapshot(file: string, endpoint: Endpoint): unknown[] {
  if (!existsSync(file)) throw new SnapshotMissingError(file);
  // Only the one property is read, and checked to be an array.
  const body = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const records = body[endpoint];
  if (!Array.isArray(records)) throw new SnapshotInvalidError(file, endpoint);
  return records;
}

/**
 * The records of the default snapshot of an endpoint (../shared/nobel-api), as JSON objects, for
 * tests that compare what the pipeline serves with what the API served.
 */
export function defaultSnapshotRecords(endpoint: Endpoint): Record<string, unknown>[] {
  return loadSnapshot(DEFAULT_SNAPSHOTS[endpoint], endpoint).map((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      throw new SnapshotInvalidError(
        DEFAULT_SNAPSHOTS[endpoint],
        endpoint,
        `has a "${endpoint}" record that is not an object (${i})`,
      );
    return record as Record<string, unknown>; // checked just above: a JSON object
  });
}

/** True when the default snapshot is there; tests use it to say clearly why they skip. */
export function hasDefaultSnapshot(endpoint: Endpoint = 'nobelPrizes'): boolean {
  return existsSync(DEFAULT_SNAPSHOTS[endpoint]);
}
