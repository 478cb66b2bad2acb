import { QueryTypes, type Sequelize } from 'sequelize';
import { laureateSourceFields, toLaureateSourceRecord } from '@nobel-pipeline/schemas';
import { laureateRows } from '../mapping/laureate-rows';
import { prizeRows } from '../mapping/to-rows';
import type { PrizeReader } from '../read/prize-reader';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../testing/database';
import { birthIn, laureate, laureateEvent, laureatePrize, prizeEvent } from '../testing/events';
import { fillLaureateDirectory } from '../write/laureate-directory';
import type { PrizeWriter } from '../write/prize-writer';

/** The laureates source's tables on a real MariaDB: writes, newer wins, arrival orders, reads. */
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

const emptyTables = () => db.emptyTables();
beforeEach(emptyTables);

const now = () => new Date();
const select = <T extends object>(sql: string) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT });
const writeLaureates = (...events: Parameters<typeof laureateRows>[0][]) =>
  writer.write({ prizes: [], runs: [], laureates: events.map((e) => laureateRows(e, now())) });
const writePrizes = (...events: Parameters<typeof prizeRows>[0][]) =>
  writer.write({ prizes: events.map((e) => prizeRows(e, now())), runs: [] });

const curie = laureateEvent('6', 'Marie Curie', {
  nobelPrizes: [
    laureatePrize('phy', 1903, ['Sorbonne'], ['France']),
    laureatePrize('che', 1911, ['Sorbonne', 'Institut du Radium']),
  ],
});

it('stores a laureate event in its tables, and serves the record as the source served it', async () => {
  expect(await writeLaureates(curie)).toMatchObject({ laureateDetails: 1, stale: 0 });
  const [detail] = await select<Record<string, unknown>>(
    'SELECT gender, birth_date, birth_date_full, birth_country_now_en, birth_latitude, wikidata_id FROM laureate_details',
  );
  expect(detail).toEqual({
    gender: 'female',
    birth_date: '1867-11-07',
    birth_date_full: '1867-11-07',
    birth_country_now_en: 'Poland',
    birth_latitude: 52.229676,
    wikidata_id: 'Q6',
  });
  expect(
    await select('SELECT prize_id, prize_status FROM laureate_awards ORDER BY prize_id'),
  ).toEqual([
    { prize_id: 'che-1911', prize_status: 'received' },
    { prize_id: 'phy-1903', prize_status: 'received' },
  ]);
  expect(
    await select(
      'SELECT prize_id, position, name_en FROM laureate_affiliations ORDER BY prize_id, position',
    ),
  ).toEqual([
    { prize_id: 'che-1911', position: 0, name_en: 'Sorbonne' },
    { prize_id: 'che-1911', position: 1, name_en: 'Institut du Radium' },
    { prize_id: 'phy-1903', position: 0, name_en: 'Sorbonne' },
  ]);
  expect(await select('SELECT prize_id, country_en FROM laureate_residences')).toEqual([
    { prize_id: 'phy-1903', country_en: 'France' },
  ]);

  const view = await reader.laureate('6');
  // Field for field, in the source's key order.
  expect(JSON.stringify(laureateSourceFields(view))).toBe(
    JSON.stringify(toLaureateSourceRecord(curie)),
  );
  expect(view).toMatchObject({ kind: 'person', prizes: [], fetchRunId: 'run-1' });
  expect(view?.fetchedAt).toBe(new Date(curie.fetchedAt).toISOString());
});

it("keeps a date as served ('1943-00-00') with no whole date", async () => {
  await writeLaureates(
    laureateEvent('745', 'A. Michael Spence', {
      birth: birthIn('Montclair, NJ', 'USA', '1943-00-00'),
    }),
  );
  expect(await select('SELECT birth_date, birth_date_full FROM laureate_details')).toEqual([
    { birth_date: '1943-00-00', birth_date_full: null },
  ]);
  expect((await reader.laureate('745'))?.birth?.date).toBe('1943-00-00');
});

