import {
  LAUREATE_LEVEL_FIELDS,
  LOCALIZED_SOURCE_FIELDS,
  LOCALIZED_UNMODELLED_WHEN_NULL,
  type Affiliation,
  type LaureateEvent,
  type LaureateFieldsLevel,
  type LaureatePrize,
  type Localized,
  type NobelLaureate,
  type Place,
} from '@nobel-pipeline/schemas';
import { NobelApiError } from '../../errors';
import { contentHash, otherFields, toLink, type Provenance } from '../map-prize';
import type { AsServed } from '../source';
import type {
  SourceAffiliation,
  SourceLaureateEvent,
  SourceLaureatePrize,
  SourceLaureateRecord,
  SourceLocalized,
  SourcePlace,
} from './source-laureate';

/**
 * Source laureate record ⇄ NobelLaureate event. The mapping keeps every value as served;
 * fields the schema does not model go, as JSON, into the `otherFields` of their level.
 * `toLaureateSourceRecord` is the inverse, used to prove that nothing is lost.
 */

/** The fields of `record` its level does not model, as a JSON object, or null when none. */
function unmodelled(record: object, level: LaureateFieldsLevel): string | null {
  return otherFields(record, LAUREATE_LEVEL_FIELDS[level]);
}

function orNull<S, T>(value: S | undefined, map: (value: S) => T): T | null {
  return value === undefined ? null : map(value);
}

const MODELLED_IN_LOCALIZED: readonly string[] = LOCALIZED_SOURCE_FIELDS;

/**
 * `{en, no, se, sameAs, latitude, longitude}` as `{names, sameAs, latitude, longitude}`: every
 * other key whose value is a string is a name; the rest, and a coordinate served as null, go
 * into otherFields.
 */
function toLocalized(localized: SourceLocalized): Localized {
  const names: Record<string, string> = {};
  const others: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(localized)) {
    if (MODELLED_IN_LOCALIZED.includes(key)) {
      if (value === null && LOCALIZED_UNMODELLED_WHEN_NULL.has(key)) others[key] = value;
    } else if (typeof value === 'string') names[key] = value;
    else others[key] = value;
  }
  return {
    names,
    sameAs: localized.sameAs ?? null,
    latitude: localized.latitude ?? null,
    longitude: localized.longitude ?? null,
    otherFields: Object.keys(others).length === 0 ? null : JSON.stringify(others),
  };
}

function toPlace(place: SourcePlace): Place {
  return {
    city: orNull(place.city, toLocalized),
    country: orNull(place.country, toLocalized),
    cityNow: orNull(place.cityNow, toLocalized),
    countryNow: orNull(place.countryNow, toLocalized),
    continent: orNull(place.continent, toLocalized),
    locationString: orNull(place.locationString, toLocalized),
    otherFields: unmodelled(place, 'place'),
  };
}

function toLaureateEvent(event: SourceLaureateEvent): LaureateEvent {
  return {
    date: event.date ?? null,
    place: orNull(event.place, toPlace),
    otherFields: unmodelled(event, 'laureateEvent'),
  };
}

function toAffiliation(affiliation: SourceAffiliation): Affiliation {
  return {
    name: orNull(affiliation.name, toLocalized),
    nameNow: orNull(affiliation.nameNow, toLocalized),
    nativeName: affiliation.nativeName ?? null,
    city: orNull(affiliation.city, toLocalized),
    country: orNull(affiliation.country, toLocalized),
    cityNow: orNull(affiliation.cityNow, toLocalized),
    countryNow: orNull(affiliation.countryNow, toLocalized),
    continent: orNull(affiliation.continent, toLocalized),
    locationString: orNull(affiliation.locationString, toLocalized),
    otherFields: unmodelled(affiliation, 'affiliation'),
  };
}

function toLaureatePrize(prize: SourceLaureatePrize): LaureatePrize {
  return {
    awardYear: prize.awardYear,
    category: prize.category,
    categoryFullName: prize.categoryFullName,
    topMotivation: prize.topMotivation ?? null,
    sortOrder: prize.sortOrder,
    portion: prize.portion,
    dateAwarded: prize.dateAwarded ?? null,
    prizeStatus: prize.prizeStatus ?? null,
    motivation: prize.motivation ?? null,
    prizeAmount: prize.prizeAmount,
    prizeAmountAdjusted: prize.prizeAmountAdjusted,
    affiliations: orNull(prize.affiliations, (list) => list.map(toAffiliation)),
    residences: orNull(prize.residences, (list) => list.map(toPlace)),
    links: prize.links.map(toLink),
    otherFields: unmodelled(prize, 'laureatePrize'),
  };
}

/** The laureate's id, the Kafka key: a record without one (or with an empty one) is refused. */
export function laureateId(laureate: SourceLaureateRecord): string {
  // Typed as validated, but checked again: the id is the key, never empty nor missing.
  const id: unknown = laureate.id;
  if (typeof id === 'string' && id.trim() !== '') return id;
  const name = laureate.knownName?.en ?? laureate.orgName?.en ?? laureate.fileName;
  throw new NobelApiError(
    `laureate ${name === undefined ? '(no name)' : JSON.stringify(name)}: id: expected a non-empty string, got ${id === undefined ? 'none' : JSON.stringify(id)}`,
    { field: 'id' },
  );
}

/**
 * The event for one validated source record; `raw` is the record as served, for the hash.
 * `laureate` is the record as served too (`checkAsServed`), unmodelled fields included.
 */
export function toNobelLaureate(
  raw: unknown,
  laureate: AsServed<SourceLaureateRecord>,
  provenance: Provenance,
): NobelLaureate {
  return {
    id: laureateId(laureate),
    knownName: laureate.knownName ?? null,
    givenName: laureate.givenName ?? null,
    familyName: laureate.familyName ?? null,
    fullName: laureate.fullName ?? null,
    orgName: laureate.orgName ?? null,
    nativeName: laureate.nativeName ?? null,
    acronym: laureate.acronym ?? null,
    penName: laureate.penName ?? null,
    penNameOf: laureate.penNameOf ?? null,
    fileName: laureate.fileName ?? null,
    gender: laureate.gender ?? null,
    birth: orNull(laureate.birth, toLaureateEvent),
    death: orNull(laureate.death, toLaureateEvent),
    founded: orNull(laureate.founded, toLaureateEvent),
    wikipedia: orNull(laureate.wikipedia, (w) => ({
      slug: w.slug ?? null,
      english: w.english ?? null,
      otherFields: unmodelled(w, 'wikipedia'),
    })),
    wikidata: orNull(laureate.wikidata, (w) => ({
      id: w.id ?? null,
      url: w.url ?? null,
      otherFields: unmodelled(w, 'wikidata'),
    })),
    sameAs: laureate.sameAs ?? null,
    links: laureate.links.map(toLink),
    nobelPrizes: laureate.nobelPrizes.map(toLaureatePrize),
    otherFields: unmodelled(laureate, 'nobelLaureate'),
    fetchedAt: provenance.fetchedAt,
    fetchRunId: provenance.fetchRunId,
    contentHash: contentHash(raw),
  };
}
