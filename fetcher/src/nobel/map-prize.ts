import { createHash } from 'node:crypto';
import {
  LAUREATE_SOURCE_FIELDS,
  LINK_SOURCE_FIELDS,
  PRIZE_SOURCE_FIELDS,
  type Link,
  type NobelPrize,
  type PrizeLaureate,
} from '@nobel-pipeline/schemas';
import { NobelApiError } from '../errors';
import type { SourceLaureate, SourceLink, SourcePrize } from './source';

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
function otherFields(record: object, known: readonly string[]): string | null {
  const others = Object.entries(record).filter(([key]) => !known.includes(key));
  return others.length === 0 ? null : JSON.stringify(Object.fromEntries(others));
}

/** sha256 (hex) of the record as compact JSON, in the key order it was served in. */
export function contentHash(raw: unknown): string {
  return createHash('sha256').update(JSON.stringify(raw)).digest('hex');
}

const PRIZE_HREF = /\/nobelPrize\/([a-z]+)\/(\d+)$/;

/** The stable id, `<category code>-<award year>`, from the prize's own link. */
export function prizeIdentity(prize: SourcePrize): { id: string; categoryCode: string } {
  const link = prize.links.find((l) => l.rel === 'nobelPrize' && PRIZE_HREF.test(l.href));
  const match = link === undefined ? null : PRIZE_HREF.exec(link.href);
  if (match === null) {
    throw new NobelApiError(
      `prize ${prize.awardYear}: links: no "nobelPrize" link of the form …/nobelPrize/<code>/<year>`,
      { field: 'links' },
    );
  }
  const [, code = '', year = ''] = match;
  if (year !== prize.awardYear) {
    throw new NobelApiError(
      `prize ${prize.awardYear}: links: the link names year ${year}, the record ${prize.awardYear}`,
      { field: 'links' },
    );
  }
  return { id: `${code}-${year}`, categoryCode: code };
}

function toLink(link: SourceLink): Link {
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

/** The event for one validated source record; `raw` is the record as served, for the hash. */
export function toNobelPrize(raw: unknown, prize: SourcePrize, provenance: Provenance): NobelPrize {
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

/** Copies the non-null fields, in order, then the unmodelled ones. */
function rebuild(
  source: Record<string, unknown>,
  order: readonly string[],
  others: string | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order)
    if (source[key] !== null && source[key] !== undefined) out[key] = source[key];
  return others === null ? out : { ...out, ...(JSON.parse(others) as Record<string, unknown>) };
}

function fromLink(link: Link): Record<string, unknown> {
  return rebuild(link as unknown as Record<string, unknown>, LINK_FIELDS, link.otherFields);
}

/** The source record an event was made from (key order of the API; unmodelled fields last). */
export function toSourceRecord(event: NobelPrize): Record<string, unknown> {
  const laureates = event.laureates?.map((l) =>
    rebuild(
      { ...l, links: l.links.map(fromLink) } as Record<string, unknown>,
      LAUREATE_FIELDS,
      l.otherFields,
    ),
  );
  return rebuild(
    { ...event, links: event.links.map(fromLink), laureates } as Record<string, unknown>,
    PRIZE_FIELDS,
    event.otherFields,
  );
}
