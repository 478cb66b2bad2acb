import type { ServerResponse } from 'node:http';
import { json } from './respond';
import type { Endpoint } from './snapshot';

/**
 * A page of records in the real API's envelope: `{<records>, meta {offset, limit, count,
 * terms, license, disclaimer}, links {first, self, next, last}}`, with `next` left out on the
 * last page and `last = floor(count / limit) · limit` (so that, as observed, `next` and `last`
 * point one page past the end when count is a multiple of limit), and an empty page past the
 * end.
 */

const TERMS =
  'https://www.nobelprize.org/about/terms-of-use-for-api-nobelprize-org-and-data-nobelprize-org/';
export const DEFAULT_LIMIT = 25;

export interface PageRequest {
  endpoint: Endpoint;
  /** The endpoint's records; undefined when the mirror does not serve it. */
  records: readonly unknown[] | undefined;
  /** The request's URL, for `offset` and `limit`. */
  url: URL;
  /** The base URL written into `links`. */
  baseUrl: string;
  /** An `endless` fault: claim this count and serve the records over and over. */
  endless?: number;
}

export function servePage(res: ServerResponse, request: PageRequest): void {
  const { endpoint, records, url, baseUrl, endless } = request;
  if (records === undefined)
    return json(res, 404, { code: 404, message: `${endpoint} is not served by this mirror` });
  const offset = Number(url.searchParams.get('offset') ?? '0');
  const limit = Number(url.searchParams.get('limit') ?? String(DEFAULT_LIMIT));
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
    return json(res, 400, {
      code: 400,
      message: 'offset must be an integer ≥ 0 and limit an integer ≥ 1',
    });
  }
  const count = endless ?? records.length;
  const last = Math.floor(count / limit) * limit;
  const link = (at: number) => `${baseUrl}/${endpoint}?offset=${at}&limit=${limit}`;
  const links: Record<string, string> = { first: link(0), self: link(offset) };
  if (offset + limit <= last) links.next = link(offset + limit);
  links.last = link(last);
  json(res, 200, {
    [endpoint]:
      endless === undefined
        ? records.slice(offset, offset + limit)
        : Array.from(
            { length: Math.max(0, Math.min(limit, count - offset)) },
            (_, i) => records[(offset + i) % records.length],
          ),
    meta: {
      offset,
      limit,
      count,
      terms: TERMS,
      license: `${TERMS}#licence`,
      disclaimer: `${TERMS}#disclaimer`,
    },
    links,
  });
}
