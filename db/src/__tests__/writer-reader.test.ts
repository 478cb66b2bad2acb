import { QueryTypes, type Sequelize } from 'sequelize';
import { prizeRows, runRows } from '../mapping/to-rows';
import type { PrizeReader } from '../read/prize-reader';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../testing/database';
import { fetchRun, laureate, prizeEvent } from '../testing/events';
import type { PrizeWriter } from '../write/prize-writer';

/** The sink's write path and the read API's queries on a real MariaDB. */
jest.setTimeout(60_000);

let db: MigratedTestDatabase;
let sequelize: Sequelize;
let writer: PrizeWriter;
let reader: PrizeReader;

beforeAll(async () => {
  db = await createMigratedTestDatabase();
  ({ sequelize, writer, reader } = db);
});

afterAll(() => db?.close());

const now = () => new Date();
const count = async (table: string) =>
  (
    await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`, {
      type: QueryTypes.SELECT,
    })
  )[0]?.n;

it('writes prizes, laureates, their links and runs, and reads them back in the API shape', async () => {
  const curie = laureate('6', 'Marie Curie', '2', '1/4');
  const result = await writer.write({
    prizes: [
      prizeRows(
        prizeEvent('phy', 1903, [
          laureate('4', 'Henri Becquerel', '1', '1/2'),
          curie,
          laureate('5', 'Pierre Curie', '3', '1/4'),
        ]),
        now(),
      ),
      prizeRows(prizeEvent('che', 1911, [{ ...curie, sortOrder: '1', portion: '1' }]), now()),
      prizeRows(prizeEvent('pea', 1914, null), now()),
    ],
    runs: [runRows(fetchRun('run-1'), now())],
  });
  expect(result).toMatchObject({ prizes: 3, stale: 0, laureates: 3, entries: 4, runs: 1 });
  expect(await count('prize_laureates')).toBe(4);

  const prize = await reader.get('phy-1903');
  expect(prize).toMatchObject({
    id: 'phy-1903',
    awardYear: '1903',
    category: { en: 'Category phy', no: 'Kategori phy', se: 'Kategori phy' },
  });
  expect(
    (prize?.laureates as { id: string; sortOrder: string }[]).map((l) => [l.id, l.sortOrder]),
  ).toEqual([
    ['4', '1'],
    ['6', '2'],
    ['5', '3'],
  ]);
  expect(await reader.get('pea-1914')).not.toHaveProperty('laureates');
  const marie = await reader.laureate('6');
  expect(marie).toMatchObject({ id: '6', kind: 'person', knownName: { en: 'Marie Curie' } });
  expect(
    (marie?.prizes as { id: string; portion: string }[]).map((p) => [p.id, p.portion]),
  ).toEqual([
    ['phy-1903', '1/4'],
    ['che-1911', '1'],
  ]);
  expect(await reader.runs(10)).toEqual([
    expect.objectContaining({ runId: 'run-1', outcome: 'SUCCEEDED', prizesSeen: 670 }),
  ]);
});

it('is idempotent: writing the same events again changes nothing', async () => {
  const event = prizeEvent('phy', 1903, [
    laureate('4', 'Henri Becquerel', '1', '1/2'),
    laureate('6', 'Marie Curie', '2', '1/4'),
    laureate('5', 'Pierre Curie', '3', '1/4'),
  ]);
  const before = await reader.get('phy-1903');
  await writer.write({
    prizes: [prizeRows(event, now())],
    runs: [runRows(fetchRun('run-1'), now())],
  });
  const { updatedAt: _a, ...after } = (await reader.get('phy-1903')) ?? {};
  const { updatedAt: _b, ...expected } = before ?? {};
  expect(after).toEqual(expected);
  expect([
    await count('prizes'),
    await count('laureates'),
    await count('prize_laureates'),
    await count('fetch_runs'),
  ]).toEqual([3, 3, 4, 1]);
});

it('lets the newer event win, removes laureates no longer in a prize, and never regresses', async () => {
  const later = 1_767_225_600_000 + 60_000;
  const newer = prizeEvent(
    'phy',
    1903,
    [
      laureate('4', 'Henri Becquerel', '1', '1/2'),
      laureate('5', 'Pierre Curie (renamed)', '2', '1/2'),
    ],
    later,
  );
  let result = await writer.write({ prizes: [prizeRows(newer, now())], runs: [] });
  expect(result).toMatchObject({ prizes: 1, stale: 0, entriesRemoved: 1 });
  const prize = await reader.get('phy-1903');
  expect((prize?.laureates as { id: string }[]).map((l) => l.id)).toEqual(['4', '5']);
  expect((await reader.laureate('5'))?.knownName).toEqual({ en: 'Pierre Curie (renamed)' });

  // A replay of the older event: nothing goes back.
  const older = prizeEvent('phy', 1903, [
    laureate('4', 'Henri Becquerel', '1', '1/2'),
    laureate('5', 'Pierre Curie', '3', '1/4'),
  ]);
  result = await writer.write({ prizes: [prizeRows(older, now())], runs: [] });
  expect(result).toMatchObject({ prizes: 0, stale: 1 });
  expect((await reader.get('phy-1903'))?.fetchedAt).toBe(new Date(later).toISOString());
  expect((await reader.laureate('5'))?.knownName).toEqual({ en: 'Pierre Curie (renamed)' });
});

it('removes, in one batch of replaced prizes, exactly the entries each prize no longer has', async () => {
  const at = (minutes: number) => 1_767_225_600_000 + minutes * 60_000;
  const prize = (code: string, ids: string[] | null, minutes = 0) =>
    prizeRows(
      prizeEvent(
        code,
        1950,
        ids && ids.map((id, i) => laureate(id, `L${id}`, String(i + 1))),
        at(minutes),
      ),
      now(),
    );
  const entries = () =>
    sequelize.query<{ prize_id: string; laureate_id: string }>(
      "SELECT prize_id, laureate_id FROM prize_laureates WHERE prize_id LIKE '%-1950' ORDER BY prize_id, laureate_id",
      { type: QueryTypes.SELECT },
    );
  await writer.write({
    prizes: [prize('che', ['71', '72']), prize('lit', ['73']), prize('med', ['74', '75', '76'])],
    runs: [],
  });
  const result = await writer.write({
    prizes: [prize('che', ['72', '77'], 1), prize('lit', ['73'], 1), prize('med', null, 1)],
    runs: [],
  });
  expect(result).toMatchObject({ prizes: 3, entriesRemoved: 4 });
  expect(await entries()).toEqual([
    { prize_id: 'che-1950', laureate_id: '72' },
    { prize_id: 'che-1950', laureate_id: '77' },
    { prize_id: 'lit-1950', laureate_id: '73' },
  ]);
  // The tests below count what the ones above stored.
  await sequelize.query("DELETE FROM prize_laureates WHERE prize_id LIKE '%-1950'");
  await sequelize.query("DELETE FROM prizes WHERE id LIKE '%-1950'");
  await sequelize.query(
    "DELETE FROM laureates WHERE id IN ('71', '72', '73', '74', '75', '76', '77')",
  );
  await sequelize.query(
    "DELETE FROM laureate_directory WHERE id IN ('71', '72', '73', '74', '75', '76', '77')",
  );
});

it('lists prizes newest first with filters and a total', async () => {
  expect(await reader.list({ limit: 2, offset: 0 })).toMatchObject({
    total: 3,
    items: [{ id: 'pea-1914' }, { id: 'che-1911' }],
  });
  expect((await reader.list({ year: 1903, limit: 10, offset: 0 })).items.map((p) => p.id)).toEqual([
    'phy-1903',
  ]);
  expect((await reader.list({ year: 1905, yearTo: 1915, limit: 10, offset: 0 })).total).toBe(2);
  expect(
    (await reader.list({ category: 'che', limit: 10, offset: 0 })).items.map((p) => p.id),
  ).toEqual(['che-1911']);
  expect(
    (await reader.list({ laureate: 'curie', limit: 10, offset: 0 })).items.map((p) => p.id),
  ).toEqual(['che-1911', 'phy-1903']);
  expect((await reader.list({ laureate: '100%_', limit: 10, offset: 0 })).total).toBe(0);
});

it('stores and serves every timestamp in UTC whatever TZ is, so a later update wins', async () => {
  // Run under TZ=Asia/Kathmandu (+05:45) and TZ=America/St_Johns (-03:30) too (npm test does).
  const fetchedAt = 1_795_968_464_586;
  const run = { ...fetchRun('run-tz', fetchedAt - 5000), finishedAt: fetchedAt + 1000 };
  await writer.write({
    prizes: [prizeRows(prizeEvent('med', 2026, [laureate('9001', 'A. Zone')], fetchedAt), now())],
    runs: [runRows(run, now())],
  });
  const stored = await sequelize.query<{ text: string }>(
    "SELECT DATE_FORMAT(fetched_at, '%Y-%m-%d %H:%i:%s.%f') AS text FROM prizes WHERE id = 'med-2026'",
    { type: QueryTypes.SELECT },
  );
  expect(stored[0]?.text).toBe('2026-11-29 16:07:44.586000');
  expect((await reader.get('med-2026'))?.fetchedAt).toBe(new Date(fetchedAt).toISOString());
  expect((await reader.runs(100)).find((r) => r.runId === 'run-tz')).toMatchObject({
    startedAt: new Date(fetchedAt - 5000).toISOString(),
    finishedAt: new Date(fetchedAt + 1000).toISOString(),
  });

  // Five minutes later, a real update: applied, not judged stale.
  const later = fetchedAt + 5 * 60_000;
  const result = await writer.write({
    prizes: [prizeRows(prizeEvent('med', 2026, [laureate('9001', 'A. Zone, Jr.')], later), now())],
    runs: [],
  });
  expect(result).toMatchObject({ prizes: 1, stale: 0 });
  expect((await reader.get('med-2026'))?.fetchedAt).toBe(new Date(later).toISOString());
});
