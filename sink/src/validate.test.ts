import type { NobelLaureate, NobelPrize } from '@nobel-pipeline/schemas';
import { parseAsServed, sourceLaureateRecord, toNobelLaureate } from '@nobel-pipeline/fetcher';
import { sampleLaureate } from '@nobel-pipeline/nobel-mirror';
import { syntheticPrizes } from '@nobel-pipeline/test-utils';
import { InvalidRecordError } from './errors';
import { validateLaureate, validatePrize, validateRun } from './validate';

const RECEIVED_AT = new Date(Date.UTC(2026, 10, 29, 12, 0, 0));
const prize = (): NobelPrize => structuredClone(syntheticPrizes(1)[0] as NobelPrize);
const firstLaureate = (p: NobelPrize) => {
  const laureate = p.laureates?.[0];
  if (laureate === undefined) throw new Error('the fixture has a laureate');
  return laureate;
};

function problem(event: NobelPrize, key: string | undefined = event.id): string | undefined {
  try {
    validatePrize(event, key, RECEIVED_AT);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRecordError);
    return (error as Error).message;
  }
}

describe('validatePrize', () => {
  it('accepts a well-formed prize', () => {
    expect(problem(prize())).toBeUndefined();
  });

  it.each<[string, (p: NobelPrize) => void, string | undefined, RegExp]>([
    [
      'a key that is not the id',
      () => undefined,
      'other',
      /^id: the record's key \(other\) is not its id/,
    ],
    [
      'a year that is not four digits',
      (p) => (p.awardYear = '19x1'),
      undefined,
      /^awardYear: expected four digits/,
    ],
    [
      'an id that is not code-year',
      (p) => (p.id = 'xa-1001'),
      'xa-1001',
      /^id: expected xa-1000, got xa-1001/,
    ],
    [
      'a bad content hash',
      (p) => (p.contentHash = 'zz'),
      undefined,
      /^contentHash: expected 64 hex digits/,
    ],
    [
      'a negative amount',
      (p) => (p.prizeAmount = -1),
      undefined,
      /^prizeAmount: expected a whole number/,
    ],
    [
      'a name too long for its column',
      (p) => (p.category.en = 'x'.repeat(256)),
      undefined,
      /^category\.en: longer than 255 characters/,
    ],
    [
      'a laureate twice',
      (p) => p.laureates?.push(structuredClone(firstLaureate(p))),
      undefined,
      /appears twice in the prize/,
    ],
    [
      'a sort order that is not a number',
      (p) => (firstLaureate(p).sortOrder = 'first'),
      undefined,
      /sortOrder: expected up to four digits/,
    ],
    [
      'a motivation over 64 KiB',
      (p) => (firstLaureate(p).motivation = { en: 'é'.repeat(40_000) }),
      undefined,
      /motivation\.en: longer than 65535 bytes/,
    ],
    [
      'otherFields that are not JSON',
      (p) => (p.otherFields = '{nope'),
      undefined,
      /^otherFields: expected the JSON text of an object/,
    ],
    [
      'otherFields that rewrite modelled fields',
      (p) => (p.otherFields = '{"awardYear":"1066","id":"x"}'),
      undefined,
      /^otherFields: holds fields the contract models itself: awardYear, id/,
    ],
    [
      "a laureate's otherFields that are an array",
      (p) => (firstLaureate(p).otherFields = '[1]'),
      undefined,
      /^laureates\[0\]\.otherFields: expected the JSON text of an object, got an array/,
    ],
    [
      "a link's otherFields that name href",
      (p) => {
        const [link] = p.links;
        if (link !== undefined) link.otherFields = '{"href":"https://evil.example"}';
      },
      undefined,
      /^links\[0\]\.otherFields: holds fields the contract models itself: href/,
    ],
    [
      'a fetchedAt in year 11476',
      (p) => (p.fetchedAt = Date.UTC(11476, 7, 15)),
      undefined,
      /^fetchedAt: expected a time from year 1000 to 9999/,
    ],
    [
      'a fetchedAt that is not a time',
      (p) => (p.fetchedAt = Number.NaN),
      undefined,
      /^fetchedAt: expected a time/,
    ],
    [
      'a fetchedAt an hour after the sink received it',
      (p) => (p.fetchedAt = RECEIVED_AT.getTime() + 3_600_000),
      undefined,
      /^fetchedAt: 2026-11-29T13:00:00.000Z is after the time the sink received it/,
    ],
  ])('refuses %s', (_name, change, key, message) => {
    const p = prize();
    change(p);
    expect(problem(p, key ?? p.id)).toMatch(message);
  });
});

