import type {
  Affiliation,
  FetchRun,
  LaureateEvent,
  LaureatePrize,
  Localized,
  NobelLaureate,
  NobelPrize,
  PrizeLaureate,
} from '@nobel-pipeline/schemas';

/** Hand-written events for the database tests (values made up, shapes as the real ones). */

const link = (href: string) => ({
  rel: 'nobelPrize',
  href,
  action: 'GET',
  types: 'application/json',
  title: null,
  class: null,
  otherFields: null,
});

export function laureate(id: string, name: string, sortOrder = '1', portion = '1'): PrizeLaureate {
  return {
    id,
    knownName: { en: name },
    fullName: { en: `${name} Full` },
    orgName: null,
    acronym: null,
    nativeName: null,
    portion,
    sortOrder,
    motivation: { en: `for ${name}'s work`, se: `för ${name}` },
    links: [link(`https://api.nobelprize.org/2/laureate/${id}`)],
    otherFields: null,
  };
}

export function prizeEvent(
  code: string,
  year: number,
  laureates: PrizeLaureate[] | null,
  fetchedAt = 1_767_225_600_000,
): NobelPrize {
  return {
    id: `${code}-${year}`,
    categoryCode: code,
    awardYear: String(year),
    category: { en: `Category ${code}`, no: `Kategori ${code}`, se: `Kategori ${code}` },
    categoryFullName: {
      en: `The Prize in ${code}`,
      no: `Prisen i ${code}`,
      se: `Priset i ${code}`,
    },
    dateAwarded: `${year}-12-10`,
    topMotivation: null,
    prizeAmount: 100_000 + year,
    prizeAmountAdjusted: 9_000_000 + year,
    links: [link(`https://api.nobelprize.org/2/nobelPrize/${code}/${year}`)],
    laureates,
    otherFields: null,
    fetchedAt,
    fetchRunId: 'run-1',
    contentHash: String(year).padStart(64, '0'),
  };
}

export function fetchRun(runId: string, startedAt = 1_767_225_600_000): FetchRun {
  return {
    runId,
    trigger: 'START',
    startedAt,
    finishedAt: startedAt + 1000,
    outcome: 'SUCCEEDED',
    pages: 27,
    prizesSeen: 670,
    prizesChanged: 670,
    prizesMissing: 0,
    sources: [{ source: 'nobelPrizes', pages: 27, seen: 670, changed: 670, missing: 0 }],
    error: null,
  };
}

const place = (en: string, extra: Partial<Localized> = {}): Localized => ({
  names: { en, se: `${en} (se)` },
  sameAs: null,
  latitude: null,
  longitude: null,
  otherFields: null,
  ...extra,
});

/** Born in `city` (now in `countryNow`), with a whole date or a served one like '1943-00-00'. */
export function birthIn(city: string, countryNow: string, date: string): LaureateEvent {
  return {
    date,
    place: {
      city: place(city),
      country: place(`Old ${countryNow}`),
      cityNow: place(city, { latitude: '52.229676', longitude: '21.012229' }),
      countryNow: place(countryNow, { sameAs: ['https://www.wikidata.org/wiki/Q36'] }),
      continent: place('Europe'),
      locationString: place(`${city}, ${countryNow}`),
      otherFields: null,
    },
    otherFields: null,
  };
}

/** One of a laureate's prizes as the laureates source gives it, with its affiliations. */
export function laureatePrize(
  code: string,
  year: number,
  affiliations: string[] = [],
  residences: string[] | null = null,
): LaureatePrize {
  return {
    awardYear: String(year),
    category: { en: `Category ${code}` },
    categoryFullName: { en: `The Prize in ${code}` },
    topMotivation: null,
    sortOrder: '1',
    portion: '1/2',
    dateAwarded: `${year}-11-12`,
    prizeStatus: 'received',
    motivation: { en: `for work in ${code}` },
    prizeAmount: 100_000 + year,
    prizeAmountAdjusted: 9_000_000 + year,
    affiliations: affiliations.map((name): Affiliation => ({
      name: place(name),
      nameNow: null,
      nativeName: null,
      city: place('Paris'),
      country: place('France'),
      cityNow: place('Paris', { latitude: '48.856614', longitude: '2.352222' }),
      countryNow: place('France'),
      continent: place('Europe'),
      locationString: place(`${name}, Paris, France`),
      otherFields: null,
    })),
    residences:
      residences?.map((city) => ({
        city: null,
        country: place(city),
        cityNow: null,
        countryNow: place(city),
        continent: null,
        locationString: null,
        otherFields: null,
      })) ?? null,
    links: [link(`https://api.nobelprize.org/2/nobelPrize/${code}/${year}`)],
    otherFields: null,
  };
}

/** A laureate event of the laureates source (a person unless `orgName` is given). */
export function laureateEvent(
  id: string,
  name: string,
  fields: Partial<NobelLaureate> = {},
): NobelLaureate {
  return {
    id,
    knownName: { en: name },
    givenName: { en: name.split(' ')[0] ?? name },
    familyName: { en: name.split(' ').slice(1).join(' ') },
    fullName: { en: `${name} Full` },
    orgName: null,
    nativeName: null,
    acronym: null,
    penName: null,
    penNameOf: null,
    fileName: name.toLowerCase().replace(/\W/g, ''),
    gender: 'female',
    birth: birthIn('Warsaw', 'Poland', '1867-11-07'),
    death: null,
    founded: null,
    wikipedia: { slug: name.replace(/ /g, '_'), english: null, otherFields: null },
    wikidata: { id: `Q${id}`, url: `https://www.wikidata.org/wiki/Q${id}`, otherFields: null },
    sameAs: [`https://www.wikidata.org/wiki/Q${id}`],
    links: [{ ...link(`https://api.nobelprize.org/2/laureate/${id}`), rel: 'laureate' }],
    nobelPrizes: [laureatePrize('phy', 1903, ['Sorbonne']), laureatePrize('che', 1911)],
    otherFields: null,
    fetchedAt: 1_767_225_600_000,
    fetchRunId: 'run-1',
    contentHash: id.padStart(64, '0'),
    ...fields,
  };
}