it('ends complete whichever source arrives first', async () => {
  const prizes = [
    prizeEvent('phy', 1903, [laureate('6', 'Marie Curie', '2', '1/4')]),
    prizeEvent('che', 1911, [laureate('6', 'Marie Curie')]),
  ];
  await writePrizes(...prizes);
  const namesOnly = await reader.laureate('6');
  expect(namesOnly).toMatchObject({ id: '6', kind: 'person', knownName: { en: 'Marie Curie' } });
  expect(namesOnly).not.toHaveProperty('gender');
  await writeLaureates(curie);
  const prizeFirst = await reader.laureate('6');

  await emptyTables();
  await writeLaureates(curie);
  const laureateOnly = await reader.laureate('6');
  expect(laureateOnly).toMatchObject({ gender: 'female', prizes: [] });
  await writePrizes(...prizes);
  const laureateFirst = await reader.laureate('6');
  // The prize events name a laureate the directory had from the laureates source only.
  expect(
    await select(
      'SELECT names_name_en, names_fetched_at IS NOT NULL AS versioned, details_name_en FROM laureate_directory',
    ),
  ).toEqual([{ names_name_en: 'Marie Curie', versioned: 1, details_name_en: 'Marie Curie' }]);

  if (prizeFirst === undefined || laureateFirst === undefined) throw new Error('a laureate view');
  const { updatedAt: _a, ...first } = prizeFirst;
  const { updatedAt: _b, ...second } = laureateFirst;
  expect(second).toEqual(first);
  expect(first).toMatchObject({ gender: 'female', birth: { date: '1867-11-07' } });
  expect(first.prizes.map((p) => p.id)).toEqual(['phy-1903', 'che-1911']);
});

it('lets the newer event win, and replaces the awards, affiliations and residences it carries', async () => {
  const older = curie;
  const newer = laureateEvent('6', 'Marie Curie', {
    fetchedAt: curie.fetchedAt + 60_000,
    gender: 'female',
    death: birthIn('Passy', 'France', '1934-07-04'),
    nobelPrizes: [laureatePrize('phy', 1903, ['Institut du Radium'])],
    contentHash: 'f'.repeat(64),
  });
  await writeLaureates(older);
  expect(await writeLaureates(newer)).toMatchObject({ laureateDetails: 1, stale: 0 });
  // Replayed, the older one changes nothing.
  expect(await writeLaureates(older)).toMatchObject({ laureateDetails: 0, stale: 1 });
  expect(await select('SELECT death_date_full, content_hash FROM laureate_details')).toEqual([
    { death_date_full: '1934-07-04', content_hash: 'f'.repeat(64) },
  ]);
  expect(await select('SELECT prize_id FROM laureate_awards')).toEqual([{ prize_id: 'phy-1903' }]);
  expect(await select('SELECT name_en FROM laureate_affiliations')).toEqual([
    { name_en: 'Institut du Radium' },
  ]);
  expect(await select('SELECT * FROM laureate_residences')).toEqual([]);
  expect(laureateSourceFields(await reader.laureate('6'))).toEqual(
    JSON.parse(JSON.stringify(toLaureateSourceRecord(newer))),
  );
});

it('writes one version of a laureate a batch holds twice: the newest, with its children only', async () => {
  const older = laureateEvent('7', 'Irène Joliot-Curie', {
    nobelPrizes: [laureatePrize('che', 1935, ['Old Institute', 'Older Institute'])],
  });
  const newer = laureateEvent('7', 'Irène Joliot-Curie', {
    fetchedAt: older.fetchedAt + 1000,
    nobelPrizes: [laureatePrize('che', 1935, ['Institut du Radium'])],
  });
  expect(await writeLaureates(newer, older)).toMatchObject({ laureateDetails: 1, stale: 1 });
  expect(await select('SELECT name_en FROM laureate_affiliations')).toEqual([
    { name_en: 'Institut du Radium' },
  ]);
});

