import type { NobelPrize, PrizeLaureate } from '@nobel-pipeline/schemas';

/**
 * Synthetic prize events shaped like the real ones: one to three laureates per prize (in the
 * real data's proportions), multilingual names and motivations, a link each. Keys are all
 * distinct (`<code>-<year>` with made-up category codes), laureates mostly distinct.
 */

function letters(n: number): string {
  let out = '';
  let value = n;
  do {
    out = String.fromCharCode(97 + (value % 26)) + out;
    value = Math.floor(value / 26);
  } while (value > 0);
  return out;
}

/** A small deterministic generator in [0, 1), so that runs are comparable. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const link = (href: string) => ({
  rel: 'laureate',
  href,
  action: 'GET',
  types: 'application/json',
  title: null,
  class: null,
  otherFields: null,
});

export function syntheticPrize(
  index: number,
  fetchedAt: number,
  next: () => number,
  runId = 'synthetic',
): NobelPrize {
  const code = `x${letters(Math.floor(index / 9000))}`;
  const year = String(1000 + (index % 9000));
  const draw = next();
  const count = draw < 0.36 ? 1 : draw < 0.69 ? 2 : 3;
  const portions = count === 1 ? ['1'] : count === 2 ? ['1/2', '1/2'] : ['1/2', '1/4', '1/4'];
  const laureates: PrizeLaureate[] = portions.map((portion, j) => {
    const id = String(index * 3 + j + 100_000);
    return {
      id,
      knownName: { en: `Laureate ${id}`, no: `Prisvinner ${id}` },
      fullName: { en: `Laureate Number ${id} Example` },
      orgName: null,
      acronym: null,
      nativeName: null,
      portion,
      sortOrder: String(j + 1),
      motivation: {
        en: `for the discovery number ${id} in ${code}, described at some length as real motivations are`,
        se: `för upptäckt nummer ${id}`,
      },
      links: [link(`https://api.nobelprize.org/2/laureate/${id}`)],
      otherFields: null,
    };
  });
  return {
    id: `${code}-${year}`,
    categoryCode: code,
    awardYear: year,
    category: { en: `Category ${code}`, no: `Kategori ${code}`, se: `Kategori ${code}` },
    categoryFullName: {
      en: `The Prize in ${code}`,
      no: `Prisen i ${code}`,
      se: `Priset i ${code}`,
    },
    dateAwarded: `${year}-12-10`,
    topMotivation: null,
    prizeAmount: 100_000 + index,
    prizeAmountAdjusted: 9_000_000 + index,
    links: [
      { ...link(`https://api.nobelprize.org/2/nobelPrize/${code}/${year}`), rel: 'nobelPrize' },
    ],
    laureates,
    otherFields: null,
    fetchedAt,
    fetchRunId: runId,
    contentHash: index.toString(16).padStart(64, '0'),
  };
}

export function syntheticPrizes(
  n: number,
  options: { seed?: number; fetchedAt?: number; offset?: number } = {},
): NobelPrize[] {
  const next = seededRandom(options.seed ?? 1);
  const fetchedAt = options.fetchedAt ?? Date.UTC(2026, 0, 1);
  return Array.from({ length: n }, (_, i) =>
    syntheticPrize((options.offset ?? 0) + i, fetchedAt, next),
  );
}
