import { QueryTypes, type Sequelize } from 'sequelize';
import {
  connectAsApp,
  createTestDatabase,
  freePort,
  loadTestConfig,
  type TestDatabase,
} from '@nobel-pipeline/test-utils';
import { createSequelize } from '../connection';
import { dbFailureKind } from '../errors';
import { MIGRATIONS } from '../migrations/index';
import { migrateDatabase } from '../migrations/migrator';
import { readSchemaState } from '../migrations/schema-state';
import { TABLES } from '../models/models';

/** What a service that only reads learns about the schema, on a real MariaDB. */
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

const allMigrations = MIGRATIONS.map((m) => m.name);

it('tells an empty database, a migrated one and a partly migrated one apart', async () => {
  expect(await readSchemaState(sequelize)).toEqual({
    current: false,
    applied: [],
    pending: allMigrations,
    unknown: [],
    missingTables: [...TABLES],
  });

  expect(await migrateDatabase(database.config)).toEqual(allMigrations);
  expect(await readSchemaState(sequelize)).toEqual({
    current: true,
    applied: allMigrations,
    pending: [],
    unknown: [],
    missingTables: [],
  });

  // A table dropped by hand, and a migration recorded by a newer version of the code.
  const conn = await connectAsApp(database.config);
  try {
    await conn.query('DROP TABLE fetch_runs');
    await conn.query('INSERT INTO schema_migrations (name) VALUES (?)', ['9999-from-the-future']);
  } finally {
    await conn.end();
  }
  expect(await readSchemaState(sequelize)).toMatchObject({
    current: false,
    pending: [],
    unknown: ['9999-from-the-future'],
    missingTables: ['fetch_runs'],
  });
});

it('names why a statement failed: a missing table, a wrong password, no database, no server', async () => {
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (error: unknown) => dbFailureKind(error),
    );
  expect(
    await failure(sequelize.query('SELECT * FROM no_such_table', { type: QueryTypes.SELECT })),
  ).toBe('not_migrated');
  expect(
    await failure(
      sequelize.query('SELECT no_such_column FROM prizes', { type: QueryTypes.SELECT }),
    ),
  ).toBe('not_migrated');

  const attempts: [string, Partial<typeof database.config>][] = [
    ['access_denied', { password: 'not-the-password' }],
    ['no_database', { database: `${database.config.database}_missing` }],
    ['unreachable', { port: await freePort() }],
  ];
  for (const [kind, change] of attempts) {
    const other = createSequelize({ config: { ...database.config, ...change } });
    try {
      expect(await failure(other.authenticate())).toBe(kind);
    } finally {
      await other.close();
    }
  }
});
