/**
 * Values the console shares with schemas. The bundle may import only types from
 * @nobel-pipeline/schemas (its index pulls zod and Avro in), so these are written again here;
 * mirrored.test.ts compares them with schemas' own, so they cannot silently drift apart.
 */

/** schemas/src/commands.ts INTERVAL_SECONDS: the bounds of START's intervalSeconds. */
export const INTERVAL_SECONDS = { min: 60, max: 86_400 } as const;

/** schemas/src/categories.ts CATEGORY_CODES, each with the name the Nobel API gives it. */
export const CATEGORIES = [
  { code: 'che', name: 'Chemistry' },
  { code: 'eco', name: 'Economic Sciences' },
  { code: 'lit', name: 'Literature' },
  { code: 'pea', name: 'Peace' },
  { code: 'phy', name: 'Physics' },
  { code: 'med', name: 'Physiology or Medicine' },
] as const;

/** schemas/src/http-api/views.ts READ_LIMITS.defaultLimit: a page of prizes. */
export const PRIZES_PER_PAGE = 25;

/** schemas/src/prize-id.ts prizeLinkOf(links)?.id: the prize a record's `nobelPrize` link names. */
export function prizeIdOfLinks(
  links: readonly { rel?: unknown; href?: unknown }[],
): string | undefined {
  for (const link of links) {
    if (link.rel !== 'nobelPrize' || typeof link.href !== 'string') continue;
    const match = /\/nobelPrize\/([a-z]+)\/(\d+)$/.exec(link.href);
    if (match !== null) return `${match[1] ?? ''}-${match[2] ?? ''}`;
  }
  return undefined;
}
