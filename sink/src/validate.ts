import { SIZES } from '@nobel-pipeline/db';
import type { FetchRun, NobelPrize } from '@nobel-pipeline/schemas';
import { InvalidRecordError } from './errors';

/**
 * What Avro cannot say: the rules the tables need. A record that breaks one is refused (and
 * goes to the DLQ) before it reaches the database, so a database error is never the record's
 * fault and can always be retried.
 */

const INT_MAX = 2_147_483_647;

function fail(field: string, problem: string): never {
  throw new InvalidRecordError(`${field}: ${problem}`, field);
}

function characters(field: string, value: string | null, max: number): void {
  if (value !== null && [...value].length > max) fail(field, `longer than ${max} characters`);
}

function bytes(field: string, value: string | null, max: number): void {
  if (value !== null && Buffer.byteLength(value) > max) fail(field, `longer than ${max} bytes`);
}

function texts(
  field: string,
  map: Record<string, string> | null,
  check: (field: string, value: string) => void,
): void {
  for (const [language, value] of Object.entries(map ?? {})) check(`${field}.${language}`, value);
}

export function validatePrize(event: NobelPrize, key: string | undefined): void {
  if (key !== event.id)
    fail('id', `the record's key (${key ?? 'none'}) is not its id (${event.id})`);
  if (!/^\d{4}$/.test(event.awardYear))
    fail('awardYear', `expected four digits, got "${event.awardYear}"`);
  if (!/^[a-z]{1,16}$/.test(event.categoryCode))
    fail('categoryCode', `expected lower-case letters, got "${event.categoryCode}"`);
  if (event.id !== `${event.categoryCode}-${event.awardYear}`)
    fail('id', `expected ${event.categoryCode}-${event.awardYear}, got ${event.id}`);
  if (!/^[0-9a-f]{64}$/.test(event.contentHash)) fail('contentHash', 'expected 64 hex digits');
  characters('fetchRunId', event.fetchRunId, SIZES.runId);
  characters('dateAwarded', event.dateAwarded, SIZES.dateText);
  for (const field of ['prizeAmount', 'prizeAmountAdjusted'] as const) {
    if (!Number.isSafeInteger(event[field]) || event[field] < 0)
      fail(field, 'expected a whole number ≥ 0');
  }
  texts('category', event.category, (f, v) => characters(f, v, SIZES.name));
  texts('categoryFullName', event.categoryFullName, (f, v) => characters(f, v, SIZES.name));
  texts('topMotivation', event.topMotivation, (f, v) => bytes(f, v, SIZES.text));
  const ids = new Set<string>();
  (event.laureates ?? []).forEach((l, i) => {
    const at = `laureates[${i}]`;
    if (l.id === '' || [...l.id].length > SIZES.laureateId)
      fail(`${at}.id`, `expected 1 to ${SIZES.laureateId} characters`);
    if (ids.has(l.id)) fail(`${at}.id`, `laureate ${l.id} appears twice in the prize`);
    ids.add(l.id);
    if (!/^\d{1,4}$/.test(l.sortOrder))
      fail(`${at}.sortOrder`, `expected up to four digits, got "${l.sortOrder}"`);
    characters(`${at}.portion`, l.portion, SIZES.portion);
    characters(`${at}.acronym`, l.acronym, SIZES.acronym);
    characters(`${at}.nativeName`, l.nativeName, SIZES.name);
    for (const name of ['knownName', 'fullName', 'orgName'] as const)
      texts(`${at}.${name}`, l[name], (f, v) => characters(f, v, SIZES.name));
    texts(`${at}.motivation`, l.motivation, (f, v) => bytes(f, v, SIZES.text));
  });
}

export function validateRun(run: FetchRun, key: string | undefined): void {
  if (key !== run.runId)
    fail('runId', `the record's key (${key ?? 'none'}) is not its runId (${run.runId})`);
  if (run.runId === '' || [...run.runId].length > SIZES.runId)
    fail('runId', `expected 1 to ${SIZES.runId} characters`);
  for (const field of ['pages', 'prizesSeen', 'prizesChanged', 'prizesMissing'] as const) {
    if (run[field] < 0 || run[field] > INT_MAX) fail(field, `expected 0 to ${INT_MAX}`);
  }
  bytes('error', run.error, SIZES.text);
}
