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