describe('GET /laureates, the list', () => {
  beforeEach(async () => {
    await writeLaureates(
      curie,
      laureateEvent('1', 'Wilhelm Conrad Röntgen', {
        gender: 'male',
        birth: birthIn('Lennep', 'Germany', '1845-03-27'),
        nobelPrizes: [laureatePrize('phy', 1901, ['Munich University'])],
      }),
      laureateEvent('745', 'A. Michael Spence', {
        gender: 'male',
        birth: birthIn('Montclair, NJ', 'USA', '1943-00-00'),
        nobelPrizes: [laureatePrize('eco', 2001, ['Stanford University'])],
      }),
    );
    // Known only from a prize event so far.
    await writePrizes(prizeEvent('pea', 1901, [laureate('462', 'Henry Dunant')]));
  });

  const ids = async (query: Partial<Parameters<PrizeReader['laureates']>[0]>) => {
    const page = await reader.laureates({ limit: 25, offset: 0, ...query });
    return { total: page.total, ids: page.items.map((l) => l.id) };
  };

  it('lists every laureate either source knows, by name', async () => {
    expect(await ids({})).toEqual({ total: 4, ids: ['745', '462', '6', '1'] });
    expect(await ids({ limit: 2, offset: 1 })).toEqual({ total: 4, ids: ['462', '6'] });
  });

  it("sorts by the laureates source's name once it is read, else the prize events', newer wins", async () => {
    const at = (minutes: number) => 1_767_225_600_000 + minutes * 60_000;
    const dunant = (name: string, minutes: number) =>
      writePrizes(prizeEvent('pea', 1901, [laureate('462', name)], at(minutes)));
    // A newer prize event renames the laureate only it knows: the list follows.
    await dunant('Zed Dunant', 1);
    expect((await ids({})).ids).toEqual(['745', '6', '1', '462']);
    // An older one changes nothing.
    await dunant('Aaron Dunant', -1);
    expect((await ids({})).ids).toEqual(['745', '6', '1', '462']);
    // The laureates source's name prevails, whichever source is written later.
    const named = (name: string, minutes: number) =>
      laureateEvent('462', name, {
        fetchedAt: at(minutes),
        nobelPrizes: [laureatePrize('pea', 1901)],
      });
    await writeLaureates(named('Bertha Dunant', 0));
    expect((await ids({})).ids).toEqual(['745', '462', '6', '1']);
    await dunant('Zzz Dunant', 2);
    expect((await ids({})).ids).toEqual(['745', '462', '6', '1']);
    await writeLaureates(named('Zzz Dunant', -5));
    expect((await ids({})).ids).toEqual(['745', '462', '6', '1']);
    expect(await select('SELECT * FROM laureate_directory WHERE id = 462')).toEqual([
      {
        id: '462',
        names_name_en: 'Zzz Dunant',
        names_fetched_at: new Date(at(2)),
        details_name_en: 'Bertha Dunant',
        sort_name_en: 'Bertha Dunant',
      },
    ]);
    expect(await ids({ limit: 1, offset: 1 })).toEqual({ total: 4, ids: ['462'] });
  });

  it('lists what a sink of an earlier version wrote without the directory, once the sink fills it', async () => {
    // As a sink from before migration 0004 leaves them: rows in both tables, none in the directory.
    await sequelize.query("DELETE FROM laureate_directory WHERE id IN ('462', '6')");
    expect(await ids({})).toEqual({ total: 2, ids: ['745', '1'] });
    expect(await fillLaureateDirectory(sequelize)).toBe(2);
    expect(await ids({})).toEqual({ total: 4, ids: ['745', '462', '6', '1'] });
    expect(await fillLaureateDirectory(sequelize)).toBe(0);
  });

  it("keeps a prize event's name only if it is the version laureates kept, in any order", async () => {
    const at = (minutes: number) => 1_767_225_600_000 + minutes * 60_000;
    const named = (prize: string, year: number, name: string, minutes: number) =>
      prizeRows(prizeEvent(prize, year, [laureate('462', name)], at(minutes)), now());
    const directory = () =>
      select(
        'SELECT names_name_en AS name, sort_name_en AS sort FROM laureate_directory WHERE id = 462',
      );
    const stored = () => select('SELECT known_name_en AS name FROM laureates WHERE id = 462');
    // One batch: two prizes name the laureate, the newer comes first.
    await writer.write({
      prizes: [named('pea', 1902, 'Newer Dunant', 3), named('che', 1903, 'Older Dunant', 2)],
      runs: [],
    });
    expect(await stored()).toEqual([{ name: 'Newer Dunant' }]);
    expect(await directory()).toEqual([{ name: 'Newer Dunant', sort: 'Newer Dunant' }]);
    // Batches at once, each with an older version of it than the table's, then a tie.
    await Promise.all(
      [1, 2, 0].map((minutes, i) =>
        writer.write({ prizes: [named('med', 1910 + i, `Old ${minutes}`, minutes)], runs: [] }),
      ),
    );
    expect(await stored()).toEqual([{ name: 'Newer Dunant' }]);
    expect(await directory()).toEqual([{ name: 'Newer Dunant', sort: 'Newer Dunant' }]);
    await writer.write({ prizes: [named('lit', 1920, 'Tied Dunant', 3)], runs: [] });
    expect(await stored()).toEqual([{ name: 'Tied Dunant' }]);
    expect(await directory()).toEqual([{ name: 'Tied Dunant', sort: 'Tied Dunant' }]);
    // Newer, older and tied versions at once, in rounds: whichever order the transactions
    // take, the directory holds the name of the version laureates kept.
    for (let round = 0; round < 5; round++) {
      const base = 10 * (round + 1);
      await Promise.all(
        [base + 5, base + 4, base + 6, base + 6, base + 2].map((minutes, i) =>
          writer.write({
            prizes: [named('eco', 1970 + 10 * round + i, `Dunant ${minutes}.${i}`, minutes)],
            runs: [],
          }),
        ),
      );
      const [kept] = await select<{ name: string; directory: string; sort: string }>(
        `SELECT l.known_name_en AS name, dir.names_name_en AS directory, dir.sort_name_en AS sort
         FROM laureates l JOIN laureate_directory dir ON dir.id = l.id WHERE l.id = 462`,
      );
      expect(kept?.name).toMatch(new RegExp(`^Dunant ${base + 6}\\.[23]$`));
      expect(kept).toEqual({ name: kept?.name, directory: kept?.name, sort: kept?.name });
    }
  });

  it('repairs the names a sink from before migration 0005 recorded without their version', async () => {
    const at = (minutes: number) => 1_767_225_600_000 + minutes * 60_000;
    const dunant = (name: string, minutes: number) =>
      writePrizes(prizeEvent('pea', 1901, [laureate('462', name)], at(minutes)));
    await dunant('Henry Dunant', 1);
    // Such a sink wrote a newer version to laureates and read its name back, the version left.
    await sequelize.query(
      `UPDATE laureates SET known_name_en = 'Jean Henry Dunant', fetched_at = '2026-01-01 00:05:00' WHERE id = '462'`,
    );
    await sequelize.query(
      `UPDATE laureate_directory SET names_name_en = 'Jean Henry Dunant', sort_name_en = 'Jean Henry Dunant' WHERE id = '462'`,
    );
    // And it added a laureate, reading the name back, with no version at all.
    await sequelize.query(
      `INSERT INTO laureates (id, kind, known_name_en, fetched_at, updated_at)
       VALUES ('999', 'person', 'Ann Old', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
    );
    await sequelize.query(
      `INSERT INTO laureate_directory (id, names_name_en, sort_name_en) VALUES ('999', 'Ann Old', 'Ann Old')`,
    );
    // Names that are not the tables' at the same version (the collation would call the first
    // equal): what a sink from before 0004 left by changing laureate_details or laureates.
    await sequelize.query(
      `UPDATE laureate_directory SET details_name_en = 'marie curie', sort_name_en = 'marie curie' WHERE id = '6'`,
    );
    await sequelize.query(
      `UPDATE laureate_directory SET details_name_en = 'Old Röntgen', sort_name_en = 'Old Röntgen' WHERE id = '1'`,
    );
    await writePrizes(prizeEvent('med', 1905, [laureate('888', 'Robert Koch')]));
    await sequelize.query(
      `UPDATE laureate_directory SET names_name_en = 'robert koch', sort_name_en = 'robert koch' WHERE id = '888'`,
    );
    expect(await fillLaureateDirectory(sequelize)).toBe(5);
    expect(await fillLaureateDirectory(sequelize)).toBe(0);
    expect(
      await select(
        "SELECT id, details_name_en AS name, sort_name_en AS sort FROM laureate_directory WHERE id IN ('1', '6') ORDER BY id",
      ),
    ).toEqual([
      { id: '1', name: 'Wilhelm Conrad Röntgen', sort: 'Wilhelm Conrad Röntgen' },
      { id: '6', name: 'Marie Curie', sort: 'Marie Curie' },
    ]);
    expect(
      await select(
        'SELECT dir.id, dir.names_fetched_at = l.fetched_at AS same FROM laureate_directory dir JOIN laureates l ON l.id = dir.id ORDER BY dir.id',
      ),
    ).toEqual([
      { id: '462', same: 1 },
      { id: '888', same: 1 },
      { id: '999', same: 1 },
    ]);
    expect(
      await select("SELECT names_name_en AS name FROM laureate_directory WHERE id = '888'"),
    ).toEqual([{ name: 'Robert Koch' }]);
    // Repaired, an event older than the table's version but newer than the one left changes nothing.
    await dunant('Aaron Dunant', 3);
    expect(
      await select('SELECT names_name_en AS name FROM laureate_directory WHERE id = 462'),
    ).toEqual([{ name: 'Jean Henry Dunant' }]);
    expect((await ids({})).ids).toEqual(['745', '999', '462', '6', '888', '1']);
  });

  it('filters by gender, birth country (as now, any case), name, category and years', async () => {
    expect(await ids({ gender: 'female' })).toEqual({ total: 1, ids: ['6'] });
    expect(await ids({ birthCountry: 'germany' })).toEqual({ total: 1, ids: ['1'] });
    expect(await ids({ name: 'röntgen' })).toEqual({ total: 1, ids: ['1'] });
    expect(await ids({ name: '%' })).toEqual({ total: 0, ids: [] });
    expect(await ids({ category: 'phy' })).toEqual({ total: 2, ids: ['6', '1'] });
    // The prize event's laureate matches through prize_laureates, the others through awards.
    expect(await ids({ year: 1901 })).toEqual({ total: 2, ids: ['462', '1'] });
    expect(await ids({ year: 1901, yearTo: 1911, gender: 'female' })).toEqual({
      total: 1,
      ids: ['6'],
    });
    expect(await ids({ yearTo: 1902 })).toEqual({ total: 2, ids: ['462', '1'] });
    expect(await ids({ category: 'eco', yearTo: 2000 })).toEqual({ total: 0, ids: [] });
  });
});
