import { PRIZES_PER_PAGE } from '../contract/mirrored';

/**
 * The prize list's filters as the inputs hold them: text, passed to the API as typed, so that
 * the API's own validation (400 with details) is the one that judges them.
 */
export interface PrizeFilters {
  category: string;
  year: string;
  yearTo: string;
  laureate: string;
  offset: number;
}

export const NO_FILTERS: PrizeFilters = {
  category: '',
  year: '',
  yearTo: '',
  laureate: '',
  offset: 0,
};

const TEXT_KEYS = ['category', 'year', 'yearTo', 'laureate'] as const;

/** A non-negative whole number, or 0 for anything else (a hand-edited link). */
function offsetOf(text: string | null): number {
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** The filters a query string names (from the hash: `category=phy&year=1901`). */
export function filtersFromQuery(query: URLSearchParams): PrizeFilters {
  const filters = { ...NO_FILTERS, offset: offsetOf(query.get('offset')) };
  for (const key of TEXT_KEYS) filters[key] = (query.get(key) ?? '').trim();
  return filters;
}

/** The query string of the filters, without the empty ones and without offset 0. */
export function filtersToQuery(filters: PrizeFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of TEXT_KEYS) {
    const value = filters[key].trim();
    if (value !== '') query.set(key, value);
  }
  if (filters.offset > 0) query.set('offset', String(filters.offset));
  return query;
}

/** GET /prizes with the filters, a page's limit and its offset. */
export function prizesApiPath(filters: PrizeFilters): string {
  const query = filtersToQuery({ ...filters, offset: 0 });
  query.set('limit', String(PRIZES_PER_PAGE));
  query.set('offset', String(filters.offset));
  return `/prizes?${query.toString()}`;
}

/** "1–25 of 670", "0 of 0". */
export function pageText(offset: number, shown: number, total: number): string {
  if (shown === 0) return `0 of ${total}`;
  return `${offset + 1}–${offset + shown} of ${total}`;
}

/** The offsets of the previous and next pages, null where there is none. */
export function neighbourOffsets(
  offset: number,
  total: number,
): { previous: number | null; next: number | null } {
  return {
    previous: offset > 0 ? Math.max(0, offset - PRIZES_PER_PAGE) : null,
    next: offset + PRIZES_PER_PAGE < total ? offset + PRIZES_PER_PAGE : null,
  };
}
