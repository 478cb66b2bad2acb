import type { Connection } from 'mariadb';
import {
  APP_HOSTS,
  dropApplicationDatabases,
  provision,
  testDatabasePattern,
} from './mariadb-provision';

/** A connection that records statements and answers from a script. */
function fakeConnection(answer: (sql: string, values?: unknown[]) => unknown): {
  conn: Connection;
  sql: string[];
} {
  const sql: string[] = [];
  const conn = {
    query: async (statement: string, values?: unknown[]) => {
      sql.push(statement);
      return answer(statement, values);
    },
    escape: (value: string) => `'${value.replace(/'/g, "''")}'`,
  } as unknown as Connection;
  return { conn, sql };
}

const db = { host: '127.0.0.1', port: 3306, database: 'nobel', user: 'nobel', password: 'pw' };

describe('provision', () => {
  it('creates the database and a user per local host, granting only the application database and its test databases', async () => {
    const { conn, sql } = fakeConnection((statement) =>
      statement.startsWith('SELECT 1 FROM mysql.') ? [] : { warningStatus: 0 },
    );
    const changes = await provision(conn, db);
    expect(changes).toEqual([
      'created database nobel',
      ...APP_HOSTS.map((h) => `created user nobel@${h}`),
    ]);
    expect(sql[0]).toMatch(/^CREATE DATABASE IF NOT EXISTS `nobel` CHARACTER SET utf8mb4/);
    const grants = sql.filter((s) => s.startsWith('GRANT'));
    expect(grants).toHaveLength(APP_HOSTS.length * 2);
    for (const grant of grants) {
      expect(grant).not.toMatch(/ALL|\*\.\*|GRANT OPTION|SUPER|FILE/);
      expect(grant).toMatch(
        /ON `(nobel|nobel\\_test\\_%)`\.\* TO 'nobel'@'(localhost|127\.0\.0\.1|::1)'$/,
      );
    }
  });

  it('grants nothing the user already holds, through its own grant or a pattern', async () => {
    const testDb = { ...db, database: 'nobel_test_abc' };
    const { conn, sql } = fakeConnection((statement, values) =>
      statement.startsWith('SELECT 1 FROM mysql.db') &&
      String(values?.[2]).startsWith('nobel_test_')
        ? [{ 1: 1 }]
        : statement.startsWith('SELECT 1 FROM mysql.user')
          ? [{ 1: 1 }]
          : { warningStatus: 1 },
    );
    await provision(conn, testDb);
    expect(sql.filter((s) => s.startsWith('GRANT'))).toEqual([]);
    const checks = sql.filter((s) => s.startsWith('SELECT 1 FROM mysql.db'));
    expect(checks[0]).toMatch(/\? LIKE Db AND Select_priv = 'Y' AND .* AND Lock_tables_priv = 'Y'/);
  });

  it('keeps an existing user and resets its password to DB_PASSWORD', async () => {
    const { conn, sql } = fakeConnection((statement) =>
      statement.startsWith('SELECT 1 FROM mysql.user') ? [{ 1: 1 }] : { warningStatus: 1 },
    );
    expect(await provision(conn, db)).toEqual([]);
    expect(sql.filter((s) => s.startsWith('ALTER USER'))).toHaveLength(APP_HOSTS.length);
    expect(sql.some((s) => s.startsWith('CREATE USER'))).toBe(false);
  });
});

describe('testDatabasePattern', () => {
  it('escapes the LIKE wildcards of the database name', () => {
    expect(testDatabasePattern('nobel')).toBe('nobel\\_test\\_%');
    expect(testDatabasePattern('my_db')).toBe('my\\_db\\_test\\_%');
  });
});

describe('dropApplicationDatabases', () => {
  it('drops the application database and the test databases it finds', async () => {
    const { conn, sql } = fakeConnection((statement) =>
      statement.startsWith('SELECT SCHEMA_NAME')
        ? [{ name: 'nobel' }, { name: 'nobel_test_1' }]
        : {},
    );
    expect(await dropApplicationDatabases(conn, 'nobel')).toEqual(['nobel', 'nobel_test_1']);
    expect(sql.slice(1)).toEqual(['DROP DATABASE `nobel`', 'DROP DATABASE `nobel_test_1`']);
  });
});
