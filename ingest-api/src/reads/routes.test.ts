import request from 'supertest';
import { assertDocumented } from '../testing/openapi';
import { createFakeReader, createTestApp, migratedSchema } from '../testing/fakes';
import type { PrizeReader, SchemaState } from '@nobel-pipeline/db';

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
    ['/prizes?limit=99999999999999999999', 'limit'],
    ['/prizes?offset=-1', 'offset'],
    ['/prizes?year=19O1', 'year'],
    ['/prizes?year=1950&yearTo=1940', 'yearTo'],
    ['/prizes?category=Physics', 'category'],
    ['/prizes?category=xyz', 'category'],
    ['/prizes?yearTo=1950', 'yearTo'],
    ['/prizes?colour=blue', 'colour'],
    ['/prizes?year=1901&year=1902', 'year'],
    ['/runs?limit=1000', 'limit'],
    ['/laureates?gender=', 'gender'],
    [`/laureates?gender=${'x'.repeat(17)}`, 'gender'],
    [`/laureates?birthCountry=${'x'.repeat(256)}`, 'birthCountry'],
    [`/laureates?name=${'x'.repeat(101)}`, 'name'],
    ['/laureates?category=xyz', 'category'],
    ['/laureates?yearTo=1950', 'yearTo'],
    ['/laureates?year=1950&yearTo=1940', 'yearTo'],
    ['/laureates?limit=101', 'limit'],
    ['/laureates?offset=-1', 'offset'],
    ['/laureates?laureate=curie', 'laureate'],
    ['/laureates?gender=male&gender=female', 'gender'],
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

describe('the read endpoints on a database that cannot serve them', () => {
  const empty = async (): Promise<SchemaState> => ({
    current: false,
    applied: [],
    pending: ['0001-create-tables'],
    unknown: [],
    missingTables: ['prizes', 'laureates', 'prize_laureates', 'fetch_runs'],
  });
  const reads = ['/', '/prizes', '/prizes/phy-1901', '/laureates', '/laureates/6', '/runs'];
  const documented = (path: string) =>
    path.startsWith('/prizes/')
      ? '/prizes/{id}'
      : path.startsWith('/laureates/')
        ? '/laureates/{id}'
        : path;

  it.each(reads)(
    '%s answers 503 database_not_migrated naming the fix and what is missing',
    async (path) => {
      const { app } = createTestApp({ readSchema: empty });
      const res = await request(app.callback()).get(path);
      expect(res.status).toBe(503);
      assertDocumented('GET', documented(path), 503, res.body);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error).toBe('database_not_migrated');
      expect(res.body.message).toContain('npm run migrate');
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { path: 'migrations', problem: 'not applied: 0001-create-tables' },
          { path: 'tables', problem: 'missing: prizes' },
        ]),
      );
    },
  );

  it('still answers 400 for a bad query: the query is checked first', async () => {
    const { app } = createTestApp({ readSchema: empty });
    expect((await request(app.callback()).get('/prizes?category=xyz')).status).toBe(400);
    expect((await request(app.callback()).get('/laureates?yearTo=1950')).status).toBe(400);
  });

  it('answers 503 database_unavailable with the reason when the server is gone or refuses the user', async () => {
    const driverError = (errno: number, code: string) =>
      Object.assign(new Error(code), { parent: { errno, code } });
    for (const [error, reason] of [
      [
        Object.assign(new Error('connect ECONNREFUSED'), { parent: { code: 'ECONNREFUSED' } }),
        'unreachable',
      ],
      [driverError(1045, 'ER_ACCESS_DENIED_ERROR'), 'access_denied'],
      [driverError(1142, 'ER_TABLEACCESS_DENIED_ERROR'), 'access_denied'],
      [driverError(1049, 'ER_BAD_DB_ERROR'), 'no_database'],
    ] as const) {
      const { app } = createTestApp({
        readSchema: async () => {
          throw error;
        },
      });
      const res = await request(app.callback()).get('/prizes');
      expect(res.status).toBe(503);
      assertDocumented('GET', '/prizes', 503, res.body);
      expect(res.body).toMatchObject({
        error: 'database_unavailable',
        details: [{ path: 'database', problem: reason }],
      });
    }
  });

  it('turns a read that fails on a dropped table into the same 503, never a 500', async () => {
    let state = migratedSchema;
    const reader: PrizeReader = {
      ...createFakeReader([]),
      list: async () => {
        state = async () => ({
          ...(await migratedSchema()),
          current: false,
          missingTables: ['prizes'],
        });
        throw Object.assign(new Error("Table 'prizes' doesn't exist"), {
          parent: { errno: 1146, code: 'ER_NO_SUCH_TABLE' },
        });
      },
    };
    const { app } = createTestApp({ reader, readSchema: () => state() });
    const res = await request(app.callback()).get('/prizes');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      error: 'database_not_migrated',
      details: [{ path: 'tables', problem: 'missing: prizes' }],
    });
  });

  it('lets a statement error that is not about the schema or the server be a 500', async () => {
    const reader: PrizeReader = {
      ...createFakeReader([]),
      list: async () => {
        throw new TypeError('a bug');
      },
    };
    const res = await request(createTestApp({ reader }).app.callback()).get('/prizes');
    expect(res.status).toBe(500);
  });
});
