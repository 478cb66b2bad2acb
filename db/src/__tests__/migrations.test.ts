import { QueryTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { createTestDatabase, loadTestConfig, type TestDatabase } from '@nobel-pipeline/test-utils';
import { createSequelize } from '../connection';
import { TABLES, defineModels } from '../models/models';
import { MIGRATIONS } from '../migrations/index';
import { MIGRATIONS_TABLE, createMigrator, migrate } from '../migrations/migrator';

/** The migrations on a real MariaDB, in a database of this test's own. */
jest.setTimeout(60_000);

const config = loadTestConfig();
let database: TestDatabase;
let sequelize: Sequelize;

beforeAll(async () => {
  database = await createTestDatabase(config.db);
  sequelize = createSequelize({ config: database.config });
});

afterAll(async () => {
  await sequelize?.close();
  await database?.drop();
});

/** Column types as MariaDB reports them, without display widths. */
function normalise(type: string): string {
  return type.toUpperCase().replace(/^(TINYINT|SMALLINT|INT|BIGINT)\(\d+\)/, '$1');
}

function expectedType(sqlType: string): string {
  const upper = sqlType.toUpperCase();
  if (upper === 'JSON') return 'LONGTEXT';
  if (upper === 'TINYINT(1)' || upper === 'BOOLEAN') return 'TINYINT';
  if (upper === 'INTEGER') return 'INT';
  if (upper.startsWith('ENUM(')) return upper.replace(/, /g, ',');
  return upper;
}

it('creates the tables once, even when two processes migrate at the same time', async () => {
  const other = createSequelize({ config: database.config });
  try {
    const [a, b] = await Promise.all([migrate(sequelize), migrate(other)]);
    expect([...a, ...b]).toEqual(MIGRATIONS.map((m) => m.name));
  } finally {
    await other.close();
  }
  expect(await migrate(sequelize)).toEqual([]);
  const tables = (
    (await sequelize.getQueryInterface().showAllTables()) as unknown as { tableName: string }[]
  )
    .map((t) => t.tableName)
    .sort();
  expect(tables).toEqual([...TABLES, MIGRATIONS_TABLE].sort());
});

it('matches the models column for column: names, types, nullability, primary keys', async () => {
  const models = defineModels(sequelize);
  const qi = sequelize.getQueryInterface();
  // Every model, so that a table added later is compared too.
  const all: ModelStatic<Model>[] = Object.values(models);
  expect(all.map((m) => m.getTableName()).sort()).toEqual([...TABLES].sort());
  for (const model of all) {
    const described = await qi.describeTable(model.getTableName() as string);
    const attributes = Object.values(model.getAttributes());
    expect(Object.keys(described).sort()).toEqual(attributes.map((a) => a.field).sort());
    for (const attribute of attributes) {
      const column = described[attribute.field ?? ''];
      const where = `${String(model.getTableName())}.${attribute.field}`;
      expect({ where, type: normalise(column?.type ?? '') }).toEqual({
        where,
        type: expectedType(
          (attribute.type as { toSql(o: object): string }).toSql({
            escape: (v: string) => sequelize.escape(v),
          }),
        ),
      });
      expect({ where, allowNull: column?.allowNull, primaryKey: column?.primaryKey }).toEqual({
        where,
        allowNull: attribute.allowNull !== false,
        primaryKey: attribute.primaryKey === true,
      });
    }
  }
});

it('has no unique key but the primary keys, so that upserts can only match on them', async () => {
  const rows = await sequelize.query<{ indexName: string }>(
    `SELECT TABLE_NAME AS tableName, INDEX_NAME AS indexName FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = DATABASE() AND NON_UNIQUE = 0 AND TABLE_NAME <> '${MIGRATIONS_TABLE}' GROUP BY TABLE_NAME, INDEX_NAME`,
    { type: QueryTypes.SELECT },
  );
  expect(rows.every((r) => r.indexName === 'PRIMARY')).toBe(true);
  expect(rows).toHaveLength(TABLES.length);
});

it('indexes the columns the read API filters on', async () => {
  const rows = await sequelize.query<{ name: string }>(
    `SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME LIKE 'idx_%'`,
    { type: QueryTypes.SELECT },
  );
  expect(rows.map((r) => r.name).sort()).toEqual([
    'idx_fetch_runs_started_at',
    'idx_laureate_affiliations_country_now',
    'idx_laureate_affiliations_prize',
    'idx_laureate_awards_category_year',
    'idx_laureate_awards_prize',
    'idx_laureate_details_birth_country_now',
    'idx_laureate_details_gender',
    'idx_laureate_details_name_en',
    'idx_laureate_directory_sort',
    'idx_laureates_full_name_en',
    'idx_laureates_known_name_en',
    'idx_laureates_org_name_en',
    'idx_prize_laureates_laureate',
    'idx_prizes_award_year',
    'idx_prizes_category_year',
  ]);
});

it('fills the laureate directory from the laureates both sources stored before it existed, names with their version', async () => {
  const before = await createTestDatabase(config.db);
  const earlier = createSequelize({ config: before.config });
  try {
    await createMigrator(earlier).up({ to: '0003-laureate-details' });
    const at = "'2026-01-01 00:00:00'";
    await earlier.query(
      `INSERT INTO laureates (id, kind, known_name_en, org_name_en, fetched_at, updated_at) VALUES
       ('1', 'person', 'Prize Name', NULL, ${at}, ${at}),
       ('2', 'organization', NULL, 'Org Name', ${at}, ${at}),
       ('3', 'person', 'Prize Name Of 3', NULL, ${at}, ${at})`,
    );
    await earlier.query(
      `INSERT INTO laureate_details (id, kind, name_en, source_record, content_hash, fetch_run_id, fetched_at, updated_at) VALUES
       ('3', 'person', 'Source Name Of 3', '{}', 'h', 'r', ${at}, ${at}),
       ('4', 'person', 'Source Name', '{}', 'h', 'r', ${at}, ${at})`,
    );
    await createMigrator(earlier).up({ to: '0004-laureate-directory' });
    // A sink from before 0004, still running after it, renamed a laureate in laureates only:
    // the directory still has the name laureates had.
    await earlier.query(
      "UPDATE laureate_directory SET names_name_en = 'Old Name', sort_name_en = 'Old Name' WHERE id = '1'",
    );
    expect(await migrate(earlier)).toEqual(['0005-laureate-directory-names-version']);
    const version = new Date('2026-01-01T00:00:00Z');
    expect(
      await earlier.query('SELECT * FROM laureate_directory ORDER BY sort_name_en, id', {
        type: QueryTypes.SELECT,
      }),
    ).toEqual([
      {
        id: '2',
        names_name_en: 'Org Name',
        names_fetched_at: version,
        details_name_en: null,
        sort_name_en: 'Org Name',
      },
      {
        id: '1',
        names_name_en: 'Prize Name',
        names_fetched_at: version,
        details_name_en: null,
        sort_name_en: 'Prize Name',
      },
      {
        id: '4',
        names_name_en: null,
        names_fetched_at: null,
        details_name_en: 'Source Name',
        sort_name_en: 'Source Name',
      },
      {
        id: '3',
        names_name_en: 'Prize Name Of 3',
        names_fetched_at: version,
        details_name_en: 'Source Name Of 3',
        sort_name_en: 'Source Name Of 3',
      },
    ]);
  } finally {
    await earlier.close();
    await before.drop();
  }
});
