import { NO_FILTERS } from '../prizes/filters';
import { laureateHash, parseHash, prizeHash, prizesHash } from './route';

describe('parseHash', () => {
  it('shows the prize list by default', () => {
    for (const hash of ['', '#', '#/', '#/prizes', '#/prizes/'])
      expect(parseHash(hash)).toEqual({ view: 'prizes', filters: NO_FILTERS });
  });

  it("reads the list's filters from the hash's query", () => {
    expect(parseHash('#/prizes?category=phy&year=1901&yearTo=1910')).toEqual({
      view: 'prizes',
      filters: { ...NO_FILTERS, category: 'phy', year: '1901', yearTo: '1910' },
    });
  });

  it('reads a prize and a laureate', () => {
    expect(parseHash('#/prizes/phy-1903')).toEqual({ view: 'prize', id: 'phy-1903' });
    expect(parseHash('#/laureates/6')).toEqual({ view: 'laureate', id: '6' });
  });

  it('says what it does not know', () => {
    for (const hash of ['#/nope', '#/prizes/a/b', '#/laureates', '#/laureates/%E0%A4%A'])
      expect(parseHash(hash)).toEqual({ view: 'not-found', hash });
  });
});

describe('hashes', () => {
  it('round-trip through parseHash', () => {
    const filters = { ...NO_FILTERS, laureate: 'curie', offset: 25 };
    expect(parseHash(prizesHash(filters))).toEqual({ view: 'prizes', filters });
    expect(prizesHash(NO_FILTERS)).toBe('#/prizes');
    expect(parseHash(prizeHash('a b/c'))).toEqual({ view: 'prize', id: 'a b/c' });
    expect(parseHash(laureateHash('6'))).toEqual({ view: 'laureate', id: '6' });
  });
});
