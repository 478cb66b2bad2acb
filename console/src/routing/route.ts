import { filtersFromQuery, filtersToQuery, type PrizeFilters } from '../prizes/filters';

/** What the data section shows; the hash says which, so a view can be linked and reloaded. */
export type Route =
  | { view: 'prizes'; filters: PrizeFilters }
  | { view: 'prize'; id: string }
  | { view: 'laureate'; id: string }
  | { view: 'not-found'; hash: string };

/** A path segment as written in the hash, or null when it is not valid percent-encoding. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The route of a location hash: `#/`, `#/prizes?…`, `#/prizes/phy-1903`, `#/laureates/6`. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));
  const segments = path.split('/').filter((s) => s !== '');
  const [first, second, ...rest] = segments;
  if (first === undefined || (first === 'prizes' && second === undefined))
    return { view: 'prizes', filters: filtersFromQuery(query) };
  const id = second === undefined ? null : decodeSegment(second);
  if (id !== null && id !== '' && rest.length === 0) {
    if (first === 'prizes') return { view: 'prize', id };
    if (first === 'laureates') return { view: 'laureate', id };
  }
  return { view: 'not-found', hash };
}

/** The hash of the prize list with these filters. */
export function prizesHash(filters: PrizeFilters): string {
  const query = filtersToQuery(filters).toString();
  return query === '' ? '#/prizes' : `#/prizes?${query}`;
}

export function prizeHash(id: string): string {
  return `#/prizes/${encodeURIComponent(id)}`;
}

export function laureateHash(id: string): string {
  return `#/laureates/${encodeURIComponent(id)}`;
}
