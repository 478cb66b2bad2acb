import type { FetchRun, NobelPrize, PrizeLaureate } from '@nobel-pipeline/schemas';

/** Hand-written events for the database tests (values made up, shapes as the real ones). */

const link = (href: string) => ({
  rel: 'nobelPrize',
  href,
  action: 'GET',
  types: 'application/json',
  title: null,
  class: null,
  otherFields: null,
});

export function laureate(id: string, name: string, sortOrder = '1', portion = '1'): PrizeLaureate {
  return {
    id,
    knownName: { en: name },
    fullName: { en: `${name} Full` },
    orgName: null,
    acronym: null,
    nativeName: null,
    portion,
    sortOrder,
    motivation: { en: `for ${name}'s work`, se: `för ${name}` },
    links: [link(`https://api.nobelprize.org/2/laureate/${id}`)],
    otherFields: null,
  };
}

export function prizeEvent(
  code: string,
  year: number,
  laureates: PrizeLaureate[] | null,
  fetchedAt = 1_767_225_600_000,
): NobelPrize {
  return {
    id: `${code}-${year}`,
    categoryCode: code,
    awardYear: String(year),
    category: { en: `Category ${code}`, no: `Kategori ${code}`, se: `Kategori ${code}` },
    categoryFullName: {
      en: `The Prize in ${code}`,
      no: `Prisen i ${code}`,
      se: `Priset i ${code}`,
    },
    dateAwarded: `${year}-12-10`,
    topMotivation: null,
    prizeAmount: 100_000 + year,
    prizeAmountAdjusted: 9_000_000 + year,
    links: [link(`https://api.nobelprize.org/2/nobelPrize/${code}/${year}`)],
    laureates,
    otherFields: null,
    fetchedAt,
    fetchRunId: 'run-1',
    contentHash: String(year).padStart(64, '0'),
  };
}

export function fetchRun(runId: string, startedAt = 1_767_225_600_000): FetchRun {
  return {
    runId,
    trigger: 'START',
    startedAt,
    finishedAt: startedAt + 1000,
    outcome: 'SUCCEEDED',
    pages: 27,
    prizesSeen: 670,
    prizesChanged: 670,
    prizesMissing: 0,
    sources: [{ source: 'nobelPrizes', pages: 27, seen: 670, changed: 670, missing: 0 }],
    error: null,
  };
}
