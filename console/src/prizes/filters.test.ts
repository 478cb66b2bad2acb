import {
  filtersFromQuery,
  filtersToQuery,
  neighbourOffsets,
  NO_FILTERS,
  pageText,
  prizesApiPath,
} from './filters';

describe('filters and query strings', () => {
  it('reads the filters from a query', () => {
    const query = new URLSearchParams(
      'category=phy&year=1901&yearTo=1910&laureate=%20curie&offset=25',
    );
    expect(filtersFromQuery(query)).toEqual({
      category: 'phy',
      year: '1901',
      yearTo: '1910',
      laureate: 'curie',
      offset: 25,
    });
  });

  it('reads no filters from an empty query, and offset 0 from a bad one', () => {
    expect(filtersFromQuery(new URLSearchParams(''))).toEqual(NO_FILTERS);
    expect(filtersFromQuery(new URLSearchParams('offset=-3')).offset).toBe(0);
    expect(filtersFromQuery(new URLSearchParams('offset=abc')).offset).toBe(0);
  });

  it('writes only the filters that are set', () => {
    const filters = { ...NO_FILTERS, category: 'phy', year: '1901', yearTo: '1910' };
    expect(filtersToQuery(filters).toString()).toBe('category=phy&year=1901&yearTo=1910');
    expect(filtersToQuery(NO_FILTERS).toString()).toBe('');
  });

  it('round-trips', () => {
    const filters = {
      category: 'med',
      year: '1950',
      yearTo: '',
      laureate: 'marie & pierre',
      offset: 50,
    };
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
  });

  it("builds the API's path with a page's limit and offset", () => {
    expect(prizesApiPath({ ...NO_FILTERS, category: 'phy', offset: 25 })).toBe(
      '/prizes?category=phy&limit=25&offset=25',
    );
  });
});

describe('paging', () => {
  it('describes the page shown', () => {
    expect(pageText(0, 25, 670)).toBe('1–25 of 670');
    expect(pageText(650, 20, 670)).toBe('651–670 of 670');
    expect(pageText(0, 0, 0)).toBe('0 of 0');
  });

  it('finds the neighbouring pages', () => {
    expect(neighbourOffsets(0, 670)).toEqual({ previous: null, next: 25 });
    expect(neighbourOffsets(25, 670)).toEqual({ previous: 0, next: 50 });
    expect(neighbourOffsets(650, 670)).toEqual({ previous: 625, next: null });
    expect(neighbourOffsets(10, 20)).toEqual({ previous: 0, next: null });
  });
});
