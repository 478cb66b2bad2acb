import type { NobelPrize } from '@nobel-pipeline/schemas';
import { apiPrize, type EntryWithLaureate } from './to-api';
import { prizeRows } from './to-rows';

const link = (href: string) => ({
  rel: 'x',
  href,
  action: 'GET',
  types: 'application/json',
  title: null,
  class: null,
  otherFields: null,
});

const fail = (message: string): never => {
  throw new Error(message);
};

const event: NobelPrize = {
  id: 'pea-1917',
  categoryCode: 'pea',
  awardYear: '1917',
  category: { en: 'Peace', no: 'Fred', se: 'Fred', de: 'Frieden' },
  categoryFullName: { en: 'The Nobel Peace Prize', no: 'Nobels fredspris', se: 'Nobels fredspris' },
  dateAwarded: null,
  topMotivation: { en: 'Top ' },
  prizeAmount: 133823,
  prizeAmountAdjusted: 2000000,
  links: [
    {
      ...link('https://api.nobelprize.org/2/nobelPrize/pea/1917'),
      otherFields: '{"hreflang":"en"}',
    },
  ],
  laureates: [
    {
      id: '482',
      knownName: null,
      fullName: null,
      orgName: { en: 'An Organisation', no: 'En organisasjon' },
      acronym: 'AO',
      nativeName: 'Une Organisation',
      portion: '1/2',
      sortOrder: '2',
      motivation: { en: 'for <I>it</I>', fr: 'pour elle' },
      links: [link('https://api.nobelprize.org/2/laureate/482')],
      otherFields: '{"prizeStatus":"received"}',
    },
    {
      id: '9',
      knownName: { en: ' A Person' },
      fullName: { en: 'A Person ' },
      orgName: null,
      acronym: null,
      nativeName: null,
      portion: '1/2',
      sortOrder: '1',
      motivation: { en: 'for &eacute;tudes', se: 'för\u00a0' },
      links: [link('https://api.nobelprize.org/2/laureate/9')],
      otherFields: null,
    },
  ],
  otherFields: '{"extra":[1,2]}',
  fetchedAt: 1_767_225_600_123,
  fetchRunId: 'run-1',
  contentHash: 'f'.repeat(64),
};

describe('rows', () => {
  it('put en/no/se in columns and everything else in extras', () => {
    const rows = prizeRows(event, new Date(0));
    expect(rows.prize).toMatchObject({
      awardYear: 1917,
      categoryEn: 'Peace',
      categoryNo: 'Fred',
      hasLaureates: true,
      dateAwarded: null,
      topMotivationEn: 'Top ',
    });
    expect(rows.prize.extras).toEqual({
      category: { de: 'Frieden' },
      otherFields: '{"extra":[1,2]}',
    });
    expect(rows.prize.fetchedAt.toISOString()).toBe('2026-01-01T00:00:00.123Z');
    expect(rows.laureates.map((l) => [l.id, l.kind])).toEqual([
      ['482', 'organization'],
      ['9', 'person'],
    ]);
    expect(rows.entries.map((e) => [e.laureateId, e.sortOrder, e.extras])).toEqual([
      ['482', 2, { motivation: { fr: 'pour elle' }, otherFields: '{"prizeStatus":"received"}' }],
      ['9', 1, null],
    ]);
  });

  it('come back as the source record: names, shapes, order, absent fields, unmodelled fields', () => {
    const rows = prizeRows(event, new Date(0));
    const entries: EntryWithLaureate[] = rows.entries.map((entry, i) => ({
      entry,
      laureate: rows.laureates[i] ?? fail(`no laureate ${i}`),
    }));
    // JSON columns come back as text from the driver.
    const fromDb = {
      ...rows.prize,
      links: JSON.stringify(rows.prize.links),
      extras: JSON.stringify(rows.prize.extras),
    };
    expect(apiPrize(fromDb, entries)).toEqual({
      awardYear: '1917',
      category: { en: 'Peace', no: 'Fred', se: 'Fred', de: 'Frieden' },
      categoryFullName: {
        en: 'The Nobel Peace Prize',
        no: 'Nobels fredspris',
        se: 'Nobels fredspris',
      },
      topMotivation: { en: 'Top ' },
      prizeAmount: 133823,
      prizeAmountAdjusted: 2000000,
      links: [
        {
          rel: 'x',
          href: 'https://api.nobelprize.org/2/nobelPrize/pea/1917',
          action: 'GET',
          types: 'application/json',
          hreflang: 'en',
        },
      ],
      laureates: [
        {
          id: '9',
          knownName: { en: ' A Person' },
          fullName: { en: 'A Person ' },
          portion: '1/2',
          sortOrder: '1',
          motivation: { en: 'for &eacute;tudes', se: 'för\u00a0' },
          links: [
            {
              rel: 'x',
              href: 'https://api.nobelprize.org/2/laureate/9',
              action: 'GET',
              types: 'application/json',
            },
          ],
        },
        {
          id: '482',
          orgName: { en: 'An Organisation', no: 'En organisasjon' },
          acronym: 'AO',
          nativeName: 'Une Organisation',
          portion: '1/2',
          sortOrder: '2',
          motivation: { en: 'for <I>it</I>', fr: 'pour elle' },
          links: [
            {
              rel: 'x',
              href: 'https://api.nobelprize.org/2/laureate/482',
              action: 'GET',
              types: 'application/json',
            },
          ],
          prizeStatus: 'received',
        },
      ],
      extra: [1, 2],
    });
  });

  it('leave out the laureates of a year without an award, and keep an empty list empty', () => {
    const none = prizeRows({ ...event, laureates: null }, new Date(0));
    expect(apiPrize(none.prize, [])).not.toHaveProperty('laureates');
    const empty = prizeRows({ ...event, laureates: [] }, new Date(0));
    expect(apiPrize(empty.prize, [])).toHaveProperty('laureates', []);
  });

  it('never let a stored otherFields rewrite a modelled field or the id', () => {
    // Rows stored before the sink refused such events: the read API still serves the truth.
    const forged = prizeRows(
      { ...event, otherFields: '{"awardYear":"1066","id":"x","categoryCode":"zz","extra":1}' },
      new Date(0),
    );
    const out = apiPrize(forged.prize, []);
    expect(out).toMatchObject({ awardYear: '1917', extra: 1 });
    expect(out).not.toHaveProperty('id');
    expect(out).not.toHaveProperty('categoryCode');
    const broken = prizeRows({ ...event, otherFields: '{nope' }, new Date(0));
    expect(apiPrize(broken.prize, [])).toMatchObject({ awardYear: '1917' });
  });
});
