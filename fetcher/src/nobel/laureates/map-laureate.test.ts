import { loadContracts, validationIssues, type NobelLaureate } from '@nobel-pipeline/schemas';
import { DEFAULT_SNAPSHOTS, hasDefaultSnapshot, loadSnapshot } from '@nobel-pipeline/nobel-mirror';
import { NobelApiError } from '../../errors';
import { contentHash } from '../map-prize';
import { toLaureateSourceRecord } from '@nobel-pipeline/schemas';
import { laureateId, toNobelLaureate } from './map-laureate';
import { sourceLaureateRecord, type SourceLaureateRecord } from './source-laureate';
import { parseAsServed } from '../source';

const provenance = { fetchedAt: 1_767_225_600_000, fetchRunId: 'run-1' };
const { type } = loadContracts().nobelLaureate;

function map(raw: Record<string, unknown>): NobelLaureate {
  return toNobelLaureate(raw, parseAsServed(sourceLaureateRecord, raw), provenance);
}

/** Through Avro and back: what a consumer of the topic reads. */
function throughAvro(event: NobelLaureate): NobelLaureate {
  // avsc decodes to `any`; the schema it decodes with is the one NobelLaureate is generated from.
  return type.fromBuffer(type.toBuffer(event)) as NobelLaureate;
}

/** The source record an event gives back, as the JSON text a reader would get. */
const rebuilt = (event: NobelLaureate): unknown =>
  JSON.parse(JSON.stringify(toLaureateSourceRecord(event)));

/** A made-up person in the shape of /2.1/laureates (values invented). */
function person(): Record<string, unknown> {
  return {
    id: '9001',
    knownName: { en: 'A Person', se: 'A Person' },
    givenName: { en: 'A', se: 'A' },
    familyName: { en: 'Person', se: 'Person' },
    fullName: { en: 'A Person', se: 'A Person' },
    fileName: 'person',
    gender: 'female',
    birth: {
      date: '1943-00-00',
      place: {
        city: { en: 'Town', no: 'By', se: 'Stad' },
        country: { en: 'Land', no: 'Land', se: 'Land' },
        cityNow: {
          en: 'Town',
          no: 'By',
          se: 'Stad',
          sameAs: ['https://www.wikidata.org/wiki/Q2'],
          latitude: '40.825930',
          longitude: '-73.926000',
        },
        countryNow: { en: 'Land', sameAs: ['https://www.wikidata.org/wiki/Q3'] },
        continent: { en: 'Europe' },
        locationString: { en: 'Town, Land', no: 'By, Land', se: 'Stad, Land' },
      },
    },
    death: {
      date: '2001-02-03',
      place: { country: { en: 'Land', sameAs: 'https://www.wikidata.org/wiki/Q3' } },
    },
    wikipedia: { slug: 'A_Person', english: 'https://en.wikipedia.org/wiki/A_Person' },
    wikidata: { id: 'Q9001', url: 'https://www.wikidata.org/wiki/Q9001' },
    sameAs: ['https://www.wikidata.org/wiki/Q9001'],
    links: [
      {
        rel: 'laureate',
        href: 'https://api.nobelprize.org/2/laureate/9001',
        action: 'GET',
        types: 'application/json',
      },
      {
        rel: 'external',
        href: 'https://www.nobelprize.org/laureate/9001',
        title: ' - Facts',
        action: 'GET',
        types: 'text/html',
        class: ['laureate facts'],
      },
    ],
    nobelPrizes: [
      {
        awardYear: '1999',
        category: { en: 'Physics', no: 'Fysikk', se: 'Fysik' },
        categoryFullName: { en: 'The Nobel Prize in Physics' },
        sortOrder: '1',
        portion: '1/2',
        dateAwarded: '1999-10-12',
        prizeStatus: 'received',
        motivation: { en: 'for work', se: 'för arbete' },
        prizeAmount: 7900000,
        prizeAmountAdjusted: 12000000,
        affiliations: [
          {
            name: { en: 'An Institute' },
            nameNow: { en: 'An Institute' },
            city: { en: 'Town' },
            locationString: { en: 'An Institute, Town' },
          },
        ],
        links: [
          {
            rel: 'nobelPrize',
            href: 'https://api.nobelprize.org/2/nobelPrize/phy/1999',
            action: 'GET',
            types: 'application/json',
          },
        ],
      },
    ],
  };
}

/** `person()` with one change made to it. */
function changed(edit: (record: Record<string, unknown>) => void): Record<string, unknown> {
  const record = person();
  edit(record);
  return record;
}

