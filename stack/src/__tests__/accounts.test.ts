import * as mariadb from 'mariadb';
import { createTestDatabase, type TestDatabase } from '@nobel-pipeline/test-utils';
import { runningStack } from './helpers';

/**
 * The three database accounts the stack provisions, on the real MariaDB: the migration account
 * changes the schema, the sink's writes rows and may not change the schema, ingest-api's reads
 * and may do nothing else. (One account held CREATE/ALTER/DROP for all three services before.)
 */
jest.setTimeout(60_000);

const { config } = runningStack();
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(config.db);
});

afterAll(async () => {
  await database?.drop();
});

/** Runs each statement as the account; the error number of each refusal, 0 for success. */
async function outcomes(
  account: { user: string; password: string },
  statements: string[],
): Promise<number[]> {
  const conn = await mariadb.createConnection({
    host: config.db.host,
    port: config.db.port,
    user: account.user,
    password: account.password,
    database: database.config.database,
  });
  try {
    const results: number[] = [];
    for (const sql of statements)
      results.push(
        await conn.query(sql).then(
          () => 0,
          (error: { errno?: number }) => error.errno ?? -1,
        ),
      );
    return results;
  } finally {
    await conn.end();
  }
}

const DENIED = 1142; // ER_TABLEACCESS_DENIED_ERROR

it('gives each account the least it needs', async () => {
  const { migrate, sink, api } = config.accounts;
  expect(
    await outcomes(migrate, [
      'CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))',
      'ALTER TABLE t ADD COLUMN w INT',
      "INSERT INTO t (id, v) VALUES (1, 'a')",
    ]),
  ).toEqual([0, 0, 0]);
  expect(
    await outcomes(sink, [
      "INSERT INTO t (id, v) VALUES (2, 'b')",
      "UPDATE t SET v = 'c' WHERE id = 2",
      'SELECT * FROM t WHERE id = 1 FOR UPDATE',
      'DELETE FROM t WHERE id = 2',
      'CREATE TABLE u (id INT PRIMARY KEY)',
      'ALTER TABLE t ADD COLUMN x INT',
      'DROP TABLE t',
    ]),
  ).toEqual([0, 0, 0, 0, DENIED, DENIED, DENIED]);
  expect(
    await outcomes(api, [
      'SELECT * FROM t',
      "INSERT INTO t (id, v) VALUES (3, 'd')",
      'DELETE FROM t',
      'DROP TABLE t',
    ]),
  ).toEqual([0, DENIED, DENIED, DENIED]);
});
