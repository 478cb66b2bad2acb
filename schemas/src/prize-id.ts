/**
 * A prize's identity: `<category code>-<award year>` (`phy-1901`), the Kafka key of its
 * events and the primary key of its row. The API has no id field: the code and year come from
 * the prize's own `nobelPrize` link, `…/nobelPrize/<code>/<year>`. One definition for the
 * fetcher (which derives it), the sink (which checks it) and the mirror (which finds records).
 */
const PRIZE_HREF = /\/nobelPrize\/([a-z]+)\/(\d+)$/;

export function prizeId(categoryCode: string, awardYear: string): string {
  return `${categoryCode}-${awardYear}`;
}

/** The code and year a prize link names, or undefined when it names none. */
export function prizeLinkTarget(
  href: string,
): { categoryCode: string; awardYear: string; id: string } | undefined {
  const match = PRIZE_HREF.exec(href);
  if (match === null) return undefined;
  const [, categoryCode = '', awardYear = ''] = match;
  return { categoryCode, awardYear, id: prizeId(categoryCode, awardYear) };
}

/**
 * What a prize's own link names — the first `nobelPrize` link of the form
 * `…/nobelPrize/<code>/<year>` — or undefined when it has none. The fetcher derives the id from
 * it, and the mirror finds records by it.
 */
export function prizeLinkOf(
  links: readonly { rel?: unknown; href?: unknown }[],
): { categoryCode: string; awardYear: string; id: string } | undefined {
  for (const link of links) {
    if (link.rel !== 'nobelPrize' || typeof link.href !== 'string') continue;
    const target = prizeLinkTarget(link.href);
    if (target !== undefined) return target;
  }
  return undefined;
}
