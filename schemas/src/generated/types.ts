// Generated from the current version of each schema under schemas/avro/ by
// `npm run generate -w schemas`. Do not edit: change the .avsc, then regenerate.
// A unit test fails when this file and the schemas disagree.

/** One run of the fetcher over the Nobel Prize API, whatever its outcome. v2 adds what the run saw and changed per source (endpoint); pages and the prizes* fields keep their v1 meaning. */
export interface FetchRun {
  /** A UUID identifying the run; prize events carry it as fetchRunId. */
  runId: string;
  /** What caused the run: a START command, the schedule, or a FETCH_NOW command. */
  trigger: FetchTrigger;
  /** Milliseconds since the epoch (UTC). */
  startedAt: number;
  /** Milliseconds since the epoch (UTC). */
  finishedAt: number;
  /** SUCCEEDED: every change was published. FAILED: nothing or not everything was (the next run publishes the rest). ABORTED: stopped by a STOP command. */
  outcome: FetchOutcome;
  /** Pages of the API read, over every source. */
  pages: number;
  /** Prize records the API returned. */
  prizesSeen: number;
  /** New or changed prizes published by this run. */
  prizesChanged: number;
  /** Prizes published before that the API no longer returned. */
  prizesMissing: number;
  /** Per source, in the order the run read them; empty in records written by v1 (the prizes* fields tell those). */
  sources: SourceRun[];
  /** Why the run failed or was aborted; null when it succeeded. */
  error: null | string;
}

export type FetchTrigger = 'START' | 'SCHEDULE' | 'FETCH_NOW';
export const FetchTriggerSymbols = ['START', 'SCHEDULE', 'FETCH_NOW'] as const;

export type FetchOutcome = 'SUCCEEDED' | 'FAILED' | 'ABORTED';
export const FetchOutcomeSymbols = ['SUCCEEDED', 'FAILED', 'ABORTED'] as const;

/** What a run read and published of one source (an endpoint of the API). */
export interface SourceRun {
  /** The endpoint: 'nobelPrizes' or 'laureates'. */
  source: string;
  /** Pages of the endpoint read. */
  pages: number;
  /** Records the endpoint returned. */
  seen: number;
  /** New or changed records published by this run. */
  changed: number;
  /** Records published before that the endpoint no longer returned. */
  missing: number;
}

/** A control event for the fetcher, on the commands topic. START and STOP carry the desired state (key 'fetcher', so compaction keeps the latest); FETCH_NOW asks for one run now (key 'fetcher.fetch-now'). */
export interface FetcherCommand {
  /** A UUID identifying this command. */
  commandId: string;
  /** START: poll now and every intervalSeconds. STOP: abort the run in flight and poll no more. FETCH_NOW: one run now, whatever the state. */
  type: CommandType;
  /** Seconds between runs for START; null means the fetcher's configured interval. */
  intervalSeconds: null | number;
  /** When the command was issued, in milliseconds since the epoch (UTC). */
  issuedAt: number;
  /** Who asked for it (for example the API client's address); null when unknown. */
  requestedBy: null | string;
}

export type CommandType = 'START' | 'STOP' | 'FETCH_NOW';
export const CommandTypeSymbols = ['START', 'STOP', 'FETCH_NOW'] as const;

/** A lossless image of one record of the Nobel Prize API v2.1 laureates endpoint, with the source's own values (strings stay strings: dates such as '1943-00-00' and coordinates are as served; absent fields stay absent as null), plus provenance. Fields this version does not model travel as JSON in the otherFields of their record. Keyed by id on the laureates topic. */
export interface NobelLaureate {
  /** The laureate id, a string such as '745'. The Kafka key. */
  id: string;
  /** Per language code; persons only. */
  knownName: null | Record<string, string>;
  givenName: null | Record<string, string>;
  familyName: null | Record<string, string>;
  fullName: null | Record<string, string>;
  /** Per language code; organisations only. */
  orgName: null | Record<string, string>;
  nativeName: null | string;
  acronym: null | string;
  penName: null | string;
  /** As the source gives it, e.g. {fullName: 'Jacques Anatole Thibault'}. */
  penNameOf: null | Record<string, string>;
  fileName: null | string;
  /** As the source gives it ('male', 'female'); persons only. */
  gender: null | string;
  /** Persons only. */
  birth: null | LaureateEvent;
  death: null | LaureateEvent;
  /** Organisations only. */
  founded: null | LaureateEvent;
  wikipedia: null | Wikipedia;
  wikidata: null | Wikidata;
  sameAs: null | string[];
  /** The laureate's links. */
  links: Link[];
  /** The laureate's prizes. */
  nobelPrizes: LaureatePrize[];
  /** A JSON object of the fields of the source record that this schema version does not model (foundedCountry, …); null when there are none. Nothing the API sends is dropped. */
  otherFields: null | string;
  /** When the fetcher read the record, in milliseconds since the epoch (UTC). */
  fetchedAt: number;
  /** The runId of the FetchRun that published this event. */
  fetchRunId: string;
  /** sha256 (hex) of the source record as compact JSON in the source's own key order; equal hashes mean unchanged content. */
  contentHash: string;
}

/** A birth, death or founding: its date as served and where it took place. */
export interface LaureateEvent {
  /** As served: 'YYYY-MM-DD', with '00' for an unknown month or day ('1943-00-00'). */
  date: null | string;
  place: null | Place;
  otherFields: null | string;
}

