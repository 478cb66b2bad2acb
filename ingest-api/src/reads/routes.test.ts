import request from 'supertest';
import { assertDocumented } from '../testing/openapi';
import { createFakeReader, createTestApp } from '../testing/fakes';

const prize = (id: string, categoryCode: string) => ({
  id,
  categoryCode,
  awardYear: id.slice(-4),
  category: { en: 'Physics' },
  categoryFullName: { en: 'The Nobel Prize in Physics' },
  prizeAmount: 150782,
  prizeAmountAdjusted: 10531894,
  links: [
    {
      rel: 'nobelPrize',
      href: `https://api.nobelprize.org/2/nobelPrize/${categoryCode}/${id.slice(-4)}`,
    },
  ],
  laureates: [
    {
      id: '1',
      knownName: { en: 'Wilhelm Conrad Röntgen' },
      portion: '1',
      sortOrder: '1',
      links: [{ rel: 'laureate', href: 'x' }],
    },
  ],
  fetchedAt: '2026-01-01T00:00:00.000Z',
  fetchRunId: 'r',
  contentHash: 'a'.repeat(64),
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const app = () =>
  createTestApp({
    reader: createFakeReader([prize('phy-1901', 'phy'), prize('che-1901', 'che')]),
  }).app.callback();

describe('the read endpoints', () => {
  it('list the persisted prizes at / and /prizes, with the total', async () => {
    for (const path of ['/', '/prizes']) {
      const res = await request(app()).get(path);
      expect(res.status).toBe(200);
      assertDocumented('GET', path, 200, res.body);
      expect(res.body).toMatchObject({ total: 2, limit: 25, offset: 0 });
    }
    const filtered = await request(app()).get('/prizes?category=che&limit=1');
    expect(filtered.body).toMatchObject({ total: 1, limit: 1, items: [{ id: 'che-1901' }] });
  });

  it.each([
    ['/prizes?limit=101', 'limit'],
    ['/prizes?limit=0', 'limit'],
    ['/prizes?offset=-1', 'offset'],
    ['/prizes?year=19O1', 'year'],
    ['/prizes?year=1950&yearTo=1940', 'yearTo'],
    ['/prizes?category=Physics', 'category'],
    ['/prizes?colour=blue', 'colour'],
    ['/prizes?year=1901&year=1902', 'year'],
    ['/runs?limit=1000', 'limit'],
  ])('refuse %s naming %s', async (path, field) => {
    const res = await request(app()).get(path);
    expect(res.status).toBe(400);
    assertDocumented('GET', path.split('?')[0] ?? '', 400, res.body);
    expect(res.body.error).toBe('invalid_query');
    expect(res.body.details.map((d: { path: string }) => d.path)).toEqual([field]);
  });

  it('serve one prize, and 404 for an unknown one', async () => {
    const found = await request(app()).get('/prizes/phy-1901');
    expect(found.status).toBe(200);
    assertDocumented('GET', '/prizes/{id}', 200, found.body);
    const missing = await request(app()).get('/prizes/phy-1899');
    expect(missing.status).toBe(404);
    assertDocumented('GET', '/prizes/{id}', 404, missing.body);
    expect((await request(app()).get('/laureates/nobody')).status).toBe(404);
  });

  it('serve the runs and the status', async () => {
    const runs = await request(app()).get('/runs');
    assertDocumented('GET', '/runs', 200, runs.body);
    const status = await request(app()).get('/status');
    expect(status.status).toBe(200);
    assertDocumented('GET', '/status', 200, status.body);
  });
});
