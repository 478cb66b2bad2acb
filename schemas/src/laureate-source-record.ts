import { inSourceOrder } from './source-fields';
import type {
  Affiliation,
  LaureateEvent,
  LaureatePrize,
  Link,
  Localized,
  NobelLaureate,
  Place,
} from './generated/types';

/**
 * A NobelLaureate event back into the source record it was made from: the API's keys, in the
 * API's order, absent fields absent, unmodelled fields (otherFields) in place. The fetcher's
 * round-trip tests prove the mapping loses nothing; the sink stores it (the laureate's
 * `source_record`) and the read API serves it.
 */

function fromLocalized(localized: Localized | null): Record<string, unknown> | null {
  return localized === null ? null : inSourceOrder(localized, 'localized', localized.otherFields);
}

function fromPlace(place: Place): Record<string, unknown> {
  const values = {
    city: fromLocalized(place.city),
    country: fromLocalized(place.country),
    cityNow: fromLocalized(place.cityNow),
    countryNow: fromLocalized(place.countryNow),
    continent: fromLocalized(place.continent),
    locationString: fromLocalized(place.locationString),
  };
  return inSourceOrder(values, 'place', place.otherFields);
}

function fromLaureateEvent(event: LaureateEvent | null): Record<string, unknown> | null {
  if (event === null) return null;
  const place = event.place === null ? null : fromPlace(event.place);
  return inSourceOrder({ ...event, place }, 'laureateEvent', event.otherFields);
}

function fromAffiliation(affiliation: Affiliation): Record<string, unknown> {
  const values = {
    name: fromLocalized(affiliation.name),
    nameNow: fromLocalized(affiliation.nameNow),
    nativeName: affiliation.nativeName,
    city: fromLocalized(affiliation.city),
    country: fromLocalized(affiliation.country),
    cityNow: fromLocalized(affiliation.cityNow),
    countryNow: fromLocalized(affiliation.countryNow),
    continent: fromLocalized(affiliation.continent),
    locationString: fromLocalized(affiliation.locationString),
  };
  return inSourceOrder(values, 'affiliation', affiliation.otherFields);
}

function fromLink(link: Link): Record<string, unknown> {
  return inSourceOrder({ ...link }, 'laureateLink', link.otherFields);
}

function fromLaureatePrize(prize: LaureatePrize): Record<string, unknown> {
  const values = {
    ...prize,
    affiliations: prize.affiliations?.map(fromAffiliation),
    residences: prize.residences?.map(fromPlace),
    links: prize.links.map(fromLink),
  };
  return inSourceOrder(values, 'laureatePrize', prize.otherFields);
}

/** The source record an event was made from (key order of the API; unmodelled fields last). */
export function toLaureateSourceRecord(event: NobelLaureate): Record<string, unknown> {
  const values = {
    ...event,
    birth: fromLaureateEvent(event.birth),
    death: fromLaureateEvent(event.death),
    founded: fromLaureateEvent(event.founded),
    wikipedia:
      event.wikipedia && inSourceOrder(event.wikipedia, 'wikipedia', event.wikipedia.otherFields),
    wikidata:
      event.wikidata && inSourceOrder(event.wikidata, 'wikidata', event.wikidata.otherFields),
    links: event.links.map(fromLink),
    nobelPrizes: event.nobelPrizes.map(fromLaureatePrize),
  };
  return inSourceOrder(values, 'nobelLaureate', event.otherFields);
}
