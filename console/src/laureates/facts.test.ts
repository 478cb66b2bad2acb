import type { LaureatePrizeView, LaureateView } from '@nobel-pipeline/schemas';
import {
  affiliationText,
  happeningText,
  hasSourcePrizes,
  placeText,
  prizeRows,
  sourceFacts,
} from './facts';

const link = { rel: 'laureate', href: 'https://api.nobelprize.org/2/laureate/6' };
/** An entry of the laureates source names its prize by its own link, as the real ones do. */
const prizeLink = (code: string, year: string) => ({
  rel: 'nobelPrize',
  href: `https://api.nobelprize.org/2/nobelPrize/${code}/${year}`,
});

const prize = (id: string, category: string, portion: string): LaureatePrizeView => ({
  id,
  categoryCode: id.slice(0, 3),
  awardYear: id.slice(-4),
  category: { en: category },
  categoryFullName: { en: `The Nobel Prize in ${category}` },
  prizeAmount: 1,
  prizeAmountAdjusted: 1,
  portion,
  sortOrder: '1',
  motivation: { en: `motivation of ${id}` },
  links: [link],
});

const warsaw = {
  city: { en: 'Warsaw', se: 'Warszawa ' },
  country: { en: 'Russian Empire' },
  cityNow: { en: 'Warsaw', sameAs: ['https://www.wikidata.org/wiki/Q270'], latitude: '52.230046' },
  countryNow: { en: 'Poland' },
  continent: { en: 'Europe' },
  locationString: { en: 'Warsaw, Russian Empire (now Poland)' },
};

/** Before the laureates source is read: the names and prizes the prize events give. */
const fromPrizes: LaureateView = {
  id: '6',
  kind: 'person',
  knownName: { en: 'Marie Curie' },
  updatedAt: '2024-06-10T00:00:00.000Z',
  prizes: [prize('phy-1903', 'Physics', '1/4'), prize('che-1911', 'Chemistry', '1')],
};

/** Once it is read (values from the 2024-06 snapshot, cut down). */
const curie: LaureateView = {
  ...fromPrizes,
  gender: 'female',
  birth: { date: '1867-11-07', place: warsaw },
  death: {
    date: '1934-07-04',
    place: { city: { en: 'Sallanches' }, country: { en: 'France' }, countryNow: { en: 'France' } },
  },
  wikipedia: { slug: 'Marie_Curie', english: 'https://en.wikipedia.org/wiki/Marie_Curie' },
  wikidata: { id: 'Q7186', url: 'https://www.wikidata.org/wiki/Q7186' },
  nobelPrizes: [
    {
      awardYear: '1903',
      category: { en: 'Physics' },
      categoryFullName: { en: 'The Nobel Prize in Physics' },
      sortOrder: '3',
      portion: '1/4',
      prizeStatus: 'received',
      prizeAmount: 1,
      prizeAmountAdjusted: 1,
      links: [prizeLink('phy', '1903')],
    },
    {
      awardYear: '1911',
      category: { en: 'Chemistry' },
      categoryFullName: { en: 'The Nobel Prize in Chemistry' },
      sortOrder: '1',
      portion: '1',
      prizeStatus: 'received',
      prizeAmount: 1,
      prizeAmountAdjusted: 1,
      affiliations: [
        {
          name: { en: 'Sorbonne University' },
          city: { en: 'Paris' },
          country: { en: 'France' },
          countryNow: { en: 'France' },
        },
      ],
      links: [prizeLink('che', '1911')],
    },
  ],
  fetchedAt: '2024-06-10T00:00:00.000Z',
  fetchRunId: 'run-1',
  contentHash: 'b'.repeat(64),
};

