import { createHash } from 'node:crypto';
import {
  LAUREATE_SOURCE_FIELDS,
  LINK_SOURCE_FIELDS,
  PRIZE_SOURCE_FIELDS,
  inSourceOrder,
  prizeLinkOf,
  type Link,
  type NobelPrize,
  type PrizeLaureate,
} from '@nobel-pipeline/schemas';
import { NobelApiError } from '../errors';
import type { AsServed, SourceLaureate, SourceLink, SourcePrize } from './source';

/**
 * Source prize record ⇄ NobelPrize event. The mapping keeps every value as served; fields
 * the schema does not model go, as JSON, into `otherFields`. `toSourceRecord` is the inverse,
 * used to prove that nothing is lost.
 */

// The fields the contract models, per record: the rest goes into otherFields.
const PRIZE_FIELDS = PRIZE_SOURCE_FIELDS;
const LAUREATE_FIELDS = LAUREATE_SOURCE_FIELDS;
const LINK_FIELDS = LINK_SOURCE_FIELDS;

/** The fields of `record` not in `known`, as a JSON object, or null when there are none. */
export function otherFields(record: object, known: readonly string[]): string | null {
  const others = Object.entries(record).filter(([key]) => !known.includes(key));
  return others.length === 0 ? null : JSON.stringify(Object.fromEntries(others));
}

/** sha256 (hex) of the record as compact JSON, in the key order it was served in. */
export function contentHash(raw: unknown): string {
  return createHash('sha256').update(JSON.stringify(raw)).digest('hex');
}

/** The stable id, `<category code>-<award year>`, from the prize's own link. */
export function prizeIdentity(prize: SourcePrize): { id: string; categoryCode: string } {
  const target = prizeLinkOf(prize.links);
  if (target === undefined) {
    throw new NobelApiError(
      `prize ${prize.awardYear}: links: no "nobelPrize" link of the form …/nobelPrize/<code>/<year>`,
      { field: 'links' },
    );
  }
  if (target.awardYear !== prize.awardYear) {
    throw new NobelApiError(
      `prize ${prize.awardYear}: links: the link names year ${target.awardYear}, the record ${prize.awardYear}`,
      { field: 'links' },
    );
  }
  return { id: target.id, categoryCode: target.categoryCode };
}

/** A link, either endpoint's: the fields are the same set (the endpoints order them apart). */
export function toLink(link: SourceLink): Link {
  return {
    rel: link.rel,
    href: link.href,
    action: link.action ?? null,
    types: link.types ?? null,
    title: link.title ?? null,
    class: link.class ?? null,
    otherFields: otherFields(link, LINK_FIELDS),
  };
}

function toLaureate(laureate: SourceLaureate): PrizeLaureate {
  return {
    id: laureate.id,
    knownName: laureate.knownName ?? null,
    fullName: laureate.fullName ?? null,
    orgName: laureate.orgName ?? null,
    acronym: laureate.acronym ?? null,
    nativeName: laureate.nativeName ?? null,
    portion: laureate.portion,
    sortOrder: laureate.sortOrder,
    motivation: laureate.motivation ?? null,
    links: laureate.links.map(toLink),
    otherFields: otherFields(laureate, LAUREATE_FIELDS),
  };
}

export interface Provenance {
  fetchedAt: number;
  fetchRunId: string;
}

/**
 * The event for one validated source record; `raw` is the record as served, for the hash.
 * `prize` is the record as served too (`checkAsServed`): its unmodelled fields, at every
 * level, go into the `otherFields` (a schema's output would not have them).
 */
export function toNobelPrize(
  raw: unknown,
  prize: AsServed<SourcePrize>,
  provenance: Provenance,
): NobelPrize {
  const { id, categoryCode } = prizeIdentity(prize);
  return {
    id,
    categoryCode,
    awardYear: prize.awardYear,
    category: prize.category,
    categoryFullName: prize.categoryFullName,
    dateAwarded: prize.dateAwarded ?? null,
    topMotivation: prize.topMotivation ?? null,
    prizeAmount: prize.prizeAmount,
    prizeAmountAdjusted: prize.prizeAmountAdjusted,
    links: prize.links.map(toLink),
    laureates: prize.laureates === undefined ? null : prize.laureates.map(toLaureate),
    otherFields: otherFields(prize, PRIZE_FIELDS),
    fetchedAt: provenance.fetchedAt,
    fetchRunId: provenance.fetchRunId,
    contentHash: contentHash(raw),
  };
}

function fromLink(link: Link): Record<string, unknown> {
  return inSourceOrder({ ...link }, 'link', link.otherFields);
}

/** The source record an event was made from (key order of the API; unmodelled fields last). */
export function toSourceRecord(event: NobelPrize): Record<string, unknown> {
  const laureates = event.laureates?.map((l) =>
    inSourceOrder({ ...l, links: l.links.map(fromLink) }, 'laureate', l.otherFields),
  );
  return inSourceOrder(
    { ...event, links: event.links.map(fromLink), laureates },
    'prize',
    event.otherFields,
  );
}
