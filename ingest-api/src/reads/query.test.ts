import { BadRequestError, type ErrorDetail } from '../errors';
import { laureateQuery, parseQuery, prizeQuery } from './query';

/** The details of the 400 that parsing this query throws. */
function problems(query: Record<string, string | string[]>): readonly ErrorDetail[] {
  try {
    parseQuery(laureateQuery, query);
  } catch (error) {
    if (error instanceof BadRequestError) return error.details;
    throw error;
  }
  throw new Error(`${JSON.stringify(query)} was accepted`);
}

describe('the query of GET /laureates', () => {
  it('parses every filter, numbers as numbers, with the default page', () => {
    expect(
      parseQuery(laureateQuery, {
        gender: 'male',
        birthCountry: 'Germany',
        category: 'phy',
        year: '1901',
        yearTo: '1910',
        name: 'Röntgen',
      }),
    ).toEqual({
      gender: 'male',
      birthCountry: 'Germany',
      category: 'phy',
      year: 1901,
      yearTo: 1910,
      name: 'Röntgen',
      limit: 25,
      offset: 0,
    });
    expect(parseQuery(laureateQuery, {})).toEqual({ limit: 25, offset: 0 });
  });

  it.each([
    [{ gender: '' }, 'gender', 'expected some text'],
    [{ gender: 'x'.repeat(17) }, 'gender', 'expected at most 16 characters'],
    [{ birthCountry: '' }, 'birthCountry', 'expected some text'],
    [{ birthCountry: 'x'.repeat(256) }, 'birthCountry', 'expected at most 255 characters'],
    [{ name: 'x'.repeat(101) }, 'name', 'expected at most 100 characters'],
    [{ category: 'Physics' }, 'category', 'expected one of che, eco, lit, pea, phy, med'],
    [{ yearTo: '1950' }, 'yearTo', 'yearTo ends a range that year starts: give year too'],
    [{ year: '1950', yearTo: '1940' }, 'yearTo', 'expected yearTo ≥ year'],
    [{ year: '19O1' }, 'year', 'expected a whole number from 1000 to 9999'],
    [{ limit: '101' }, 'limit', 'expected a whole number from 1 to 100'],
    [{ offset: '-1' }, 'offset', 'expected a whole number from 0 to 1000000'],
    [{ laureate: 'curie' }, 'laureate', 'unknown query parameter'],
    [{ gender: ['male', 'female'] }, 'gender', 'given more than once'],
  ])('refuses %j, naming %s', (query, path, problem) => {
    expect(problems(query)).toEqual([{ path, problem }]);
  });

  it('takes the year rules of GET /prizes, with the same messages', () => {
    for (const query of [{ yearTo: '1950' }, { year: '1950', yearTo: '1940' }]) {
      const messageOf = (schema: typeof prizeQuery | typeof laureateQuery) => {
        try {
          parseQuery(schema, query);
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
        return 'accepted';
      };
      expect(messageOf(laureateQuery)).toBe(messageOf(prizeQuery));
    }
  });

  it('the lengths of the text filters are in characters, not bytes', () => {
    expect(parseQuery(laureateQuery, { name: 'é'.repeat(100) }).name).toHaveLength(100);
  });
});