describe('places and happenings', () => {
  it('say the city and country then, and the country now when it changed', () => {
    expect(placeText(warsaw)).toBe('Warsaw, Russian Empire (now Poland)');
    expect(placeText({ city: { en: 'Paris' }, country: { en: 'France' } })).toBe('Paris, France');
    expect(
      placeText({
        city: { en: 'Breslau' },
        country: { en: 'Germany' },
        cityNow: { en: 'Wroclaw' },
        countryNow: { en: 'Poland' },
      }),
    ).toBe('Breslau, Germany (now Wroclaw, Poland)');
  });

  it('fall back to the location string, and to nothing', () => {
    expect(placeText({ locationString: { en: 'At sea' } })).toBe('At sea');
    expect(placeText({ cityNow: { en: 'Geneva' }, countryNow: { en: 'Switzerland' } })).toBe(
      'Geneva, Switzerland',
    );
    expect(placeText({})).toBeNull();
    expect(placeText(undefined)).toBeNull();
  });

  it('give the date as served, with the place when there is one', () => {
    expect(happeningText({ date: '1867-11-07', place: warsaw })).toBe(
      '1867-11-07 in Warsaw, Russian Empire (now Poland)',
    );
    expect(happeningText({ date: '1943-00-00' })).toBe('1943-00-00');
    expect(happeningText({ place: { country: { en: 'France' } } })).toBe('France');
    expect(happeningText({})).toBeNull();
    expect(happeningText(undefined)).toBeNull();
  });

  it('name an affiliation with its city and country', () => {
    expect(
      affiliationText({
        name: { en: 'Sorbonne University' },
        city: { en: 'Paris' },
        country: { en: 'France' },
      }),
    ).toBe('Sorbonne University, Paris, France');
    expect(affiliationText({ nativeName: 'Institut Pasteur' })).toBe('Institut Pasteur');
    expect(affiliationText({})).toBeNull();
  });
});

describe('the facts of a laureate', () => {
  it('list gender, birth, death and the Wikipedia and Wikidata pages', () => {
    expect(sourceFacts(curie)).toEqual([
      { label: 'Gender', text: 'female' },
      { label: 'Born', text: '1867-11-07 in Warsaw, Russian Empire (now Poland)' },
      { label: 'Died', text: '1934-07-04 in Sallanches, France' },
      {
        label: 'Wikipedia',
        text: 'Marie Curie',
        href: 'https://en.wikipedia.org/wiki/Marie_Curie',
      },
      { label: 'Wikidata', text: 'Q7186', href: 'https://www.wikidata.org/wiki/Q7186' },
    ]);
  });

  it("give an organisation's founding", () => {
    const redCross: LaureateView = {
      id: '482',
      kind: 'organization',
      orgName: { en: 'International Committee of the Red Cross' },
      founded: {
        date: '1863-00-00',
        place: { city: { en: 'Geneva' }, country: { en: 'Switzerland' } },
      },
      updatedAt: '2024-06-10T00:00:00.000Z',
      prizes: [],
    };
    expect(sourceFacts(redCross)).toEqual([
      { label: 'Founded', text: '1863-00-00 in Geneva, Switzerland' },
    ]);
  });

  it('link only to web pages', () => {
    const odd: LaureateView = {
      ...fromPrizes,
      wikipedia: { english: 'javascript:alert(1)' },
      wikidata: { url: 'https://www.wikidata.org/wiki/Q1' },
    };
    expect(sourceFacts(odd)).toEqual([
      {
        label: 'Wikidata',
        text: 'https://www.wikidata.org/wiki/Q1',
        href: 'https://www.wikidata.org/wiki/Q1',
      },
    ]);
  });

  it('are none for a laureate only known from prize events', () => {
    expect(sourceFacts(fromPrizes)).toEqual([]);
    expect(hasSourcePrizes(fromPrizes)).toBe(false);
  });
});

describe('the prizes of a laureate', () => {
  it('are the prize events, each with its status and affiliations', () => {
    expect(hasSourcePrizes(curie)).toBe(true);
    expect(prizeRows(curie)).toEqual([
      {
        key: 'phy-1903',
        id: 'phy-1903',
        awardYear: '1903',
        category: 'The Nobel Prize in Physics',
        portion: '1/4',
        motivation: { en: 'motivation of phy-1903' },
        status: 'received',
        affiliations: [],
      },
      {
        key: 'che-1911',
        id: 'che-1911',
        awardYear: '1911',
        category: 'The Nobel Prize in Chemistry',
        portion: '1',
        motivation: { en: 'motivation of che-1911' },
        status: 'received',
        affiliations: ['Sorbonne University, Paris, France'],
      },
    ]);
  });

  it('are the prize events alone before the laureates source is read', () => {
    expect(prizeRows(fromPrizes).map((r) => [r.id, r.status, r.affiliations])).toEqual([
      ['phy-1903', null, []],
      ['che-1911', null, []],
    ]);
  });

  it("keep the laureates source's prizes no prize event has given yet, in year order", () => {
    const early: LaureateView = { ...curie, prizes: [prize('che-1911', 'Chemistry', '1')] };
    expect(prizeRows(early).map((r) => [r.key, r.id, r.category, r.status])).toEqual([
      ['source 1903 The Nobel Prize in Physics', null, 'The Nobel Prize in Physics', 'received'],
      ['che-1911', 'che-1911', 'The Nobel Prize in Chemistry', 'received'],
    ]);
  });
});
