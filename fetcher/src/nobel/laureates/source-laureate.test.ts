import { formatPath } from '../source';
import { laureatesPage, sourceLaureateRecord } from './source-laureate';

/** A made-up person in the shape of /2.1/laureates (values invented). */
function person(): Record<string, unknown> {
  return {
    id: '9001',
    knownName: { en: 'A Person', se: 'A Person' },
    fileName: 'person',
    gender: 'female',
    birth: {
      date: '1943-00-00',
      place: {
        city: { en: 'Town', no: 'By', se: 'Stad' },
        country: { en: 'Land', sameAs: 'https://www.wikidata.org/wiki/Q1' },
        cityNow: { en: 'Town', sameAs: ['https://x/1'], latitude: null, longitude: null },
        locationString: { en: 'Town, Land' },
      },
    },
    sameAs: ['https://www.wikidata.org/wiki/Q9001'],
    links: [{ rel: 'laureate', href: 'https://api.nobelprize.org/2/laureate/9001' }],
    nobelPrizes: [
      {
        awardYear: '1999',
        category: { en: 'Physics' },
        categoryFullName: { en: 'The Nobel Prize in Physics' },
        sortOrder: '1',
        portion: '1/2',
        prizeAmount: 7900000,
        prizeAmountAdjusted: 12000000,
        affiliations: [{ name: { en: 'An Institute' }, locationString: { en: 'Town' } }],
        links: [{ rel: 'nobelPrize', href: 'https://api.nobelprize.org/2/nobelPrize/phy/1999' }],
      },
    ],
  };
}

/** An organisation: founded, no gender, a founding place with only its locationString. */
function organisation(): Record<string, unknown> {
  return {
    id: '9002',
    orgName: { en: 'An Organisation' },
    founded: { date: '1863-00-00', place: { locationString: { en: 'Geneva' } } },
    links: [],
    nobelPrizes: [],
  };
}

/** What the fetcher reports for a page's record: `laureates[i].<path>: <message>`, or nothing. */
function problemOf(body: unknown): string | undefined {
  const page = laureatesPage.safeParse(body);
  if (!page.success) {
    const issue = page.error.issues[0];
    return `${formatPath(issue?.path ?? []) || '(body)'}: ${issue?.message ?? 'invalid'}`;
  }
  for (const [index, raw] of page.data.laureates.entries()) {
    const checked = sourceLaureateRecord.safeParse(raw);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return `${formatPath(['laureates', index, ...(issue?.path ?? [])])}: ${issue?.message ?? 'invalid'}`;
    }
  }
  return undefined;
}

const pageOf = (...laureates: unknown[]) => ({
  laureates,
  meta: { offset: 0, limit: 25, count: laureates.length },
  links: { first: 'x', self: 'x', last: 'x' },
});

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

describe('sourceLaureateRecord', () => {
  it('accepts what the real data has', () => {
    expect(problemOf(pageOf(person(), organisation()))).toBeUndefined();
    const parsed = sourceLaureateRecord.parse(person());
    expect(parsed.birth?.date).toBe('1943-00-00');
    expect(parsed.birth?.place?.cityNow?.latitude).toBeNull();
    expect(parsed.birth?.place?.country?.sameAs).toBe('https://www.wikidata.org/wiki/Q1');
  });

  it('keeps the fields it does not know', () => {
    const raw = changed((r) => {
      r.foundedCountry = { en: 'Land' };
      at(r, 'birth', 'place').region = { en: 'North' };
    });
    const parsed = sourceLaureateRecord.parse(raw);
    expect(parsed.foundedCountry).toEqual({ en: 'Land' });
    expect(parsed.birth?.place?.region).toEqual({ en: 'North' });
  });

  it.each([
    [
      'a prize amount as text',
      (r: Record<string, unknown>) => (at(r, 'nobelPrizes', 0).prizeAmount = '7900000'),
      'laureates[0].nobelPrizes[0].prizeAmount: expected a number',
    ],
    [
      'a fractional prize amount',
      (r: Record<string, unknown>) => (at(r, 'nobelPrizes', 0).prizeAmountAdjusted = 1.5),
      'laureates[0].nobelPrizes[0].prizeAmountAdjusted: expected a whole number',
    ],
    [
      'an award year as a number',
      (r: Record<string, unknown>) => (at(r, 'nobelPrizes', 0).awardYear = 1999),
      'laureates[0].nobelPrizes[0].awardYear: expected a string',
    ],
    [
      'a latitude as a number',
      (r: Record<string, unknown>) => (at(r, 'birth', 'place', 'cityNow').latitude = 40.8),
      'laureates[0].birth.place.cityNow.latitude: expected a string or null',
    ],
    [
      'sameAs as a number',
      (r: Record<string, unknown>) => (at(r, 'birth', 'place', 'country').sameAs = 1),
      'laureates[0].birth.place.country.sameAs: expected a URL or an array of URLs',
    ],
    [
      'a place that is text',
      (r: Record<string, unknown>) => (at(r, 'birth').place = 'Town'),
      'laureates[0].birth.place: expected an object',
    ],
    [
      'an affiliation name that is text',
      (r: Record<string, unknown>) =>
        (at(r, 'nobelPrizes', 0, 'affiliations', 0).name = 'An Institute'),
      'laureates[0].nobelPrizes[0].affiliations[0].name: expected an object',
    ],
    [
      'affiliations that are not a list',
      (r: Record<string, unknown>) => (at(r, 'nobelPrizes', 0).affiliations = {}),
      'laureates[0].nobelPrizes[0].affiliations: expected an array of affiliations',
    ],
    [
      'a name that is not text',
      (r: Record<string, unknown>) => (at(r, 'knownName').en = 1),
      'laureates[0].knownName.en: expected a string',
    ],
    [
      'a link without its href',
      (r: Record<string, unknown>) => delete at(r, 'links', 0).href,
      'laureates[0].links[0].href: expected a string',
    ],
    ['no id', (r: Record<string, unknown>) => delete r.id, 'laureates[0].id: expected a string'],
    [
      'no prizes',
      (r: Record<string, unknown>) => delete r.nobelPrizes,
      'laureates[0].nobelPrizes: expected an array of prizes',
    ],
  ])('refuses %s, naming the field', (_what, edit, message) => {
    expect(problemOf(pageOf(changed(edit)))).toBe(message);
  });

  it('names the record in its page', () => {
    const bad = changed((r) => (r.gender = null));
    expect(problemOf(pageOf(organisation(), bad))).toBe('laureates[1].gender: expected a string');
  });
});

describe('laureatesPage', () => {
  it('is the laureates, meta and links of a page', () => {
    expect(problemOf({ laureates: [], meta: { offset: 0, limit: 25, count: 0 } })).toBeUndefined();
    expect(problemOf({ nobelPrizes: [], meta: { offset: 0, limit: 25, count: 0 } })).toBe(
      'laureates: expected an array',
    );
    expect(problemOf({ laureates: [], meta: { offset: 0, limit: 25, count: -1 } })).toBe(
      'meta.count: expected a count of at least 0',
    );
    expect(problemOf({ laureates: [], meta: 'x' })).toBe('meta: expected an object');
  });
});