/** A place as the source gives it: the names at the time and now, the continent, and the whole as one string. */
export interface Place {
  city: null | Localized;
  country: null | Localized;
  cityNow: null | Localized;
  countryNow: null | Localized;
  continent: null | Localized;
  locationString: null | Localized;
  otherFields: null | string;
}

/** A name per language code, with the sameAs links and the coordinates the source adds to some (cityNow, countryNow). */
export interface Localized {
  /** The text per language code (en, no, se). */
  names: Record<string, string>;
  /** As served: a list of URLs, or one URL as a string (some death.place.country). */
  sameAs: null | string | string[];
  /** As served: a decimal number as a string, e.g. '40.825930'. */
  latitude: null | string;
  longitude: null | string;
  /** A JSON object of the fields this version does not model (a latitude served as null is one); null when there are none. */
  otherFields: null | string;
}

export interface Wikipedia {
  slug: null | string;
  english: null | string;
  otherFields: null | string;
}

export interface Wikidata {
  /** Such as 'Q157245'. */
  id: null | string;
  url: null | string;
  otherFields: null | string;
}

/** A link as the source gives it. */
export interface Link {
  rel: string;
  href: string;
  action: null | string;
  types: null | string;
  title: null | string;
  class: null | string[];
  /** A JSON object of the link's fields that this schema version does not model; null when there are none. */
  otherFields: null | string;
}

/** One of the laureate's prizes, as the laureates endpoint gives it: the prize's fields, the laureate's share, status, affiliations and residences. */
export interface LaureatePrize {
  /** As served: '1901'. */
  awardYear: string;
  category: Record<string, string>;
  categoryFullName: Record<string, string>;
  topMotivation: null | Record<string, string>;
  sortOrder: string;
  /** As served: '1', '1/2', '1/3', '1/4'. */
  portion: string;
  dateAwarded: null | string;
  /** As served: 'received', 'declined', 'restricted'. */
  prizeStatus: null | string;
  motivation: null | Record<string, string>;
  /** In SEK, nominal. */
  prizeAmount: number;
  /** In SEK, adjusted. */
  prizeAmountAdjusted: number;
  /** Null when the source entry has none (never conflated with an empty list). */
  affiliations: null | Affiliation[];
  /** Where the laureate lived when awarded; null when the source entry has none. */
  residences: null | Place[];
  links: Link[];
  otherFields: null | string;
}

/** Where the laureate worked when awarded: the institution and its place. */
export interface Affiliation {
  name: null | Localized;
  nameNow: null | Localized;
  nativeName: null | string;
  city: null | Localized;
  country: null | Localized;
  cityNow: null | Localized;
  countryNow: null | Localized;
  continent: null | Localized;
  locationString: null | Localized;
  otherFields: null | string;
}

/** A lossless image of one record of the Nobel Prize API v2.1 nobelPrizes endpoint, with the source's own values (strings stay strings, text is not trimmed or stripped, absent fields stay absent as null), plus provenance. Keyed by id on the prizes topic. */
export interface NobelPrize {
  /** Stable prize id: '<category code>-<award year>', e.g. 'phy-1901'. The Kafka key. */
  id: string;
  /** The category code from the prize's own link: che, eco, lit, pea, phy or med. */
  categoryCode: string;
  /** As the source gives it: a string such as '1901'. */
  awardYear: string;
  /** The category name per language code (en, no, se). */
  category: Record<string, string>;
  /** The prize's full name per language code. */
  categoryFullName: Record<string, string>;
  /** As the source gives it ('YYYY-MM-DD'); null where the source has none (46 prizes). */
  dateAwarded: null | string;
  /** Per language; years without an award carry 'No Nobel Prize was awarded this year...'. */
  topMotivation: null | Record<string, string>;
  /** In SEK, nominal. */
  prizeAmount: number;
  /** In SEK, adjusted (the source re-indexes it over time). */
  prizeAmountAdjusted: number;
  /** The prize's links. */
  links: Link[];
  /** The laureates; null when the source record has no laureates key (years without an award), never conflated with an empty list. */
  laureates: null | PrizeLaureate[];
  /** A JSON object of the fields of the source record that this schema version does not model; null when there are none. Nothing the API sends is dropped. */
  otherFields: null | string;
  /** When the fetcher read the record, in milliseconds since the epoch (UTC). */
  fetchedAt: number;
  /** The runId of the FetchRun that published this event. */
  fetchRunId: string;
  /** sha256 (hex) of the source record as compact JSON in the source's own key order; equal hashes mean unchanged content. */
  contentHash: string;
}

/** One laureate entry of the prize: a person (knownName, fullName) or an organisation (orgName, acronym, nativeName). */
export interface PrizeLaureate {
  /** The laureate id, a string such as '160'. */
  id: string;
  knownName: null | Record<string, string>;
  fullName: null | Record<string, string>;
  orgName: null | Record<string, string>;
  acronym: null | string;
  nativeName: null | string;
  /** As the source gives it: '1', '1/2', '1/3' or '1/4'. */
  portion: string;
  /** As the source gives it: '1' to '3'. */
  sortOrder: string;
  motivation: null | Record<string, string>;
  links: Link[];
  /** A JSON object of the fields of the source entry that this schema version does not model; null when there are none. */
  otherFields: null | string;
}
