import { Type, types } from 'avsc';
import { loadContracts } from './contracts';
import {
  AFFILIATION_SOURCE_FIELDS,
  LAUREATE_EVENT_SOURCE_FIELDS,
  LAUREATE_LINK_SOURCE_FIELDS,
  LAUREATE_PRIZE_SOURCE_FIELDS,
  LOCALIZED_SOURCE_FIELDS,
  NOBEL_LAUREATE_EVENT_FIELDS,
  NOBEL_LAUREATE_SOURCE_FIELDS,
  PLACE_SOURCE_FIELDS,
  WIKIDATA_SOURCE_FIELDS,
  WIKIPEDIA_SOURCE_FIELDS,
} from './laureate-fields';
import {
  LINK_SOURCE_FIELDS,
  inSourceOrder,
  otherFieldsOf,
  otherFieldsProblem,
} from './source-fields';

/** The field names of each record type of the NobelLaureate schema, sorted, by short name. */
function recordFields(): Map<string, string[]> {
  const registry: Record<string, Type> = {};
  Type.forSchema(loadContracts().nobelLaureate.schema, { registry });
  const found = new Map<string, string[]>();
  for (const [name, type] of Object.entries(registry))
    if (type instanceof types.RecordType)
      found.set(name.split('.').pop() ?? name, type.fields.map((f) => f.name).sort());
  return found;
}

describe('the modelled fields of a laureate record', () => {
  it('are the fields of the NobelLaureate contract, record by record', () => {
    const fields = recordFields();
    const expected = (list: readonly string[]) => [...list, 'otherFields'].sort();
    expect([...fields.keys()].sort()).toEqual(
      [
        'Affiliation',
        'LaureateEvent',
        'LaureatePrize',
        'Link',
        'Localized',
        'NobelLaureate',
        'Place',
        'Wikidata',
        'Wikipedia',
      ].sort(),
    );
    expect(fields.get('NobelLaureate')).toEqual(
      expected([...NOBEL_LAUREATE_SOURCE_FIELDS, ...NOBEL_LAUREATE_EVENT_FIELDS]),
    );
    expect(fields.get('LaureateEvent')).toEqual(expected(LAUREATE_EVENT_SOURCE_FIELDS));
    expect(fields.get('Place')).toEqual(expected(PLACE_SOURCE_FIELDS));
    expect(fields.get('Localized')).toEqual(expected([...LOCALIZED_SOURCE_FIELDS, 'names']));
    expect(fields.get('Wikipedia')).toEqual(expected(WIKIPEDIA_SOURCE_FIELDS));
    expect(fields.get('Wikidata')).toEqual(expected(WIKIDATA_SOURCE_FIELDS));
    expect(fields.get('LaureatePrize')).toEqual(expected(LAUREATE_PRIZE_SOURCE_FIELDS));
    expect(fields.get('Affiliation')).toEqual(expected(AFFILIATION_SOURCE_FIELDS));
    expect(fields.get('Link')).toEqual(expected(LAUREATE_LINK_SOURCE_FIELDS));
  });

  it("reuses the prize's link fields, in the laureates endpoint's order", () => {
    expect([...LAUREATE_LINK_SOURCE_FIELDS].sort()).toEqual([...LINK_SOURCE_FIELDS].sort());
    const link = { rel: 'external', href: 'h', action: 'GET', types: 't', title: 'T', class: [] };
    expect(Object.keys(inSourceOrder(link, 'laureateLink', null))).toEqual([
      'rel',
      'href',
      'title',
      'action',
      'types',
      'class',
    ]);
  });
});

describe('otherFields of the laureate levels', () => {
  it('refuses a field the level models, and only those', () => {
    expect(otherFieldsProblem('{"foundedCountry":{"en":"Tunisia"}}', 'nobelLaureate')).toBe(
      undefined,
    );
    expect(otherFieldsProblem('{"gender":"x","fetchRunId":"r"}', 'nobelLaureate')).toBe(
      'holds fields the contract models itself: gender, fetchRunId',
    );
    expect(otherFieldsProblem('{"place":{}}', 'laureateEvent')).toMatch(/place/);
    expect(otherFieldsProblem('{"cityNow":{}}', 'place')).toMatch(/cityNow/);
    expect(otherFieldsProblem('{"nameNow":{}}', 'affiliation')).toMatch(/nameNow/);
    expect(otherFieldsProblem('{"prizeAmount":1}', 'laureatePrize')).toMatch(/prizeAmount/);
    expect(otherFieldsProblem('{"slug":"x"}', 'wikipedia')).toMatch(/slug/);
    expect(otherFieldsProblem('{"url":"x"}', 'wikidata')).toMatch(/url/);
    expect(otherFieldsProblem('{"title":"x"}', 'laureateLink')).toMatch(/title/);
    expect(otherFieldsProblem('{"date":"x"}', 'place')).toBeUndefined();
  });

  it('in a Localized, allows coordinates served as null, not as text, and never a name', () => {
    expect(otherFieldsProblem('{"latitude":null,"longitude":null}', 'localized')).toBeUndefined();
    expect(otherFieldsProblem('{"extra":{"a":1},"n":2}', 'localized')).toBeUndefined();
    expect(otherFieldsProblem('{"latitude":"1.5"}', 'localized')).toMatch(/latitude/);
    expect(otherFieldsProblem('{"sameAs":null}', 'localized')).toMatch(/sameAs/);
    expect(otherFieldsProblem('{"fr":"Paris"}', 'localized')).toBe(
      'holds fields the contract models itself: fr',
    );
    expect(otherFieldsOf('{"latitude":null,"fr":"Paris","longitude":"2"}', 'localized')).toEqual({
      latitude: null,
    });
  });
});

describe('inSourceOrder for a Localized', () => {
  it('gives the names first, as keys of their own, then sameAs, the coordinates, the rest', () => {
    const localized = {
      names: { en: 'USA', no: 'USA', se: 'USA' },
      sameAs: ['https://www.wikidata.org/wiki/Q30'],
      latitude: '39.8',
      longitude: '-98.5',
      otherFields: '{"extra":[1]}',
    };
    expect(JSON.stringify(inSourceOrder(localized, 'localized', localized.otherFields))).toBe(
      '{"en":"USA","no":"USA","se":"USA","sameAs":["https://www.wikidata.org/wiki/Q30"],"latitude":"39.8","longitude":"-98.5","extra":[1]}',
    );
  });

  it('restores coordinates served as null, and lets nothing stored override a name', () => {
    const localized = {
      names: { en: 'Paris', sameAs: 'forged' },
      sameAs: 'https://www.wikidata.org/wiki/Q90',
      latitude: null,
      longitude: null,
      otherFields: '{"latitude":null,"longitude":null,"en":{"x":1}}',
    };
    expect(inSourceOrder(localized, 'localized', localized.otherFields)).toStrictEqual({
      en: 'Paris',
      sameAs: 'https://www.wikidata.org/wiki/Q90',
      latitude: null,
      longitude: null,
    });
  });
});