// Reaches into the made-up record: each test knows the shape it wrote.
const at = (value: unknown, ...path: (string | number)[]) =>
  path.reduce<Record<string | number, unknown>>(
    (node, key) => node[key] as Record<string | number, unknown>,
    value as Record<string | number, unknown>,
  );

/** Maps, checks against the contract, goes through Avro and back, and gives the record. */
function roundTrip(raw: Record<string, unknown>): { event: NobelLaureate; source: unknown } {
  const event = map(raw);
  expect(validationIssues(type, event)).toEqual([]);
  return { event, source: rebuilt(throughAvro(event)) };
}

describe('toNobelLaureate', () => {
  it('keeps values as served and gives the record back byte for byte', () => {
    const raw = person();
    const { event, source } = roundTrip(raw);
    expect(event).toMatchObject({
      id: '9001',
      orgName: null,
      penName: null,
      founded: null,
      birth: { date: '1943-00-00', otherFields: null },
      fetchedAt: provenance.fetchedAt,
      fetchRunId: 'run-1',
      contentHash: contentHash(raw),
    });
    expect(event.birth?.place?.cityNow).toEqual({
      names: { en: 'Town', no: 'By', se: 'Stad' },
      sameAs: ['https://www.wikidata.org/wiki/Q2'],
      latitude: '40.825930',
      longitude: '-73.926000',
      otherFields: null,
    });
    expect(JSON.stringify(source)).toBe(JSON.stringify(raw));
  });

  it('keeps a latitude served as null in otherFields, and gives it back as null', () => {
    const raw = changed((r) => {
      const cityNow = at(r, 'birth', 'place', 'cityNow');
      cityNow.latitude = null;
      cityNow.longitude = null;
    });
    const { event, source } = roundTrip(raw);
    expect(event.birth?.place?.cityNow).toMatchObject({
      latitude: null,
      longitude: null,
      otherFields: '{"latitude":null,"longitude":null}',
    });
    expect(at(source, 'birth', 'place', 'cityNow')).toStrictEqual({
      en: 'Town',
      no: 'By',
      se: 'Stad',
      sameAs: ['https://www.wikidata.org/wiki/Q2'],
      latitude: null,
      longitude: null,
    });
    expect(JSON.stringify(source)).toBe(JSON.stringify(raw));
  });

  it('gives back sameAs served as one string as a string', () => {
    const { event, source } = roundTrip(person());
    expect(event.death?.place?.country?.sameAs).toBe('https://www.wikidata.org/wiki/Q3');
    expect(at(source, 'death', 'place', 'country').sameAs).toBe('https://www.wikidata.org/wiki/Q3');
  });

  it('keeps unknown fields at every level, and gives them back', () => {
    const raw = changed((r) => {
      r.foundedCountry = { en: 'Land' };
      at(r, 'birth', 'place').region = { en: 'North', se: 'Norr' };
      at(r, 'birth', 'place', 'city').extra = { a: [1] };
      at(r, 'birth', 'place', 'city').count = 3;
      at(r, 'nobelPrizes', 0, 'affiliations', 0).department = { en: 'Physics' };
      at(r, 'nobelPrizes', 0).laureateNote = 'x';
      at(r, 'links', 1).hreflang = 'en';
      at(r, 'wikidata').label = 'A';
    });
    const { event, source } = roundTrip(raw);
    expect(event.otherFields).toBe('{"foundedCountry":{"en":"Land"}}');
    expect(event.birth?.place?.otherFields).toBe('{"region":{"en":"North","se":"Norr"}}');
    expect(event.birth?.place?.city?.otherFields).toBe('{"extra":{"a":[1]},"count":3}');
    expect(event.nobelPrizes[0]?.affiliations?.[0]?.otherFields).toBe(
      '{"department":{"en":"Physics"}}',
    );
    expect(event.nobelPrizes[0]?.otherFields).toBe('{"laureateNote":"x"}');
    expect(event.links[1]?.otherFields).toBe('{"hreflang":"en"}');
    expect(event.wikidata?.otherFields).toBe('{"label":"A"}');
    expect(source).toEqual(raw);
  });

  it('takes any further text of a language-keyed object as a name', () => {
    const raw = changed((r) => (at(r, 'birth', 'place', 'city').fr = 'Ville'));
    const { event, source } = roundTrip(raw);
    expect(event.birth?.place?.city?.names).toEqual({
      en: 'Town',
      no: 'By',
      se: 'Stad',
      fr: 'Ville',
    });
    expect(JSON.stringify(source)).toBe(JSON.stringify(raw));
  });

  it('keeps absent affiliations apart from an empty list', () => {
    const absent = changed((r) => delete at(r, 'nobelPrizes', 0).affiliations);
    const empty = changed((r) => (at(r, 'nobelPrizes', 0).affiliations = []));
    expect(map(absent).nobelPrizes[0]?.affiliations).toBeNull();
    expect(map(empty).nobelPrizes[0]?.affiliations).toEqual([]);
    expect(roundTrip(absent).source).toEqual(absent);
    expect(roundTrip(empty).source).toEqual(empty);
    expect(at(roundTrip(empty).source, 'nobelPrizes', 0).affiliations).toEqual([]);
    expect('affiliations' in at(roundTrip(absent).source, 'nobelPrizes', 0)).toBe(false);
  });

  it('maps an organisation: founded, with only a locationString, and no gender', () => {
    const raw = {
      id: '9002',
      orgName: { en: 'An Organisation', no: 'En organisasjon' },
      nativeName: 'Une Organisation',
      acronym: 'AO',
      fileName: 'ao',
      founded: { date: '1863-00-00', place: { locationString: { en: 'Geneva' } } },
      links: [],
      nobelPrizes: [],
    };
    const { event, source } = roundTrip(raw);
    expect(event).toMatchObject({ gender: null, birth: null, knownName: null, acronym: 'AO' });
    expect(event.founded?.place).toMatchObject({ city: null, country: null });
    expect(JSON.stringify(source)).toBe(JSON.stringify(raw));
  });

  it('refuses a record whose id is empty or missing, naming the field', () => {
    const empty = changed((r) => (r.id = ''));
    expect(() => map(empty)).toThrow(NobelApiError);
    expect(() => map(empty)).toThrow(
      'laureate "A Person": id: expected a non-empty string, got ""',
    );
    // The schema refuses a missing id first; the mapper's own guard is tested with a record
    // that skipped it.
    const { id: _id, ...unchecked } = sourceLaureateRecord.parse(person());
    expect(() => laureateId(unchecked as SourceLaureateRecord)).toThrow(
      expect.objectContaining({ field: 'id', message: expect.stringContaining('got none') }),
    );
  });
});

