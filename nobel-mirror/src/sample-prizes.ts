/**
 * Small hand-written source records in the shape of the Nobel Prize API v2.1 (values made
 * up), for tests that do not need the real snapshot.
 */

const link = (path: string) => ({
  rel: path.startsWith('nobelPrize') ? 'nobelPrize' : 'laureate',
  href: `https://api.nobelprize.org/2/${path}`,
  action: 'GET',
  types: 'application/json',
});

export function samplePrize(
  code: string,
  year: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    awardYear: String(year),
    category: { en: `Category ${code}`, no: `Kategori ${code}`, se: `Kategori ${code}` },
    categoryFullName: {
      en: `The Prize in ${code}`,
      no: `Prisen i ${code}`,
      se: `Priset i ${code}`,
    },
    dateAwarded: `${year}-11-12`,
    prizeAmount: 150000 + year,
    prizeAmountAdjusted: 9000000 + year,
    links: [link(`nobelPrize/${code}/${year}`)],
    laureates: [
      {
        id: String(year),
        knownName: { en: `Laureate ${year} ` },
        fullName: { en: `Laureate Number ${year}` },
        portion: '1',
        sortOrder: '1',
        motivation: { en: `for <i>work</i> in ${year}`, se: 'för arbete' },
        links: [link(`laureate/${year}`)],
      },
    ],
    ...extra,
  };
}

/** An organisation sharing a prize, and a year without an award. */
export const specialSamplePrizes: Record<string, unknown>[] = [
  {
    awardYear: '1917',
    category: { en: 'Peace', no: 'Fred', se: 'Fred' },
    categoryFullName: {
      en: 'The Nobel Peace Prize',
      no: 'Nobels fredspris',
      se: 'Nobels fredspris',
    },
    dateAwarded: '1917-12-10',
    prizeAmount: 133823,
    prizeAmountAdjusted: 2000000,
    links: [link('nobelPrize/pea/1917')],
    laureates: [
      {
        id: '482',
        orgName: { en: 'An Organisation', no: 'En organisasjon' },
        acronym: 'AO',
        nativeName: 'Une Organisation',
        portion: '1/2',
        sortOrder: '1',
        motivation: { en: 'for its work', no: 'for sitt arbeid\u00a0' },
        links: [link('laureate/482')],
      },
      {
        id: '999',
        knownName: { en: ' A Person', no: 'En person' },
        fullName: { en: 'A Person ' },
        portion: '1/2',
        sortOrder: '2',
        motivation: { en: 'for &eacute;tudes' },
        links: [link('laureate/999')],
      },
    ],
  },
  {
    awardYear: '1918',
    category: { en: 'Peace', no: 'Fred', se: 'Fred' },
    categoryFullName: {
      en: 'The Nobel Peace Prize',
      no: 'Nobels fredspris',
      se: 'Nobels fredspris',
    },
    topMotivation: { en: 'No Nobel Prize was awarded this year.' },
    prizeAmount: 133823,
    prizeAmountAdjusted: 2000000,
    links: [link('nobelPrize/pea/1918')],
  },
];

/** n ordinary prizes plus the special ones. */
export function samplePrizes(n: number): Record<string, unknown>[] {
  return [
    ...Array.from({ length: n }, (_, i) => samplePrize('phy', 1901 + i)),
    ...specialSamplePrizes,
  ];
}
