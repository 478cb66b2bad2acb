/**
 * Small hand-written records of /2.1/laureates (values made up), for tests that do not need the
 * real snapshot: laureate `year` won the Physics prize of that year, as in samplePrizes.
 */

const link = (path: string) => ({
  rel: path.startsWith('nobelPrize') ? 'nobelPrize' : 'laureate',
  href: `https://api.nobelprize.org/2/${path}`,
  action: 'GET',
  types: 'application/json',
});

export function sampleLaureate(
  year: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: String(year),
    knownName: { en: `Laureate ${year} ` },
    fullName: { en: `Laureate Number ${year}` },
    gender: 'female',
    birth: { date: `${year - 40}-01-01`, place: { city: { en: 'Uppsala' } } },
    links: [link(`laureate/${year}`)],
    nobelPrizes: [
      {
        awardYear: String(year),
        category: { en: 'Category phy' },
        categoryFullName: { en: 'The Prize in phy' },
        sortOrder: '1',
        portion: '1',
        motivation: { en: `for <i>work</i> in ${year}` },
        prizeAmount: 150000 + year,
        prizeAmountAdjusted: 9000000 + year,
        links: [link(`nobelPrize/phy/${year}`)],
      },
    ],
    ...extra,
  };
}

/** The laureates of samplePrizes(n)'s ordinary prizes: ids 1901, 1902, … */
export function sampleLaureates(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => sampleLaureate(1901 + i));
}