const SNAPSHOT_AVAILABLE = hasDefaultSnapshot('laureates');
if (!SNAPSHOT_AVAILABLE) {
  process.stderr.write(
    `\nSKIPPING tests on the real laureates snapshot: ${DEFAULT_SNAPSHOTS.laureates} is absent ` +
      '(it lives in ../shared/nobel-api beside the repository).\n',
  );
}
const describeWithSnapshot = SNAPSHOT_AVAILABLE ? describe : describe.skip;

describeWithSnapshot('every record of the real laureates snapshot (../shared/nobel-api)', () => {
  const records = SNAPSHOT_AVAILABLE
    ? (loadSnapshot(DEFAULT_SNAPSHOTS.laureates, 'laureates') as Record<string, unknown>[])
    : [];

  it('validates and maps all 992 laureates to valid NobelLaureates with distinct ids', () => {
    expect(records).toHaveLength(992);
    const events = records.map(map);
    expect(new Set(events.map((e) => e.id)).size).toBe(992);
    for (const event of events) expect(type.isValid(event)).toBe(true);
    expect(events.filter((e) => e.orgName !== null)).toHaveLength(27);
    expect(events.flatMap((e) => e.nobelPrizes)).toHaveLength(1000);
  });

  it('loses nothing through Avro: each gives back its source record', () => {
    const notByteForByte: string[] = [];
    for (const raw of records) {
      const source = rebuilt(throughAvro(map(raw)));
      expect(source).toEqual(raw);
      if (JSON.stringify(source) !== JSON.stringify(raw)) notByteForByte.push(String(raw.id));
    }
    // 991 of 992 come back byte for byte. The one that does not is laureate 925 (National
    // Dialogue Quartet): it serves foundedCountry, foundedCountryNow and foundedContinent, which
    // the contract does not model, between fileName and wikipedia; they come back from
    // otherFields after nobelPrizes. Equal as JSON, not in key order.
    expect(notByteForByte).toEqual(['925']);
  });

  it('keeps what the real data has: null coordinates, sameAs as a string, partial dates', () => {
    const events = records.map(map);
    const localized = events.flatMap((e) =>
      [e.birth, e.death, e.founded].flatMap((ev) => {
        const p = ev?.place;
        return p ? [p.city, p.country, p.cityNow, p.countryNow, p.continent, p.locationString] : [];
      }),
    );
    expect(localized.some((l) => l?.otherFields === '{"latitude":null,"longitude":null}')).toBe(
      true,
    );
    expect(localized.some((l) => typeof l?.sameAs === 'string')).toBe(true);
    expect(events.filter((e) => e.birth?.date?.endsWith('-00-00'))).toHaveLength(16);
    expect(events.filter((e) => e.birth !== null && e.birth.place === null)).toHaveLength(1);
  });
});
