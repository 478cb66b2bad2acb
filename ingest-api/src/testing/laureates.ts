import type { LaureatePrizeView, LaureateView } from '@nobel-pipeline/schemas';

/**
 * Laureates as the reader answers them: one the laureates source has been read for (a record
 * cut from the 2024-06 snapshot's Marie Curie, with a field the contract does not model), and
 * one only known from a prize event.
 */

const apiLink = (path: string) => ({
  rel: path.startsWith('nobelPrize') ? 'nobelPrize' : 'laureate',
  href: `https://api.nobelprize.org/2/${path}`,
  action: 'GET',
  types: 'application/json',
});

const prizeOf = (id: string, awardYear: string, portion: string): LaureatePrizeView => ({
  id,
  categoryCode: id.slice(0, 3),
  awardYear,
  category: { en: id.startsWith('phy') ? 'Physics' : 'Chemistry' },
  categoryFullName: { en: `The Nobel Prize in ${id.startsWith('phy') ? 'Physics' : 'Chemistry'}` },
  prizeAmount: 150782,
  prizeAmountAdjusted: 10531894,
  portion,
  sortOrder: '1',
  links: [apiLink('laureate/6')],
});

const place = (city: string, country: string, countryNow = country) => ({
  city: { en: city },
  country: { en: country },
  cityNow: { en: city, sameAs: [`https://www.wikipedia.org/wiki/${city}`], latitude: '52.230046' },
  countryNow: { en: countryNow },
  continent: { en: 'Europe' },
  locationString: {
    en: country === countryNow ? `${city}, ${country}` : `${city}, ${country} (now ${countryNow})`,
  },
});

export const curie: LaureateView = {
  id: '6',
  knownName: { en: 'Marie Curie', se: 'Marie Curie' },
  givenName: { en: 'Marie' },
  familyName: { en: 'Curie' },
  fullName: { en: 'Marie Curie, née Skłodowska' },
  fileName: 'marie-curie',
  gender: 'female',
  birth: { date: '1867-11-07', place: place('Warsaw', 'Russian Empire', 'Poland') },
  death: { date: '1934-07-04', place: place('Sallanches', 'France') },
  wikipedia: { slug: 'Marie_Curie', english: 'https://en.wikipedia.org/wiki/Marie_Curie' },
  wikidata: { id: 'Q7186', url: 'https://www.wikidata.org/wiki/Q7186' },
  sameAs: ['https://www.wikidata.org/wiki/Q7186', 'https://en.wikipedia.org/wiki/Marie_Curie'],
  links: [apiLink('laureate/6')],
  nobelPrizes: [
    {
      awardYear: '1903',
      category: { en: 'Physics' },
      categoryFullName: { en: 'The Nobel Prize in Physics' },
      sortOrder: '3',
      portion: '1/4',
      dateAwarded: '1903-11-12',
      prizeStatus: 'received',
      motivation: { en: 'in recognition of the extraordinary services they have rendered' },
      prizeAmount: 141358,
      prizeAmountAdjusted: 7525924,
      links: [apiLink('nobelPrize/phy/1903')],
    },
    {
      awardYear: '1911',
      category: { en: 'Chemistry' },
      categoryFullName: { en: 'The Nobel Prize in Chemistry' },
      sortOrder: '1',
      portion: '1',
      prizeStatus: 'received',
      prizeAmount: 140695,
      prizeAmountAdjusted: 7130149,
      affiliations: [
        {
          name: { en: 'Sorbonne University' },
          nameNow: { en: 'Sorbonne University' },
          ...place('Paris', 'France'),
        },
      ],
      residences: [{ country: { en: 'France' }, locationString: { en: 'France' } }],
      links: [apiLink('nobelPrize/che/1911')],
    },
  ],
  notModelled: { kept: true },
  kind: 'person',
  prizes: [prizeOf('phy-1903', '1903', '1/4'), prizeOf('che-1911', '1911', '1')],
  fetchedAt: '2024-06-10T00:00:00.000Z',
  fetchRunId: 'run-1',
  contentHash: 'b'.repeat(64),
  updatedAt: '2024-06-10T00:00:01.000Z',
};

/** Before the laureates source is read: the names a prize event gives, and the prizes. */
export const knownFromPrizes: LaureateView = {
  id: '1',
  kind: 'person',
  knownName: { en: 'Wilhelm Conrad Röntgen' },
  fullName: { en: 'Wilhelm Conrad Röntgen' },
  updatedAt: '2026-01-01T00:00:00.000Z',
  prizes: [prizeOf('phy-1901', '1901', '1')],
};
