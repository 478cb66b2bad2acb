import { MAX_SCALE, parseScale, scaledRecordAt, scaleRecords, yearShift } from './scale';

const prize = {
  awardYear: '1901',
  category: { en: 'Chemistry' },
  dateAwarded: '1901-11-12',
  links: [{ rel: 'nobelPrize', href: 'https://api.nobelprize.org/2/nobelPrize/che/1901' }],
  laureates: [
    {
      id: '160',
      knownName: { en: "Jacobus H. van 't Hoff" },
      portion: '1',
      sortOrder: '1',
      links: [{ rel: 'laureate', href: 'https://api.nobelprize.org/2/laureate/160' }],
    },
  ],
};
const laureate = {
  id: '160',
  birth: { date: '1852-08-30' },
  wikidata: { id: 'Q102822' },
  links: [{ rel: 'external', href: 'https://www.nobelprize.org/laureate/160' }],
  nobelPrizes: [
    {
      awardYear: '1901',
      dateAwarded: '1901-11-12',
      links: [
        { rel: 'nobelPrize', href: 'https://api.nobelprize.org/2/nobelPrize/che/1901' },
        { rel: 'external', href: 'https://www.nobelprize.org/prizes/chemistry/1901/hoff/facts/' },
      ],
    },
  ],
};

describe('scaleRecords', () => {
  it('keeps the records as served at scale 1', () => {
    expect(scaleRecords([prize], 1)).toEqual([prize]);
  });

  it("moves each copy's years, laureate ids and the links that name them, nothing else", () => {
    const [, second] = scaleRecords([prize], 2);
    expect(second).toEqual({
      ...prize,
      awardYear: '2025',
      dateAwarded: '2025-11-12',
      links: [{ rel: 'nobelPrize', href: 'https://api.nobelprize.org/2/nobelPrize/che/2025' }],
      laureates: [
        {
          ...prize.laureates[0],
          id: '10160',
          links: [{ rel: 'laureate', href: 'https://api.nobelprize.org/2/laureate/10160' }],
        },
      ],
    });
    const [, scaledLaureate] = scaleRecords([laureate], 2);
    expect(scaledLaureate).toEqual({
      ...laureate,
      id: '10160',
      links: [{ rel: 'external', href: 'https://www.nobelprize.org/laureate/10160' }],
      nobelPrizes: [
        {
          awardYear: '2025',
          dateAwarded: '2025-11-12',
          links: [
            { rel: 'nobelPrize', href: 'https://api.nobelprize.org/2/nobelPrize/che/2025' },
            {
              rel: 'external',
              href: 'https://www.nobelprize.org/prizes/chemistry/2025/hoff/facts/',
            },
          ],
        },
      ],
    });
    // The copy is new: the record it came from is untouched.
    expect(prize.awardYear).toBe('1901');
  });

  it('gives every copy years of its own, all four digits, up to MAX_SCALE', () => {
    const years = scaleRecords([prize], MAX_SCALE).map((p) => (p as typeof prize).awardYear);
    expect(new Set(years).size).toBe(MAX_SCALE);
    for (const year of years) expect(year).toMatch(/^\d{4}$/);
    // Every copy's span of real years (1901–2023) stays apart from every other's.
    const shifts = Array.from({ length: MAX_SCALE }, (_, copy) => yearShift(copy)).sort(
      (a, b) => a - b,
    );
    for (let i = 1; i < shifts.length; i++)
      expect((shifts[i] ?? 0) - (shifts[i - 1] ?? 0)).toBeGreaterThanOrEqual(2023 - 1901 + 1);
    expect(1901 + Math.min(...shifts)).toBeGreaterThanOrEqual(1000);
    expect(2023 + Math.max(...shifts)).toBeLessThanOrEqual(9999);
  });

  it('makes any one record of the scaled source on demand, as scaleRecords has it', () => {
    const all = scaleRecords([prize, laureate], 5);
    for (let i = 0; i < all.length; i++)
      expect(scaledRecordAt([prize, laureate], i)).toEqual(all[i]);
    expect(() => scaledRecordAt([prize], MAX_SCALE)).toThrow(`expected 0 to ${MAX_SCALE - 1}`);
    expect(() => scaledRecordAt([prize], -1)).toThrow('expected 0 to');
  });

  it('refuses a scale outside 1 to MAX_SCALE, saying why', () => {
    expect(() => scaleRecords([prize], 0)).toThrow(`expected 1 to ${MAX_SCALE}`);
    expect(() => scaleRecords([prize], MAX_SCALE + 1)).toThrow(`expected 1 to ${MAX_SCALE}`);
    expect(parseScale('10')).toBe(10);
    for (const text of ['0', '1.5', 'ten', '', String(MAX_SCALE + 1)])
      expect(() => parseScale(text)).toThrow(
        `--scale: expected a whole number from 1 to ${MAX_SCALE}`,
      );
  });
});
