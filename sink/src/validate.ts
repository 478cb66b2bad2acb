import { DATETIME_RANGE, SIZES, laureatePrizeOf } from '@nobel-pipeline/db';
import {
  otherFieldsProblem,
  PLACE_SOURCE_FIELDS,
  prizeId,
  type Affiliation,
  type FetchRun,
  type LaureateEvent,
  type Link,
  type Localized,
  type NobelLaureate,
  type NobelPrize,
  type OtherFieldsLevel,
  type Place,
} from '@nobel-pipeline/schemas';
import { InvalidRecordError } from './errors';

/**
 * What Avro cannot say: the rules the tables need. A record that breaks one is refused (and
 * goes to the DLQ) before it reaches the database. Whatever the database still refuses is
 * found when the batch is written (write-stage.ts) and dead-lettered too.
 */

const INT_MAX = 2_147_483_647;

/**
 * How far in the future a prize's fetchedAt may be, against the time the sink received it:
 * clocks drift a little. Beyond that the event is refused: under newer-wins, a forged time in
 * the year 9999 would freeze its row for good.
 */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** A time the tables can hold (DATETIME's range), and not after `latest` when given. */
function instant(field: string, value: number, latest?: number): void {
  if (!Number.isFinite(value) || value < DATETIME_RANGE.min || value > DATETIME_RANGE.max)
    fail(field, `expected a time from year 1000 to 9999, got ${value}`);
  if (latest !== undefined && value > latest)
    fail(
      field,
      `${new Date(value).toISOString()} is after the time the sink received it (${new Date(latest - MAX_FUTURE_SKEW_MS).toISOString()}) plus ${MAX_FUTURE_SKEW_MS / 60_000} min`,
    );
}

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

/** otherFields must be null or a JSON object of fields the contract does not model. */
function otherFields(field: string, json: string | null, level: OtherFieldsLevel): void {
  const problem = otherFieldsProblem(json, level);
  if (problem !== undefined) fail(field, problem);
}

function links(field: string, list: readonly Link[], level: OtherFieldsLevel = 'link'): void {
  list.forEach((link, i) => otherFields(`${field}[${i}].otherFields`, link.otherFields, level));
}

/** A key, provenance the tables need: the same rules for prizes and laureates. */
function provenance(
  event: { contentHash: string; fetchedAt: number; fetchRunId: string },
  receivedAt: Date,
): void {
  if (!/^[0-9a-f]{64}$/.test(event.contentHash)) fail('contentHash', 'expected 64 hex digits');
  instant('fetchedAt', event.fetchedAt, receivedAt.getTime() + MAX_FUTURE_SKEW_MS);
  characters('fetchRunId', event.fetchRunId, SIZES.runId);
}

/** A Localized: its English name has a column; its otherFields are unmodelled fields only. */
function localized(field: string, value: Localized | null): void {
  if (value === null) return;
  characters(`${field}.en`, value.names.en ?? null, SIZES.name);
  otherFields(`${field}.otherFields`, value.otherFields, 'localized');
}

function place(field: string, value: Place | Affiliation | null, level: OtherFieldsLevel): void {
  if (value === null) return;
  for (const key of PLACE_SOURCE_FIELDS) localized(`${field}.${key}`, value[key]);
  otherFields(`${field}.otherFields`, value.otherFields, level);
}

function happening(field: string, value: LaureateEvent | null): void {
  if (value === null) return;
  characters(`${field}.date`, value.date, SIZES.dateText);
  place(`${field}.place`, value.place, 'place');
  otherFields(`${field}.otherFields`, value.otherFields, 'laureateEvent');
}

/**
 * A laureate event of the laureates source. Each of its prizes must name its prize by the
 * prize's own link (`…/nobelPrize/<code>/<year>`, the year its awardYear), once: that is the
 * prize id its award, affiliations and residences are stored under.
 */
export function validateLaureate(
  event: NobelLaureate,
  key: string | undefined,
  receivedAt: Date,
): void {
  if (key !== event.id)
    fail('id', `the record's key (${key ?? 'none'}) is not its id (${event.id})`);
  if (event.id === '' || [...event.id].length > SIZES.laureateId)
    fail('id', `expected 1 to ${SIZES.laureateId} characters`);
  provenance(event, receivedAt);
  for (const name of ['knownName', 'fullName', 'orgName'] as const)
    characters(`${name}.en`, event[name]?.en ?? null, SIZES.name);
  characters('gender', event.gender, SIZES.shortText);
  happening('birth', event.birth);
  happening('death', event.death);
  happening('founded', event.founded);
  characters('wikidata.id', event.wikidata?.id ?? null, SIZES.wikidataId);
  otherFields('wikidata.otherFields', event.wikidata?.otherFields ?? null, 'wikidata');
  characters('wikipedia.slug', event.wikipedia?.slug ?? null, SIZES.name);
  otherFields('wikipedia.otherFields', event.wikipedia?.otherFields ?? null, 'wikipedia');
  otherFields('otherFields', event.otherFields, 'nobelLaureate');
  links('links', event.links, 'laureateLink');
  const prizes = new Set<string>();
  event.nobelPrizes.forEach((prize, i) => {
    const at = `nobelPrizes[${i}]`;
    const target = laureatePrizeOf(prize);
    if (target === undefined)
      fail(`${at}.links`, 'expected a nobelPrize link …/nobelPrize/<code>/<year> naming the prize');
    if (!/^\d{4}$/.test(prize.awardYear) || prize.awardYear !== target.awardYear)
      fail(
        `${at}.awardYear`,
        `expected the year of its prize link (${target.awardYear}), got "${prize.awardYear}"`,
      );
    if (target.categoryCode.length > SIZES.categoryCode)
      fail(`${at}.links`, `a category code longer than ${SIZES.categoryCode} characters`);
    if (prizes.has(target.id)) fail(`${at}.links`, `the prize ${target.id} appears twice`);
    prizes.add(target.id);
    if (!/^\d{1,4}$/.test(prize.sortOrder))
      fail(`${at}.sortOrder`, `expected up to four digits, got "${prize.sortOrder}"`);
    characters(`${at}.portion`, prize.portion, SIZES.portion);
    characters(`${at}.prizeStatus`, prize.prizeStatus, SIZES.shortText);
    characters(`${at}.dateAwarded`, prize.dateAwarded, SIZES.dateText);
    bytes(`${at}.motivation.en`, prize.motivation?.en ?? null, SIZES.text);
    for (const list of ['affiliations', 'residences'] as const)
      if ((prize[list]?.length ?? 0) > SIZES.positions)
        fail(`${at}.${list}`, `more than ${SIZES.positions}`);
    (prize.affiliations ?? []).forEach((affiliation, j) => {
      localized(`${at}.affiliations[${j}].name`, affiliation.name);
      localized(`${at}.affiliations[${j}].nameNow`, affiliation.nameNow);
      place(`${at}.affiliations[${j}]`, affiliation, 'affiliation');
    });
    (prize.residences ?? []).forEach((residence, j) =>
      place(`${at}.residences[${j}]`, residence, 'place'),
    );
    links(`${at}.links`, prize.links, 'laureateLink');
    otherFields(`${at}.otherFields`, prize.otherFields, 'laureatePrize');
  });
}

/** `receivedAt`: when the sink received the record (its batch). */
export function validatePrize(event: NobelPrize, key: string | undefined, receivedAt: Date): void {
  if (key !== event.id)
    fail('id', `the record's key (${key ?? 'none'}) is not its id (${event.id})`);
  if (!/^\d{4}$/.test(event.awardYear))
    fail('awardYear', `expected four digits, got "${event.awardYear}"`);
  if (!/^[a-z]{1,16}$/.test(event.categoryCode))
    fail('categoryCode', `expected lower-case letters, got "${event.categoryCode}"`);
  const id = prizeId(event.categoryCode, event.awardYear);
  if (event.id !== id) fail('id', `expected ${id}, got ${event.id}`);
  provenance(event, receivedAt);
  characters('dateAwarded', event.dateAwarded, SIZES.dateText);
  for (const field of ['prizeAmount', 'prizeAmountAdjusted'] as const) {
    if (!Number.isSafeInteger(event[field]) || event[field] < 0)
      fail(field, 'expected a whole number ≥ 0');
  }
  texts('category', event.category, (f, v) => characters(f, v, SIZES.name));
  texts('categoryFullName', event.categoryFullName, (f, v) => characters(f, v, SIZES.name));
  texts('topMotivation', event.topMotivation, (f, v) => bytes(f, v, SIZES.text));
  otherFields('otherFields', event.otherFields, 'prize');
  links('links', event.links);
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
    otherFields(`${at}.otherFields`, l.otherFields, 'laureate');
    links(`${at}.links`, l.links);
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
  instant('startedAt', run.startedAt);
  instant('finishedAt', run.finishedAt);
  if (run.finishedAt < run.startedAt) fail('finishedAt', 'expected a time at or after startedAt');
  const seen = new Set<string>();
  run.sources.forEach((source, i) => {
    const at = `sources[${i}]`;
    if (source.source === '' || [...source.source].length > SIZES.source)
      fail(`${at}.source`, `expected 1 to ${SIZES.source} characters`);
    if (seen.has(source.source)) fail(`${at}.source`, `${source.source} appears twice`);
    seen.add(source.source);
    for (const field of ['pages', 'seen', 'changed', 'missing'] as const) {
      if (source[field] < 0 || source[field] > INT_MAX)
        fail(`${at}.${field}`, `expected 0 to ${INT_MAX}`);
    }
  });
}
