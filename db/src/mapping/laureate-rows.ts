import {
  prizeLinkOf,
  toLaureateSourceRecord,
  type Affiliation,
  type LaureateEvent,
  type LaureatePrize,
  type Localized,
  type NobelLaureate,
  type Place,
} from '@nobel-pipeline/schemas';
import type {
  HappeningColumns,
  LaureateAffiliationRow,
  LaureateAwardRow,
  LaureateDetailRow,
  LaureateResidenceRow,
  PlaceColumns,
} from '../models/models';

/** The rows one NobelLaureate event becomes. `updatedAt` is the time of the write. */
export interface LaureateRows {
  detail: LaureateDetailRow;
  awards: LaureateAwardRow[];
  affiliations: LaureateAffiliationRow[];
  residences: LaureateResidenceRow[];
}

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The date when the source gives a whole one that a DATE column holds ('1943-03-07'), else
 * null: '1943-00-00' (month and day unknown), '1943-02-30', a year before 1000, no date.
 */
export function fullDate(served: string | null): string | null {
  const match = served === null ? null : FULL_DATE.exec(served);
  if (match === null) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < 1000) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  const whole =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return whole ? served : null;
}

/**
 * A latitude (limit 90) or longitude (limit 180) as served ('40.825930') in decimal degrees with
 * six places, or null when it is absent or not a coordinate (the value stays in source_record).
 */
export function coordinate(served: string | null, limit: 90 | 180): string | null {
  if (served === null || !/^\s*-?\d+(\.\d+)?\s*$/.test(served)) return null;
  const degrees = Number(served);
  return Math.abs(degrees) <= limit ? degrees.toFixed(6) : null;
}

/**
 * The prize a laureate's prize entry is, by its own `nobelPrize` link (`…/nobelPrize/eco/2001`):
 * the same rule as a prize's id. Undefined when the entry has no such link (the sink refuses it).
 */
export function laureatePrizeOf(
  prize: Pick<LaureatePrize, 'links'>,
): { id: string; categoryCode: string; awardYear: string } | undefined {
  return prizeLinkOf(prize.links);
}

const en = (localized: Localized | null | undefined): string | null => localized?.names.en ?? null;

function placeColumns(place: Place | Affiliation | null): PlaceColumns {
  return {
    cityEn: en(place?.city),
    countryEn: en(place?.country),
    cityNowEn: en(place?.cityNow),
    countryNowEn: en(place?.countryNow),
    continentEn: en(place?.continent),
  };
}

function happening(event: LaureateEvent | null): HappeningColumns {
  const date = event?.date ?? null;
  return { date, dateFull: fullDate(date), ...placeColumns(event?.place ?? null) };
}

/** Where it happened, on the map: the coordinates of the city as it is now. */
function position(event: LaureateEvent | null): {
  latitude: string | null;
  longitude: string | null;
} {
  const city = event?.place?.cityNow ?? null;
  return {
    latitude: coordinate(city?.latitude ?? null, 90),
    longitude: coordinate(city?.longitude ?? null, 180),
  };
}

export function laureateRows(event: NobelLaureate, updatedAt: Date): LaureateRows {
  const birth = happening(event.birth);
  const death = happening(event.death);
  const founded = happening(event.founded);
  const birthAt = position(event.birth);
  const deathAt = position(event.death);
  const detail: LaureateDetailRow = {
    id: event.id,
    kind: event.orgName !== null ? 'organization' : 'person',
    nameEn: event.knownName?.en ?? event.orgName?.en ?? null,
    fullNameEn: event.fullName?.en ?? null,
    gender: event.gender,
    birthDate: birth.date,
    birthDateFull: birth.dateFull,
    birthCityEn: birth.cityEn,
    birthCountryEn: birth.countryEn,
    birthCityNowEn: birth.cityNowEn,
    birthCountryNowEn: birth.countryNowEn,
    birthContinentEn: birth.continentEn,
    birthLatitude: birthAt.latitude,
    birthLongitude: birthAt.longitude,
    deathDate: death.date,
    deathDateFull: death.dateFull,
    deathCityEn: death.cityEn,
    deathCountryEn: death.countryEn,
    deathCityNowEn: death.cityNowEn,
    deathCountryNowEn: death.countryNowEn,
    deathContinentEn: death.continentEn,
    deathLatitude: deathAt.latitude,
    deathLongitude: deathAt.longitude,
    foundedDate: founded.date,
    foundedDateFull: founded.dateFull,
    foundedCityEn: founded.cityEn,
    foundedCountryEn: founded.countryEn,
    foundedCityNowEn: founded.cityNowEn,
    foundedCountryNowEn: founded.countryNowEn,
    foundedContinentEn: founded.continentEn,
    wikidataId: event.wikidata?.id ?? null,
    wikipediaSlug: event.wikipedia?.slug ?? null,
    sourceRecord: toLaureateSourceRecord(event),
    contentHash: event.contentHash,
    fetchRunId: event.fetchRunId,
    fetchedAt: new Date(event.fetchedAt),
    updatedAt,
  };
  const awards: LaureateAwardRow[] = [];
  const affiliations: LaureateAffiliationRow[] = [];
  const residences: LaureateResidenceRow[] = [];
  for (const prize of event.nobelPrizes) {
    const target = laureatePrizeOf(prize);
    // The sink's validation refuses an entry without its prize link before this runs.
    if (target === undefined) throw new TypeError(`laureate ${event.id}: a prize without its link`);
    const at = { laureateId: event.id, prizeId: target.id };
    awards.push({
      ...at,
      awardYear: Number(prize.awardYear),
      categoryCode: target.categoryCode,
      sortOrder: Number(prize.sortOrder),
      portion: prize.portion,
      prizeStatus: prize.prizeStatus,
      dateAwarded: prize.dateAwarded,
      motivationEn: prize.motivation?.en ?? null,
      updatedAt,
    });
    (prize.affiliations ?? []).forEach((affiliation, i) =>
      affiliations.push({
        ...at,
        position: i,
        nameEn: en(affiliation.name),
        nameNowEn: en(affiliation.nameNow),
        ...placeColumns(affiliation),
        latitude: coordinate(affiliation.cityNow?.latitude ?? null, 90),
        longitude: coordinate(affiliation.cityNow?.longitude ?? null, 180),
        updatedAt,
      }),
    );
    (prize.residences ?? []).forEach((residence, i) =>
      residences.push({ ...at, position: i, ...placeColumns(residence), updatedAt }),
    );
  }
  return { detail, awards, affiliations, residences };
}