describe('validateRun', () => {
  const run = {
    runId: 'r',
    trigger: 'START' as const,
    startedAt: 1,
    finishedAt: 2,
    outcome: 'SUCCEEDED' as const,
    pages: 1,
    prizesSeen: 1,
    prizesChanged: 1,
    prizesMissing: 0,
    sources: [],
    error: null,
  };
  it('accepts a run keyed by its id and refuses one that is not', () => {
    expect(() => validateRun(run, 'r')).not.toThrow();
    expect(() => validateRun(run, 'x')).toThrow(/runId: the record's key \(x\) is not its runId/);
    expect(() => validateRun({ ...run, pages: -1 }, 'r')).toThrow(/pages: expected 0 to/);
    expect(() => validateRun({ ...run, finishedAt: Date.UTC(11476, 0, 1) }, 'r')).toThrow(
      /finishedAt: expected a time from year 1000 to 9999/,
    );
    expect(() => validateRun({ ...run, startedAt: 5, finishedAt: 4 }, 'r')).toThrow(
      /finishedAt: expected a time at or after startedAt/,
    );
  });

  it("checks each source's name and counts, and refuses a source named twice", () => {
    const source = { source: 'nobelPrizes', pages: 27, seen: 670, changed: 0, missing: 0 };
    expect(() => validateRun({ ...run, sources: [source] }, 'r')).not.toThrow();
    expect(() => validateRun({ ...run, sources: [{ ...source, source: '' }] }, 'r')).toThrow(
      /sources\[0\]\.source: expected 1 to 32 characters/,
    );
    expect(() => validateRun({ ...run, sources: [{ ...source, seen: -1 }] }, 'r')).toThrow(
      /sources\[0\]\.seen: expected 0 to/,
    );
    expect(() => validateRun({ ...run, sources: [source, source] }, 'r')).toThrow(
      /sources\[1\]\.source: nobelPrizes appears twice/,
    );
  });
});

describe('validateLaureate', () => {
  const laureate = (): NobelLaureate => {
    const raw = sampleLaureate(1903, { death: { date: '1934-07-04' } });
    return toNobelLaureate(raw, parseAsServed(sourceLaureateRecord, raw), {
      fetchedAt: RECEIVED_AT.getTime(),
      fetchRunId: 'run-1',
    });
  };
  const problemOf = (event: NobelLaureate, key: string | undefined = event.id) => {
    try {
      validateLaureate(event, key, RECEIVED_AT);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRecordError);
      return (error as Error).message;
    }
  };
  const prizeOf = (l: NobelLaureate) => {
    const prize = l.nobelPrizes[0];
    if (prize === undefined) throw new Error('the fixture has a prize');
    return prize;
  };

  it('accepts a well-formed laureate', () => {
    expect(problemOf(laureate())).toBeUndefined();
  });

  it.each<[string, (l: NobelLaureate) => void, string | undefined, RegExp]>([
    [
      'a key that is not the id',
      () => undefined,
      'other',
      /^id: the record's key \(other\) is not its id/,
    ],
    [
      'an id of 33 characters',
      (l) => (l.id = 'x'.repeat(33)),
      'x'.repeat(33),
      /^id: expected 1 to 32/,
    ],
    [
      'a gender of 17 characters',
      (l) => (l.gender = 'g'.repeat(17)),
      undefined,
      /^gender: longer than 16/,
    ],
    [
      'a death date of 33 characters',
      (l) => l.death !== null && (l.death.date = '1'.repeat(33)),
      undefined,
      /^death\.date: longer than 32/,
    ],
    [
      'a birth city of 256 characters',
      (l) => {
        const city = l.birth?.place?.city;
        if (city) city.names.en = 'c'.repeat(256);
      },
      undefined,
      /^birth\.place\.city\.en: longer than 255/,
    ],
    [
      'a prize without its nobelPrize link',
      (l) => (prizeOf(l).links = prizeOf(l).links.filter((k) => k.rel !== 'nobelPrize')),
      undefined,
      /^nobelPrizes\[0\]\.links: expected a nobelPrize link/,
    ],
    [
      "a prize whose year is not its link's",
      (l) => (prizeOf(l).awardYear = '1904'),
      undefined,
      /^nobelPrizes\[0\]\.awardYear: expected the year of its prize link \(1903\)/,
    ],
    [
      'the same prize twice',
      (l) => l.nobelPrizes.push(structuredClone(prizeOf(l))),
      undefined,
      /^nobelPrizes\[1\]\.links: the prize phy-1903 appears twice/,
    ],
    [
      'a sort order that is not a number',
      (l) => (prizeOf(l).sortOrder = 'first'),
      undefined,
      /^nobelPrizes\[0\]\.sortOrder: expected up to four digits/,
    ],
    [
      'otherFields that forge a modelled field',
      (l) => (l.otherFields = JSON.stringify({ gender: 'forged' })),
      undefined,
      /^otherFields: holds fields the contract models itself: gender/,
    ],
    [
      "a prize's otherFields that forge its status",
      (l) => (prizeOf(l).otherFields = JSON.stringify({ prizeStatus: 'forged' })),
      undefined,
      /^nobelPrizes\[0\]\.otherFields: holds fields the contract models itself: prizeStatus/,
    ],
    [
      '32,768 affiliations for one prize',
      (l) =>
        (prizeOf(l).affiliations = Array.from({ length: 32_768 }, () => ({
          name: null,
          nameNow: null,
          nativeName: null,
          city: null,
          country: null,
          cityNow: null,
          countryNow: null,
          continent: null,
          locationString: null,
          otherFields: null,
        }))),
      undefined,
      /^nobelPrizes\[0\]\.affiliations: more than 32767/,
    ],
    [
      'otherFields that name a field the read API adds (kind)',
      (l) => (l.otherFields = JSON.stringify({ kind: 'x' })),
      undefined,
      /^otherFields: holds fields the contract models itself: kind/,
    ],
    [
      'a fetchedAt in the year 9000',
      (l) => (l.fetchedAt = Date.UTC(9000, 0, 1)),
      undefined,
      /^fetchedAt: /,
    ],
    [
      'a content hash that is not one',
      (l) => (l.contentHash = 'abc'),
      undefined,
      /^contentHash: expected 64 hex/,
    ],
  ])('refuses %s', (_name, breakIt, key, message) => {
    const event = laureate();
    breakIt(event);
    expect(problemOf(event, key ?? event.id)).toMatch(message);
  });
});
