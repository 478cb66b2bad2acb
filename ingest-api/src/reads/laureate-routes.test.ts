import request from 'supertest';
import type { LaureateQuery, PrizeReader } from '@nobel-pipeline/db';
import { createFakeReader, createTestApp } from '../testing/fakes';
import { curie, knownFromPrizes } from '../testing/laureates';
import { assertDocumented } from '../testing/openapi';

const app = (reader: PrizeReader = createFakeReader([], [curie, knownFromPrizes])) =>
  createTestApp({ reader }).app.callback();

/** A reader that records the queries GET /laureates hands it. */
function recordingReader(): { reader: PrizeReader; queries: LaureateQuery[] } {
  const queries: LaureateQuery[] = [];
  const fake = createFakeReader([], [curie]);
  const reader: PrizeReader = {
    ...fake,
    laureates: async (query) => {
      queries.push(query);
      return fake.laureates(query);
    },
  };
  return { reader, queries };
}

describe('GET /laureates', () => {
  it('answers a documented page of laureates with the total', async () => {
    const res = await request(app()).get('/laureates');
    expect(res.status).toBe(200);
    assertDocumented('GET', '/laureates', 200, res.body);
    expect(res.body).toMatchObject({ total: 2, limit: 25, offset: 0 });
    expect(res.body.items.map((l: { id: string }) => l.id)).toEqual(['6', '1']);

    const page = await request(app()).get('/laureates?gender=female&limit=1&offset=0');
    assertDocumented('GET', '/laureates', 200, page.body);
    expect(page.body).toEqual({ total: 1, limit: 1, offset: 0, items: [curie] });
  });

  it('hands the reader the parsed query: numbers as numbers, defaults filled in', async () => {
    const { reader, queries } = recordingReader();
    await request(app(reader))
      .get('/laureates')
      .query({
        gender: 'female',
        birthCountry: 'Poland',
        category: 'che',
        year: '1901',
        yearTo: '1911',
        name: 'curie',
        limit: '5',
        offset: '10',
      })
      .expect(200);
    await request(app(reader)).get('/laureates?year=1911').expect(200);
    expect(queries).toEqual([
      {
        gender: 'female',
        birthCountry: 'Poland',
        category: 'che',
        year: 1901,
        yearTo: 1911,
        name: 'curie',
        limit: 5,
        offset: 10,
      },
      { year: 1911, limit: 25, offset: 0 },
    ]);
  });

  it('reads nothing when the query is invalid', async () => {
    const { reader, queries } = recordingReader();
    const res = await request(app(reader)).get('/laureates?gender=');
    expect(res.status).toBe(400);
    expect(queries).toEqual([]);
  });
});

describe('GET /laureates/:id', () => {
  it("answers the laureates source's record with kind, prizes and provenance, as documented", async () => {
    const res = await request(app()).get('/laureates/6');
    expect(res.status).toBe(200);
    assertDocumented('GET', '/laureates/{id}', 200, res.body);
    expect(res.body).toEqual(curie);
    expect(res.body.notModelled).toEqual({ kept: true });
  });

  it('answers the names the prize events give before the laureates source is read', async () => {
    const res = await request(app()).get('/laureates/1');
    expect(res.status).toBe(200);
    assertDocumented('GET', '/laureates/{id}', 200, res.body);
    expect(res.body).toEqual(knownFromPrizes);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of ['999', 'a%20b']) {
      const res = await request(app()).get(`/laureates/${id}`);
      expect(res.status).toBe(404);
      assertDocumented('GET', '/laureates/{id}', 404, res.body);
    }
  });
});
