/**
 * Which fields of the laureates endpoint's records the NobelLaureate contract models, per
 * record, in the API's key order (as served in the 2024-06 snapshot of /2.1/laureates): the
 * rest of a source record travels as JSON in that record's `otherFields`. Only the lists live
 * here; the rules that use them (otherFieldsProblem, otherFieldsOf, inSourceOrder) are those of
 * source-fields.ts, for these levels as for the prize's. A test keeps the lists in step with
 * the Avro schema.
 */

/** A laureate record's fields as the API serves them, in its key order. */
export const NOBEL_LAUREATE_SOURCE_FIELDS = [
  'id',
  'knownName',
  'givenName',
  'familyName',
  'fullName',
  'orgName',
  'nativeName',
  'acronym',
  'penName',
  'penNameOf',
  'fileName',
  'gender',
  'birth',
  'death',
  'founded',
  'wikipedia',
  'wikidata',
  'sameAs',
  'links',
  'nobelPrizes',
] as const;

/** Fields the NobelLaureate event adds to the source record: its provenance. */
export const NOBEL_LAUREATE_EVENT_FIELDS = ['fetchedAt', 'fetchRunId', 'contentHash'] as const;

/**
 * The fields the read API's laureate view adds to the source's record: the event's provenance,
 * `kind`, `prizes` (from the prize events) and `updatedAt`. None may be a source field: the sink
 * refuses an `otherFields` that names one, so that the view never hides a source field.
 */
export const LAUREATE_VIEW_ADDED = [
  ...NOBEL_LAUREATE_EVENT_FIELDS,
  'kind',
  'prizes',
  'updatedAt',
] as const;

/** A birth, death or founding (the LaureateEvent record). */
export const LAUREATE_EVENT_SOURCE_FIELDS = ['date', 'place'] as const;

export const PLACE_SOURCE_FIELDS = [
  'city',
  'country',
  'cityNow',
  'countryNow',
  'continent',
  'locationString',
] as const;

/**
 * A language-keyed object's modelled fields other than its names: every other key whose value
 * is a string is a name (the record's `names`), served before these.
 */
export const LOCALIZED_SOURCE_FIELDS = ['sameAs', 'latitude', 'longitude'] as const;

/** The fields of a Localized that, served as null, are not modelled (they go to otherFields). */
export const LOCALIZED_UNMODELLED_WHEN_NULL: ReadonlySet<string> = new Set([
  'latitude',
  'longitude',
]);

export const WIKIPEDIA_SOURCE_FIELDS = ['slug', 'english'] as const;

export const WIKIDATA_SOURCE_FIELDS = ['id', 'url'] as const;

/** One of a laureate's prizes, as the laureates endpoint serves it. */
export const LAUREATE_PRIZE_SOURCE_FIELDS = [
  'awardYear',
  'category',
  'categoryFullName',
  'topMotivation',
  'sortOrder',
  'portion',
  'dateAwarded',
  'prizeStatus',
  'motivation',
  'prizeAmount',
  'prizeAmountAdjusted',
  'affiliations',
  'residences',
  'links',
] as const;

export const AFFILIATION_SOURCE_FIELDS = [
  'name',
  'nameNow',
  'nativeName',
  'city',
  'country',
  'cityNow',
  'countryNow',
  'continent',
  'locationString',
] as const;

/**
 * LINK_SOURCE_FIELDS (the same Link record), in the order the laureates endpoint serves them:
 * its "external" links put `title` after `href` (`rel,href,title,action,types,class`), where
 * the prize order has it after `types`. The prizes endpoint never serves a title, so its order
 * for one was never observed.
 */
export const LAUREATE_LINK_SOURCE_FIELDS = [
  'rel',
  'href',
  'title',
  'action',
  'types',
  'class',
] as const;

/** The modelled fields of each level of a laureate record, in the API's key order. */
export const LAUREATE_LEVEL_FIELDS = {
  nobelLaureate: NOBEL_LAUREATE_SOURCE_FIELDS,
  laureateEvent: LAUREATE_EVENT_SOURCE_FIELDS,
  place: PLACE_SOURCE_FIELDS,
  localized: LOCALIZED_SOURCE_FIELDS,
  wikipedia: WIKIPEDIA_SOURCE_FIELDS,
  wikidata: WIKIDATA_SOURCE_FIELDS,
  laureatePrize: LAUREATE_PRIZE_SOURCE_FIELDS,
  affiliation: AFFILIATION_SOURCE_FIELDS,
  laureateLink: LAUREATE_LINK_SOURCE_FIELDS,
} as const;

/** A level of a laureate record that has its own otherFields. */
export type LaureateFieldsLevel = keyof typeof LAUREATE_LEVEL_FIELDS;
